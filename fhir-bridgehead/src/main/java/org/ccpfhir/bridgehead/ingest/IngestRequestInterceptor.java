package org.ccpfhir.bridgehead.ingest;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.ccpfhir.security.fhir.FhirInterceptor;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * Runs ingest checks on whole requests, before anything touches the database, so that problems are
 * reported with their bundle entry index. Resources checked here are remembered in the request so
 * that the storage-level guard does not validate them twice.
 */
@Component
@Interceptor
public class IngestRequestInterceptor implements FhirInterceptor {

  static final String CHECKED_RESOURCES = IngestRequestInterceptor.class.getName() + ".checked";

  private final IngestService ingestService;
  private final ConcurrentWriteGuard writeGuard;

  public IngestRequestInterceptor(IngestService ingestService, ConcurrentWriteGuard writeGuard) {
    this.ingestService = ingestService;
    this.writeGuard = writeGuard;
  }

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
  public void checkRequest(RequestDetails request, RestOperationTypeEnum operation) {
    if (!(request.getResource() instanceof Resource resource)) {
      return;
    }
    switch (operation) {
      case TRANSACTION, BATCH -> {
        if (resource instanceof Bundle bundle) {
          checkTransaction(request, bundle);
        }
      }
      case CREATE, UPDATE -> {
        ingestService.prepareResource(resource, resource.fhirType());
        checked(request).add(resource);
        // parallel conditional writes of one patient: HAPI does not always serialise them
        writeGuard.lockWrite(request, operation);
      }
      default -> {
        // reads, searches and operations carry no data to store
      }
    }
  }

  /**
   * The ingest checks of a transaction or batch bundle, for callers that build the bundle
   * themselves (e.g. {@code $import-obds}) and pass it to the system DAO with this request: the
   * storage-level guard then skips the entries checked here, exactly as for a POSTed bundle. The
   * resources it writes stay locked against concurrent writers until the request is completed
   * ({@link ConcurrentWriteGuard}).
   *
   * @throws ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException with an
   *     OperationOutcome when any entry is refused
   */
  public void checkTransaction(RequestDetails request, Bundle bundle) {
    ingestService.prepareBundle(bundle);
    bundle.getEntry().stream()
        .map(BundleEntryComponent::getResource)
        .filter(r -> r != null)
        .forEach(r -> checked(request).add(r));
    writeGuard.lockWrites(request, bundle);
  }

  @SuppressWarnings("unchecked")
  static Set<Resource> checked(RequestDetails request) {
    return (Set<Resource>)
        request
            .getUserData()
            .computeIfAbsent(
                CHECKED_RESOURCES,
                k ->
                    Collections.synchronizedSet(
                        Collections.newSetFromMap(new IdentityHashMap<>())));
  }
}
