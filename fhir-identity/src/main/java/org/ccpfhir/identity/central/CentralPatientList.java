package org.ccpfhir.identity.central;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.ccpfhir.identity.controlnumber.ControlNumberMatcher;
import org.ccpfhir.identity.controlnumber.ControlNumbers;
import org.ccpfhir.identity.controlnumber.LshBlockingIndex;
import org.ccpfhir.identity.linkage.LinkageClass;
import org.ccpfhir.identity.pseudonym.PseudonymRegistry;

/**
 * The central patient list (CCP-IT §2.2, §3.2): holds control numbers, never IDAT. The generator
 * registers a person's control numbers and receives a one-time ticket; the site redeems the ticket
 * and receives its global pseudonym BK<site>G-ID for the linked person. Possible matches get a new
 * person and a review for the linkage admin, whose link decision merges the two.
 *
 * <p>Linkage is serialised (one lock): two requests for the same new person must not both create
 * it. That makes the list a single active node; the database, not the in-memory index, is what a
 * standby takes over.
 */
public class CentralPatientList {

  /** A ticket that is unknown, used, expired or presented by another site. */
  public static class TicketRefusedException extends RuntimeException {
    TicketRefusedException() {
      super("the ticket is unknown, expired or already used");
    }
  }

  /** A record at or above this score adds nothing new: it is not stored as another variant. */
  private static final double SAME_VARIANT = 0.995;

  private static final int REBUILD_BATCH = 10_000;

  private final CentralListRepository repository;
  private final LinkageIndex index;
  private final boolean blocking;
  private final ControlNumberMatcher matcher;
  private final PseudonymRegistry registry;
  private final Duration ticketTtl;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final ReentrantLock linkage = new ReentrantLock();
  private final java.util.concurrent.atomic.AtomicLong lastPurge =
      new java.util.concurrent.atomic.AtomicLong();

  /**
   * @param lsh the blocking index; null compares every stored record (only for measuring what
   *     blocking saves)
   */
  public CentralPatientList(
      CentralListRepository repository,
      LshBlockingIndex lsh,
      ControlNumberMatcher matcher,
      PseudonymRegistry registry,
      Duration ticketTtl,
      Clock clock) {
    this.repository = repository;
    this.blocking = lsh != null;
    this.index = new LinkageIndex(blocking ? lsh : new LshBlockingIndex(1, 1, 0));
    this.matcher = matcher;
    this.registry = registry;
    this.ticketTtl = ticketTtl;
    this.clock = clock;
    List<CentralListRepository.StoredRecord> batch = new ArrayList<>(REBUILD_BATCH);
    repository.forEachRecord(
        row -> {
          batch.add(row);
          if (batch.size() == REBUILD_BATCH) {
            index.addAll(batch);
            batch.clear();
          }
        });
    index.addAll(batch);
  }

  /**
   * The key a central person is known by in the re-encryption targets and the project pseudonyms
   * (the person, not a site pseudonym, owns them).
   */
  public static String personKey(long person) {
    return "person:" + person;
  }

  /** The pseudonym domain of a site's global pseudonyms, e.g. {@code BK-HD-G}. */
  public static String globalDomain(String site) {
    return "BK-" + site + "-G";
  }

  /** Called by the generator: stores the control numbers under a fresh one-time ticket. */
  public String register(String site, ControlNumbers numbers) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    long now = clock.millis();
    purgeExpiredTickets(now);
    repository.insertTicket(ticket, site, numbers.toBase64(), now + ticketTtl.toMillis());
    return ticket;
  }

  /** Unredeemed tickets are deleted once expired; checked at most once per ticket lifetime. */
  private void purgeExpiredTickets(long now) {
    long last = lastPurge.get();
    if (now - last >= ticketTtl.toMillis() && lastPurge.compareAndSet(last, now)) {
      repository.purgeExpiredTickets(now);
    }
  }

  /** Called by the site: the global pseudonym of the person behind the ticket. */
  public String redeem(String site, String ticket) {
    CentralListRepository.Ticket taken =
        repository.takeTicket(ticket).orElseThrow(TicketRefusedException::new);
    if (!taken.site().equals(site) || taken.expiresMs() < clock.millis()) {
      throw new TicketRefusedException();
    }
    ControlNumbers numbers = ControlNumbers.fromBase64(taken.controlNumbers());
    linkage.lock();
    try {
      return pseudonymFor(link(site, numbers), site);
    } finally {
      linkage.unlock();
    }
  }

  private long link(String site, ControlNumbers numbers) {
    long now = clock.millis();
    LinkageIndex.Best best =
        blocking ? index.best(numbers, matcher) : index.bestWithoutBlocking(numbers, matcher);
    LinkageClass verdict = best == null ? LinkageClass.NON_MATCH : best.result().classification();
    if (verdict == LinkageClass.MATCH) {
      if (best.result().score() < SAME_VARIANT) {
        store(best.personId(), site, numbers, now);
      }
      return best.personId();
    }
    long person = repository.newPerson(now);
    int record = store(person, site, numbers, now);
    if (verdict == LinkageClass.POSSIBLE_MATCH) {
      repository.insertReview(
          record,
          best.personId(),
          best.result().score(),
          LinkageReview.formatSimilarities(best.result().similarities(), best.result().weights()),
          now);
    }
    return person;
  }

  private int store(long person, String site, ControlNumbers numbers, long now) {
    int record = repository.insertRecord(person, site, numbers.toBase64(), now);
    index.add(record, person, numbers);
    return record;
  }

  private String pseudonymFor(long person, String site) {
    Optional<String> known = repository.sitePseudonym(person, site);
    if (known.isPresent()) {
      return known.get();
    }
    String fresh = registry.issue(globalDomain(site));
    repository.insertSitePseudonym(fresh, person, site, clock.millis());
    return fresh;
  }

  /** How many reviews wait for the linkage admin (health detail, benchmark). */
  public int openReviewCount() {
    return repository.countReviews(LinkageReview.OPEN);
  }

  public List<LinkageReview> openReviews() {
    return repository.reviews(LinkageReview.OPEN);
  }

  /**
   * Settles a review. Link: the record's person is merged into the candidate (its pseudonyms stay
   * valid and now name the candidate). No link: both stay apart.
   *
   * @return false when the review is not open
   */
  public boolean decide(long reviewId, boolean link, String decidedBy) {
    linkage.lock();
    try {
      Optional<LinkageReview> review = repository.review(reviewId);
      if (review.isEmpty()
          || !repository.decide(
              reviewId,
              LinkageReview.OPEN,
              link ? LinkageReview.LINKED : LinkageReview.NOT_LINKED,
              decidedBy,
              clock.millis())) {
        return false;
      }
      long from = review.get().recordPerson();
      long to = review.get().candidatePerson();
      if (link && from != to) {
        repository.movePerson(from, to);
        index.movePerson(from, to);
      }
      return true;
    } finally {
      linkage.unlock();
    }
  }

  /**
   * Undoes a link decision (a split): the record's first person comes back with its records and its
   * site pseudonyms, which name it alone again.
   *
   * @return false when the review is not a linked one
   */
  public boolean unlink(long reviewId, String decidedBy) {
    linkage.lock();
    try {
      Optional<LinkageReview> review = repository.review(reviewId);
      if (review.isEmpty()
          || !repository.decide(
              reviewId, LinkageReview.LINKED, LinkageReview.UNLINKED, decidedBy, clock.millis())) {
        return false;
      }
      CentralListRepository.Split split =
          repository.splitOff(review.get().recordId(), clock.millis());
      split.records().forEach(record -> index.assign(record, split.person()));
      return true;
    } finally {
      linkage.unlock();
    }
  }

  /** The person a site's global pseudonym names; empty when it is not that site's. */
  public Optional<Long> personOf(String site, String pseudonym) {
    return repository.personOf(site, pseudonym);
  }

  /** The person's global pseudonyms with the site holding each (who must hear of a withdrawal). */
  public List<WithdrawalCases.Holder> holdersOf(long person) {
    return repository.holdersOf(person);
  }

  /**
   * Withdrawal at the central list: the person's control numbers, links and reviews are deleted and
   * every pseudonym of the person is retired (never issued again).
   *
   * @return the retired pseudonyms' count, or empty when the pseudonym is not the site's
   */
  public Optional<Integer> withdraw(String site, String pseudonym) {
    linkage.lock();
    try {
      Optional<Long> person = repository.personOf(site, pseudonym);
      if (person.isEmpty()) {
        return Optional.empty();
      }
      List<String> pseudonyms = repository.pseudonymsOf(person.get());
      repository.recordsOf(person.get()).forEach(index::remove);
      repository.deletePerson(person.get());
      pseudonyms.forEach(registry::retire);
      return Optional.of(pseudonyms.size());
    } finally {
      linkage.unlock();
    }
  }

  /**
   * A partner leaves (CCP-IT §5.3) and the person is held at another site too: only the leaving
   * site's link goes — its pseudonyms of the person, which are retired, and its control-number
   * records (also from the linkage index) with their reviews, unless they are the only records left
   * (see {@link CentralListRepository#detachSite}). The person stays, with the other sites'.
   *
   * @return the retired pseudonyms' count
   */
  public int removeSite(long person, String site) {
    linkage.lock();
    try {
      CentralListRepository.Detached detached = repository.detachSite(person, site);
      detached.records().forEach(index::remove);
      detached.pseudonyms().forEach(registry::retire);
      return detached.pseudonyms().size();
    } finally {
      linkage.unlock();
    }
  }

  /** The persons a site holds a global pseudonym of, with its pseudonyms of each. */
  public java.util.Map<Long, List<String>> personsOfSite(String site) {
    return repository.personsOfSite(site);
  }

  /** Whether another site holds a global pseudonym of the person. */
  public boolean heldElsewhere(long person, String site) {
    return repository.heldElsewhere(person, site);
  }

  /**
   * How many stored records blocking hands to the matcher for these control numbers (benchmark).
   */
  public int candidateCount(ControlNumbers numbers) {
    return blocking ? index.candidateCount(numbers) : index.size();
  }

  /** Records held in memory (a health detail and benchmark figure). */
  public int size() {
    return index.size();
  }
}
