package org.ccpfhir.mdssearch.count;

import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.mdssearch.store.MdsAttributes;

/**
 * The dimensions counts are broken down by (issue 5: age at diagnosis, sex, site, vital status).
 * The declaration order is the canonical order of the components of a cross stratification.
 */
public enum Stratifier {
  AGE_AT_DIAGNOSIS("age-at-diagnosis", MdsAttributes.AGE_DECADE),
  SEX("sex", MdsAttributes.SEX),
  SITE("site", MdsAttributes.SITE),
  VITAL_STATUS("vital-status", MdsAttributes.VITAL_STATUS);

  /** The oldest decade the extractor distinguishes (120 = 120 years and older). */
  static final int LAST_DECADE = 120;

  private final String code;
  private final String key;

  Stratifier(String code, String key) {
    this.code = code;
    this.key = key;
  }

  /** The code used in Measure and MeasureReport stratifiers. */
  public String code() {
    return code;
  }

  String key() {
    return key;
  }

  /**
   * Every value of this dimension, whatever the data holds: a stratum lists all of them, so the
   * presence of a cell says nothing.
   *
   * @param sites the network's site codes (the site dimension)
   */
  public List<String> domain(List<String> sites) {
    return switch (this) {
      case AGE_AT_DIAGNOSIS -> {
        List<String> decades = new ArrayList<>();
        for (int decade = 0; decade <= LAST_DECADE; decade += 10) {
          decades.add(Integer.toString(decade));
        }
        decades.add(MdsAttributes.UNKNOWN);
        yield List.copyOf(decades);
      }
      case SEX -> List.of("female", "male", "other", MdsAttributes.UNKNOWN);
      case SITE -> sites;
      case VITAL_STATUS ->
          List.of(MdsAttributes.ALIVE, MdsAttributes.DECEASED, MdsAttributes.UNKNOWN);
    };
  }

  public static Stratifier of(String code) {
    for (Stratifier stratifier : values()) {
      if (stratifier.code.equals(code)) {
        return stratifier;
      }
    }
    throw new CriteriaException(
        "unknown stratifier '"
            + CriteriaParser.shorten(String.valueOf(code))
            + "' (supported: age-at-diagnosis, sex, site, vital-status)");
  }

  /** The label of a stratum value: age decades as {@code 60-69}, others as stored. */
  public String label(String value) {
    if (this == AGE_AT_DIAGNOSIS && !value.equals(MdsAttributes.UNKNOWN)) {
      int decade = Integer.parseInt(value);
      return decade + "-" + (decade + 9);
    }
    return value;
  }
}
