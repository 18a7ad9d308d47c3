package org.ccpfhir.bridgehead.approval;

import org.ccpfhir.disclosure.Released;

/**
 * The count an approver releases, as sealed for the researcher: the value the network's release
 * policy (library {@code disclosure}, {@code CellKeyPolicy}) gives the local matches — a number, or
 * "fewer than floor" for every true count below the floor, 0 included.
 *
 * @param count the released number, or null when below the floor
 * @param below the floor when the released value is "&lt;floor", else null
 */
public record ReleasedCount(Integer count, Integer below) {

  public static ReleasedCount of(Released released) {
    return released.belowFloor()
        ? new ReleasedCount(null, released.floor())
        : new ReleasedCount(released.value(), null);
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
