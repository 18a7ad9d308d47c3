package org.ccpfhir.bridgehead.importer;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.ccpfhir.security.audit.AuditEntry;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.r4.model.Parameters;
import org.springframework.stereotype.Component;

/**
 * {@code POST [base]/$import-obds} (OperationDefinition in the profiles module): an oBDS 3 or
 * ADT-GEKID 2 document, as the raw XML body or as the {@code document} part of a Parameters, is
 * mapped to MDS resources and stored patient by patient through the ingest checks. Answers a
 * Parameters with the import report ({@link ImportAnswer}); 422 when no patient could be stored; a
 * document that is not readable XML of either format is refused with 400 and an OperationOutcome
 * naming line, column and rule, and nothing is stored.
 */
@Component
public class ObdsImportOperationProvider implements FhirProvider {

  private final ObdsImportService service;
  private final FhirContext fhirContext;

  public ObdsImportOperationProvider(ObdsImportService service, FhirContext fhirContext) {
    this.service = service;
    this.fhirContext = fhirContext;
  }

  // manualRequest: HAPI would otherwise parse an XML body as a FHIR resource and refuse it
  @Operation(name = "$import-obds", idempotent = false, manualRequest = true)
  public Parameters importObds(RequestDetails request) {
    byte[] document = ImportedDocument.read(request, fhirContext);
    ObdsImportService.Result result = service.importDocument(document, "document", request);
    if (request instanceof ServletRequestDetails servlet) {
      // counts only: the audit trail must not hold identifying data
      servlet
          .getServletRequest()
          .setAttribute(
              AuditEntry.DETAIL_ATTRIBUTE,
              "import-obds: "
                  + result.messages()
                  + " messages, "
                  + result.report().patientsStored()
                  + " patients stored, "
                  + result.report().patientsRefused()
                  + " refused, "
                  + result.report().resourceCount()
                  + " resources");
    }
    return ImportAnswer.of(result.report(), result.responses());
  }
}
