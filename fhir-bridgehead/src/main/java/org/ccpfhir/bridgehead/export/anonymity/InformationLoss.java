package org.ccpfhir.bridgehead.export.anonymity;

/**
 * How much the anonymisation cost, reported with every export.
 *
 * @param generalisationHeight Sweeney's precision loss: the mean over the quasi-identifiers of
 *     level / top level; 0 = nothing generalised, 1 = every quasi-identifier suppressed
 * @param discernibility Bayardo and Agrawal's discernibility metric: the sum of the squared sizes
 *     of the equivalence classes, plus cohort size for each suppressed record; n = every record
 *     distinct (only possible for k = 1), n² = one class or everything suppressed
 * @param averageClassSize LeFevre's normalised average equivalence class size: records kept /
 *     (classes · k); 1 is the ideal
 * @param suppressedShare records suppressed / cohort size
 * @param classes the number of equivalence classes in the output
 * @param smallestClass the size of the smallest class in the output (at least k)
 */
public record InformationLoss(
    double generalisationHeight,
    long discernibility,
    double averageClassSize,
    double suppressedShare,
    int classes,
    int smallestClass) {}
