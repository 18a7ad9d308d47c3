package org.ccpfhir.identity.controlnumber;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ccpfhir.identity.local.EpiLinkMatcher;
import org.ccpfhir.identity.local.IdatField;

/**
 * The control-number generator's core: turns normalised IDAT into {@link ControlNumbers} and keeps
 * nothing. Names use bigram filters of 1000 bits folded to 500 with 10 hash functions; birth date
 * parts and sex small filters of 128 bits folded to 64. All names share one hash family (exchanged
 * first/last names and former names, {@code FORMER_NAME_<i>}, stay comparable).
 */
public final class ControlNumberEncoder {

  static final int NAME_BITS = 1000;
  static final int NAME_HASHES = 10;
  static final int SMALL_BITS = 128;
  static final int SMALL_HASHES = 4;
  static final String FORMER = "FORMER_NAME_";

  /** One hash family for all names, so exchanged first/last names and former names compare. */
  private static final String NAMES = "name";

  private final KeyedBloomFilter bloom;

  /**
   * @param secret the generator's own secret (never shared with the central list or sites)
   */
  public ControlNumberEncoder(byte[] secret) {
    this.bloom = new KeyedBloomFilter(secret);
  }

  public ControlNumbers encode(EpiLinkMatcher.Record idat) {
    Map<String, long[]> filters = new HashMap<>();
    for (IdatField field : IdatField.values()) {
      String value = idat.fields().get(field);
      long[] filter =
          field.isName()
              ? bloom.encode(NAMES, value, NAME_BITS, NAME_HASHES, 2, true)
              : bloom.encode(field.name(), value, SMALL_BITS, SMALL_HASHES, 1, true);
      if (filter != null) {
        filters.put(field.name(), filter);
      }
    }
    List<String> former = idat.formerNames();
    for (int i = 0; i < former.size(); i++) {
      long[] filter = bloom.encode(NAMES, former.get(i), NAME_BITS, NAME_HASHES, 2, true);
      if (filter != null) {
        filters.put(FORMER + i, filter);
      }
    }
    return new ControlNumbers(filters);
  }
}
