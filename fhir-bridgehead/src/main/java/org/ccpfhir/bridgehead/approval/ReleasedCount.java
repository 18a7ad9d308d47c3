package org.ccpfhir.bridgehead.approval;

/**
 * The count an approver releases, through the network's disclosure idea kept small (DESIGN
 * "Counting and disclosure control"): 0 stays 0, 1 … floor−1 is released only as "fewer than
 * floor", larger counts are rounded to the nearest multiple of {@code rounding} (never below the
 * floor). No noise: a site answers each request once, by a person who sees the request, so there is
 * no repeated automatic querying to average out.
 *
 * @param count the released number, or null when below the floor
 * @param below the floor when the true count is 1 … floor−1, else null
 */
public record ReleasedCount(Integer count, Integer below) {

  public static ReleasedCount of(int trueCount, int floor, int rounding) {
    if (trueCount == 0) {
      return new ReleasedCount(0, null);
    }
    if (trueCount < floor) {
      return new ReleasedCount(null, floor);
    }
    long rounded = Math.round((double) trueCount / rounding) * rounding;
    return new ReleasedCount((int) Math.max(rounded, floor), null);
  }

  /** {@code 20} or {@code <10}. */
  public String text() {
    return count != null ? count.toString() : "<" + below;
  }

  public static ReleasedCount parse(String text) {
    return text.startsWith("<")
        ? new ReleasedCount(null, Integer.parseInt(text.substring(1)))
        : new ReleasedCount(Integer.parseInt(text), null);
  }
}
