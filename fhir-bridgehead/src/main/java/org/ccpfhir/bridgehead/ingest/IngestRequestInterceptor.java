package org.ccpfhir.bridgehead.ingest;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ccpfhir.security.fhir.FhirInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.OperationOutcome;
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
  static final String REFUSED_ENTRIES = IngestRequestInterceptor.class.getName() + ".refused";
  static final String BUNDLE_CHECK = IngestRequestInterceptor.class.getName() + ".bundleCheck";

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
   * ({@link ConcurrentWriteGuard}). In a batch, each refused entry is answered with its own 422 and
   * the other entries are stored.
   *
   * @throws ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException with an
   *     OperationOutcome when any entry of a transaction is refused (a batch: see above)
   */
  public void checkTransaction(RequestDetails request, Bundle bundle) {
    IngestService.BundleCheck check = ingestService.prepareBundle(bundle);
    List<BundleEntryComponent> entries = bundle.getEntry();
    for (int i = 0; i < entries.size(); i++) {
      Resource resource = entries.get(i).getResource();
      if (resource == null) {
        continue;
      }
      if (check.refused(i)) {
        // a refused batch entry: the storage guard answers it with its own 422 when HAPI's batch
        // processing gets to it, the other entries go on
        refusals(request).put(resource, check.outcome(i));
      } else {
        checked(request).add(resource);
      }
    }
    request.getUserData().put(BUNDLE_CHECK, check);
    writeGuard.lockWrites(request, bundle);
  }

  /**
   * Adds each entry's warnings (input shape notes) to its {@code response.outcome} of the
   * transaction- or batch-response, next to HAPI's own information issue. A refused batch entry
   * gets its full OperationOutcome (HAPI's batch keeps only the exception message of it).
   */
  @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
  public boolean addEntryOutcomes(RequestDetails request, IBaseResource response) {
    if (!(request.getUserData().get(BUNDLE_CHECK) instanceof IngestService.BundleCheck check)
        || !(response instanceof Bundle bundle)
        || (bundle.getType() != Bundle.BundleType.TRANSACTIONRESPONSE
            && bundle.getType() != Bundle.BundleType.BATCHRESPONSE)) {
      return true;
    }
    List<BundleEntryComponent> entries = bundle.getEntry();
    for (int i = 0; i < entries.size() && i < check.size(); i++) {
      BundleEntryComponent entry = entries.get(i);
      if (check.refused(i)) {
        entry.getResponse().setOutcome(check.outcome(i));
      } else if (check.hasIssues(i)) {
        OperationOutcome notes = check.outcome(i);
        if (entry.getResponse().getOutcome() instanceof OperationOutcome existing) {
          notes.getIssue().forEach(existing::addIssue);
        } else {
          entry.getResponse().setOutcome(notes);
        }
      }
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  static Map<Resource, OperationOutcome> refusals(RequestDetails request) {
    return (Map<Resource, OperationOutcome>)
        request
            .getUserData()
            .computeIfAbsent(
                REFUSED_ENTRIES, k -> Collections.synchronizedMap(new IdentityHashMap<>()));
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
