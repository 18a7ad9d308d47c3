package org.ccpfhir.mdssearch.disclosure;

/**
 * One released count.
 *
 * @param value the released number, or null when the true count is below the floor
 * @param floor the floor ("&lt;floor" is shown when value is null)
 * @param trueCount the true count (for the audit record only; never sent)
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
