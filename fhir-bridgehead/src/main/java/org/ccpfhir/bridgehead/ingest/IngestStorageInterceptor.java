package org.ccpfhir.bridgehead.ingest;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Set;
import org.ccpfhir.security.fhir.StorageInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * Last line of defence: every clinical resource written through any path (patch, conditional
 * operations, future operations) passes the IDAT guard and profile validation before it is stored.
 * Throwing here rolls back the whole database transaction. Resources that the request-level check
 * has already validated are skipped; a batch entry it refused is answered with its own 422 here.
 * Internal writes without a request (terminology and conformance resources loaded at start-up) are
 * not clinical data and are not checked.
 */
@Component
@Interceptor
public class IngestStorageInterceptor implements StorageInterceptor {

  private final IngestService ingestService;

  public IngestStorageInterceptor(IngestService ingestService) {
    this.ingestService = ingestService;
  }

  @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
  public void created(IBaseResource resource, RequestDetails request) {
    check(resource, request);
  }

  @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
  public void updated(
      IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
    check(newResource, request);
  }

  private void check(IBaseResource resource, RequestDetails request) {
    if (request == null || !(resource instanceof Resource r) || isConformance(r)) {
      return;
    }
    OperationOutcome refused = IngestRequestInterceptor.refusals(request).get(r);
    if (refused != null) {
      throw ingestService.refusal(refused);
    }
    Set<Resource> checked = IngestRequestInterceptor.checked(request);
    if (!checked.contains(r)) {
      ingestService.prepareResource(r, r.fhirType());
      checked.add(r);
    }
  }

  private static boolean isConformance(Resource resource) {
    return switch (resource.fhirType()) {
      case "CodeSystem",
          "ValueSet",
          "ConceptMap",
          "StructureDefinition",
          "SearchParameter",
          "OperationDefinition",
          "NamingSystem" ->
          true;
      default -> false;
    };
  }
}
