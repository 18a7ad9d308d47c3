package org.ccpfhir.mappers.tolerance;

/**
 * One thing the tolerance policy did with a source value (mappers/README.md, "Real-world
 * tolerance"). Never holds the value of an identifying field; TNM, therapy-type and date-rule
 * issues may name the code as written, because codes of those lists are not identifying.
 *
 * @param action what happened to the value
 * @param rule the rule of the policy table, e.g. {@code tnm-suffix-dropped}; for schema problems
 *     the XML Schema rule ({@code cvc-pattern-valid})
 * @param element where in the source: element path below the patient (e.g. {@code Diagnose/cTNM/N})
 * @param detail what was lost or why the patient was refused; no identifying value
 */
public record Issue(Action action, String rule, String element, String detail) {

  /** The three outcomes of the policy, plus schema problems on fields the platform discards. */
  public enum Action {
    /** A known spelling was mapped to the coded element; what the code cannot say is noted. */
    NORMALISED,
    /** The value cannot be coded: the element is left out, the resource kept. */
    DROPPED,
    /** A schema rule on a field the platform discards (insurance, address): reported only. */
    IGNORED,
    /** The patient's resources cannot be valid: nothing of the patient is stored. */
    REFUSED;

    /** The kind as it appears in the import report. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public boolean refusal() {
    return action == Action.REFUSED;
  }
}
