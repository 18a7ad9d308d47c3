package org.ccpfhir.mdssearch.store;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ccpfhir.mdssearch.count.CountIndex;
import org.ccpfhir.security.fhir.DepartedSites;
import org.hl7.fhir.r4.model.Bundle;

/**
 * The MDS database's write side, for the upload (Teiler) to plug in: every change of the store is
 * applied to the count engine's indexes right after it is committed. Serialised, so the index
 * follows the store in commit order.
 */
public class MdsStoreService implements DepartedSites {

  /** Prefix of the random keys of anonymised records; never a pseudonym an upload can carry. */
  public static final String ANONYMOUS_PREFIX = "A-";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final MdsRecordRepository repository;
  private final CountIndex index;

  public MdsStoreService(MdsRecordRepository repository, CountIndex index) {
    this.repository = repository;
    this.index = index;
  }

  /** Stores (or replaces) the MDS resources of one patient of a site. */
  public synchronized StoredChange upsert(String site, String mdsId, Bundle bundle) {
    StoredChange change = repository.upsert(site, mdsId, bundle);
    index.apply(change);
    return change;
  }

  /** Stores several patients of one site in one transaction (an upload batch). */
  public synchronized List<StoredChange> upsertAll(String site, Map<String, Bundle> bundles) {
    List<StoredChange> changes = repository.upsertAll(site, bundles);
    changes.forEach(index::apply);
    return changes;
  }

  /** Removes one patient of a site (consent withdrawn, deletion); false if it was not stored. */
  public synchronized boolean delete(String site, String mdsId) {
    Optional<StoredChange> change = repository.delete(site, mdsId);
    change.ifPresent(index::apply);
    return change.isPresent();
  }

  /**
   * Withdrawal of a person (CCP-IT §6.5): its records are deleted, of one site or — {@code site}
   * null, a person known by an MDS*G-ID — of every site.
   *
   * @return records removed
   */
  public synchronized int deleteAll(String site, String mdsId) {
    List<String> sites = site == null ? repository.sitesOf(mdsId) : List.of(site);
    int deleted = 0;
    for (String holder : sites) {
      deleted += delete(holder, mdsId) ? 1 : 0;
    }
    return deleted;
  }

  /**
   * Anonymisation of a withdrawn person: its records stay for counting under a fresh random key
   * that no pseudonym leads to.
   *
   * @return records re-keyed
   */
  public synchronized int anonymise(String site, String mdsId) {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    return repository.rekey(site, mdsId, ANONYMOUS_PREFIX + HexFormat.of().formatHex(random));
  }

  /** What a partner's departure did at the MDS database. */
  public record Departure(int kept, int anonymised, int deleted) {}

  /**
   * A partner leaves (CCP-IT §5.3), on the central list's instruction: the site's records under a
   * key to keep stay; under a key to anonymise they are re-keyed at random (the person stays at
   * other sites under its key); records anonymised before stay; every other record of the site is
   * deleted. The site is marked departed first, so no upload slips in meanwhile. A repetition
   * changes nothing.
   */
  public synchronized Departure depart(
      String site, String caseId, Set<String> keep, Set<String> anonymise) {
    repository.markDeparted(site, caseId);
    int kept = 0;
    int anonymised = 0;
    int deleted = 0;
    for (String key : repository.keysOf(site)) {
      if (keep.contains(key) || key.startsWith(ANONYMOUS_PREFIX)) {
        kept++;
      } else if (anonymise.contains(key)) {
        anonymised += anonymise(site, key);
      } else {
        deleted += delete(site, key) ? 1 : 0;
      }
    }
    return new Departure(kept, anonymised, deleted);
  }

  /** Whether the site has left the network. */
  public boolean departed(String site) {
    return repository.departed(site);
  }

  /** Every departed site (the port {@code DepartedSiteGuard} caches). */
  @Override
  public Set<String> departedSites() {
    return repository.departedSites();
  }

  public long patients() {
    return repository.count();
  }
}
