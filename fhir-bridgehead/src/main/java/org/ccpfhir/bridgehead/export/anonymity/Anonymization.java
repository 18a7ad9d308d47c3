package org.ccpfhir.bridgehead.export.anonymity;

import java.util.List;

/**
 * The result of {@link KAnonymizer#anonymise}: the chosen generalisation level per
 * quasi-identifier, the records kept (row indices of the input, in input order) with their
 * generalised values, and the information loss. Suppressed records are left out.
 *
 * @param hierarchies the quasi-identifiers, in input order
 * @param levels the chosen level per quasi-identifier
 * @param keptRows indices of the input rows in the output
 * @param values the generalised quasi-identifiers of each kept row ({@code values.get(i)} belongs
 *     to {@code keptRows[i]})
 * @param suppressed records left out
 * @param loss information loss
 */
public record Anonymization(
    List<Hierarchy> hierarchies,
    int[] levels,
    int[] keptRows,
    List<String[]> values,
    int suppressed,
    InformationLoss loss) {

  /** The label of the chosen level of quasi-identifier {@code q} (e.g. "10-year bands"). */
  public String levelLabel(int q) {
    return hierarchies.get(q).levels().get(levels[q]);
  }
}
