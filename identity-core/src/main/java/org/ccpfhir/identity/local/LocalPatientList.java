package org.ccpfhir.identity.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ccpfhir.identity.idat.Idat;
import org.ccpfhir.identity.idat.IdatField;
import org.ccpfhir.identity.linkage.LinkageClass;
import org.ccpfhir.identity.pseudonym.PseudonymRegistry;

/**
 * The site's local patient list (CCP-IT §2.2): finds a person among the known ones by blocking keys
 * and the EpiLink matcher and answers the existing local pseudonym (BK&lt;site&gt;L-ID), or stores
 * the new person's IDAT encrypted under a new one. Possible matches are stored as new persons and
 * put on the review list. Requests for people with the same birth date are serialised, so
 * simultaneous requests for one new person create exactly one pseudonym.
 */
public class LocalPatientList {

  /**
   * What the list did. The classification is for the list's own bookkeeping and tests: the
   * pseudonymisation API never tells a caller whether the person was known.
   *
   * @param bkLocalId the local pseudonym
   * @param classification match with a known person, possible match (new, under review) or new
   */
  public record Outcome(String bkLocalId, LinkageClass classification) {}

  private record Stored(Map<IdatField, String> fields, List<String> formerNames) {}

  private static final int STRIPES = 64;

  private final LocalPatientRepository repository;
  private final IdatCipher cipher;
  private final BlockingKeys blockingKeys;
  private final EpiLinkMatcher matcher;
  private final PseudonymRegistry registry;
  private final String domain;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final Object[] stripes = new Object[STRIPES];

  public LocalPatientList(
      LocalPatientRepository repository,
      IdatCipher cipher,
      BlockingKeys blockingKeys,
      EpiLinkMatcher matcher,
      PseudonymRegistry registry,
      String domain,
      Clock clock) {
    this.repository = repository;
    this.cipher = cipher;
    this.blockingKeys = blockingKeys;
    this.matcher = matcher;
    this.registry = registry;
    this.domain = domain;
    this.clock = clock;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Object();
    }
    if (!repository.keyMatches(blockingKeys.checkValue())) {
      throw new IllegalStateException(
          "the local patient list was written with another key; restore the key it was created"
              + " with (see ccp.local-patient-list.key-file) — with a new key every known patient"
              + " would get a new pseudonym");
    }
  }

  public Outcome pseudonymize(Idat idat) {
    BlockingKeys.Keys keys = blockingKeys.of(idat);
    synchronized (stripes[Math.floorMod(keys.birth().hashCode(), STRIPES)]) {
      String bestId = null;
      EpiLinkMatcher.Result best = null;
      for (LocalPatientRepository.Row row : repository.candidates(keys)) {
        EpiLinkMatcher.Result result =
            matcher.compare(idat, decode(cipher.open(row.sealedIdat(), row.bkLocalId())));
        if (best == null || result.score() > best.score()) {
          best = result;
          bestId = row.bkLocalId();
        }
      }
      if (best != null && best.classification() == LinkageClass.MATCH) {
        return new Outcome(bestId, LinkageClass.MATCH);
      }
      String id = registry.issue(domain);
      long now = clock.millis();
      repository.insert(id, keys, cipher.seal(encode(idat), id), now);
      if (best != null && best.classification() == LinkageClass.POSSIBLE_MATCH) {
        repository.addReview(id, bestId, best.score(), best.similarities(), now);
        return new Outcome(id, LinkageClass.POSSIBLE_MATCH);
      }
      return new Outcome(id, LinkageClass.NON_MATCH);
    }
  }

  /**
   * The IDAT stored under a local pseudonym, decrypted — only for the site's own use (a global
   * pseudonym for a known local one goes through the control-number generator).
   */
  public java.util.Optional<Idat> idatOf(String bkLocalId) {
    return repository
        .find(bkLocalId)
        .map(row -> decode(cipher.open(row.sealedIdat(), row.bkLocalId())));
  }

  /**
   * Withdrawal at identity level (CCP-IT §6.5): the person's IDAT and review entries are deleted
   * and the pseudonym is retired, so it is never issued again. Deletion and anonymisation are the
   * same here — the list keeps nothing of the person; they differ in the MDAT store.
   *
   * @return whether the pseudonym belonged to a person on the list
   */
  public boolean withdraw(String bkLocalId) {
    boolean known = repository.delete(bkLocalId);
    registry.retire(bkLocalId);
    return known;
  }

  /** The data manager's answer to a possible match. */
  public enum Decision {
    /** Same person: the newer pseudonym is retired and points to the older one. */
    LINK,
    /** Different people: both stay. */
    NO_LINK
  }

  /**
   * Settles an open review.
   *
   * @return the pseudonym the person keeps (the candidate's on LINK, the new one on NO_LINK), or
   *     empty when there is no open review with that id
   */
  public java.util.Optional<String> decide(String reviewId, Decision decision) {
    java.util.Optional<String[]> review = repository.openReview(reviewId);
    if (review.isEmpty()) {
      return java.util.Optional.empty();
    }
    String newer = review.get()[0];
    String kept = review.get()[1];
    long now = clock.millis();
    repository.decide(reviewId, decision.name(), now);
    if (decision == Decision.NO_LINK) {
      return java.util.Optional.of(newer);
    }
    repository.delete(newer);
    registry.retire(newer);
    repository.alias(newer, kept, now);
    return java.util.Optional.of(kept);
  }

  /** The newer pseudonym of an open review (the one a LINK retires), if the review is open. */
  public java.util.Optional<String> reviewedPseudonym(String reviewId) {
    return repository.openReview(reviewId).map(pair -> pair[0]);
  }

  /** Open possible matches: pseudonym pairs, scores and per-field similarities, never IDAT. */
  public List<Map<String, Object>> openReviews() {
    return repository.openReviews();
  }

  private byte[] encode(Idat record) {
    try {
      return json.writeValueAsBytes(new Stored(record.fields(), record.formerNames()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("IDAT record cannot be encoded");
    }
  }

  private Idat decode(byte[] bytes) {
    try {
      Stored stored = json.readValue(new String(bytes, StandardCharsets.UTF_8), Stored.class);
      Map<IdatField, String> fields = new EnumMap<>(IdatField.class);
      fields.putAll(stored.fields());
      return new Idat(fields, stored.formerNames());
    } catch (JsonProcessingException e) {
      // never include the content: it is IDAT
      throw new IllegalStateException("stored IDAT record is unreadable");
    }
  }
}
