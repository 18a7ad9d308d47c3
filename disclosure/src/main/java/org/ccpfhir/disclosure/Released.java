package org.ccpfhir.disclosure;

/**
 * One released count.
 *
 * @param value the released number, or null when it is shown as "&lt;floor"
 * @param floor the floor ("&lt;floor" is shown when value is null)
 * @param trueCount the true count (for the release record only; never sent)
 */
public record Released(Integer value, int floor, int trueCount) {

  public boolean belowFloor() {
    return value == null;
  }

  @Override
  public String toString() {
    return belowFloor() ? "<" + floor : value.toString();
  }
}
