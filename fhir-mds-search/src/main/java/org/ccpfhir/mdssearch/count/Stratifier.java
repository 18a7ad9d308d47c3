package org.ccpfhir.mdssearch.count;

import org.ccpfhir.mdssearch.store.MdsAttributes;

/**
 * The dimensions counts are broken down by (issue 5: age at diagnosis, sex, site, vital status).
 */
public enum Stratifier {
  AGE_AT_DIAGNOSIS("age-at-diagnosis", MdsAttributes.AGE_DECADE),
  SEX("sex", MdsAttributes.SEX),
  SITE("site", MdsAttributes.SITE),
  VITAL_STATUS("vital-status", MdsAttributes.VITAL_STATUS);

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
