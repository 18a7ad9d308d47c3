package org.ccpfhir.bridgehead.export;

import java.util.List;
import org.ccpfhir.bridgehead.export.cohort.CohortSelection;

/**
 * A parsed {@code $export-study} request.
 *
 * @param study the study id
 * @param studyCertificate the study certificate sent with the request (PEM or DER), or null for a
 *     registered study
 * @param cohort which patients
 * @param k the requested k, or null for the configured default
 * @param format output format
 * @param columns requested columns, or empty for the default set
 */
public record ExportRequest(
    String study,
    byte[] studyCertificate,
    CohortSelection cohort,
    Integer k,
    ExportFormat format,
    List<ExportColumn> columns) {

  public ExportRequest {
    columns = List.copyOf(columns);
  }
}
