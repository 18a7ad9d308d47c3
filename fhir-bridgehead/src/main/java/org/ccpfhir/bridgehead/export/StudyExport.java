package org.ccpfhir.bridgehead.export;

import java.util.List;
import org.ccpfhir.bridgehead.export.anonymity.Anonymization;

/**
 * A sealed study export and what it cost.
 *
 * @param study the study id
 * @param keyId the label of the study key in the envelope
 * @param format how the rows are written inside the envelope
 * @param k the k the export satisfies
 * @param columns the exported columns after the study pseudonym
 * @param sealed the rows, signed by the bridgehead and encrypted under the study key (CMS, DER)
 * @param wrappedKey the study key, encrypted for the study certificate (CMS, DER)
 * @param cohortSize patients in the cohort
 * @param anonymization generalisation levels, suppressed records and information loss
 */
public record StudyExport(
    String study,
    String keyId,
    ExportFormat format,
    int k,
    List<ExportColumn> columns,
    byte[] sealed,
    byte[] wrappedKey,
    int cohortSize,
    Anonymization anonymization) {

  public int rows() {
    return anonymization.keptRows().length;
  }
}
