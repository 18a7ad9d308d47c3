package org.ccpfhir.disclosure;

/**
 * The network's release rule for one count (module README): a true count below the floor — 0
 * included — is "&lt;floor"; otherwise the record sample's members of the cell, scaled up by the
 * sampling rate, go through the {@link PerturbationTable} with the cell key of those members. The
 * released value depends on the true count only through the floor, and on nothing but the counted
 * members otherwise: the same set always gives the same value, a record outside the sample never
 * changes one.
 *
 * @param floor true counts 0 … floor−1 are released as "&lt;floor"
 * @param rounding released counts are multiples of it
 * @param samplingRate the share of records that count ({@link RecordSample}); 1 = all
 */
public record CellKeyPolicy(int floor, int rounding, double samplingRate) {

  public CellKeyPolicy {
    if (floor < 1 || rounding < 1 || !(samplingRate > 0 && samplingRate <= 1)) {
      throw new IllegalArgumentException(
          "floor and rounding at least 1, sampling rate in (0, 1]: "
              + floor
              + ", "
              + rounding
              + ", "
              + samplingRate);
    }
  }

  /** Every record counts. */
  public CellKeyPolicy(int floor, int rounding) {
    this(floor, rounding, 1);
  }

  /**
   * The released value of a cell.
   *
   * @param trueCount the cell's true count
   * @param counted its members in the record sample (= trueCount at a rate of 1)
   * @param cellKey the sum of the counted members' record keys, modulo 2^32
   * @param measure {@link PerturbationTable#PATIENTS}, {@link PerturbationTable#SAMPLES} or another
   *     constant: another measure of the same members is another draw
   */
  public Released release(int trueCount, int counted, int cellKey, long measure) {
    if (trueCount < floor) {
      return new Released(null, floor, trueCount);
    }
    int estimate =
        samplingRate >= 1
            ? counted
            : (int) Math.min(Integer.MAX_VALUE, Math.round(counted / samplingRate));
    return new Released(table().release(estimate, cellKey, measure), floor, trueCount);
  }

  private PerturbationTable table() {
    return new PerturbationTable(floor, rounding);
  }
}
