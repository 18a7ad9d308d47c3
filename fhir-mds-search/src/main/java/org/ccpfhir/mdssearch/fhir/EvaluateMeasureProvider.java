package org.ccpfhir.mdssearch.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.ccpfhir.mdssearch.count.SearchCatalog;
import org.ccpfhir.mdssearch.disclosure.ReleasedCounts;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.MeasureReport;

/**
 * {@code POST [base]/Measure/$evaluate-measure} with an inline Measure (or a criteria string): a
 * summary MeasureReport of released counts with strata (OperationDefinition {@code
 * mds-evaluate-measure}). The body is read here, not by HAPI, so every malformed request gets a 400
 * that says what is wrong.
 */
public class EvaluateMeasureProvider implements FhirProvider {

  private final FhirContext fhir;
  private final SearchCatalog catalog;
  private final CountService counts;
  private final MeasureReportBuilder reports;

  public EvaluateMeasureProvider(
      FhirContext fhir,
      SearchCatalog catalog,
      CountService counts,
      CountSearchProperties properties) {
    this.fhir = fhir;
    this.catalog = catalog;
    this.counts = counts;
    this.reports = new MeasureReportBuilder(properties);
  }

  @Operation(
      name = "$evaluate-measure",
      type = Measure.class,
      manualRequest = true,
      idempotent = false,
      canonicalUrl = "https://ccp-fhir.org/fhir/OperationDefinition/mds-evaluate-measure")
  public MeasureReport evaluate(RequestDetails request) {
    MeasureRequest measure = MeasureRequest.read(fhir, catalog, request.loadRequestContents());
    ReleasedCounts released = counts.count(measure.criteria(), measure.stratifications(), request);
    return reports.build(measure.measureUrl(), released);
  }
}
