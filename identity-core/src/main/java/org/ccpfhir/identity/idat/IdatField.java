package org.ccpfhir.identity.idat;

/**
 * The identifying fields the local patient list compares, with the EpiLink parameters of each:
 * {@code frequency} is the average share of records sharing one value (how much agreement says),
 * {@code errorRate} how often the field is recorded wrongly (how much disagreement is forgiven).
 * Defaults follow the values used for German registry data in the EpiLink literature and
 * Mainzelliste's defaults, rounded.
 */
public enum IdatField {
  FIRST_NAME(0.000235, 0.01, true),
  LAST_NAME(0.0000271, 0.008, true),
  BIRTH_DAY(1.0 / 31, 0.005, false),
  BIRTH_MONTH(1.0 / 12, 0.002, false),
  BIRTH_YEAR(1.0 / 100, 0.004, false),
  SEX(1.0 / 2, 0.002, false),
  CITIZENSHIP(1.0 / 10, 0.05, false);

  private final double frequency;
  private final double errorRate;
  private final boolean name;

  IdatField(double frequency, double errorRate, boolean name) {
    this.frequency = frequency;
    this.errorRate = errorRate;
    this.name = name;
  }

  /** EpiLink weight {@code log2((1 - e) / f)}. */
  public double weight() {
    return Math.log((1 - errorRate) / frequency) / Math.log(2);
  }

  /** Compared by string similarity (names) rather than equality. */
  public boolean isName() {
    return name;
  }
}
