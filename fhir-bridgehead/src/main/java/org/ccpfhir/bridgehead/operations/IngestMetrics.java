package org.ccpfhir.bridgehead.operations;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.ccpfhir.security.fhir.FhirInterceptor;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;

/**
 * Ingest rate: counters {@value #BUNDLES} and {@value #RESOURCES} (tag {@code source} = {@code
 * bundle} for POSTed transaction/batch bundles, {@code import-obds} for oBDS/ADT-GEKID documents).
 * Counted from the answer, so only what was stored counts: a refused bundle (422) stores nothing
 * and is not counted; a batch counts the entries that succeeded.
 */
@Interceptor
public class IngestMetrics implements FhirInterceptor {

  public static final String BUNDLES = "ccp.ingest.bundles";
  public static final String RESOURCES = "ccp.ingest.resources";

  private final Counter bundles;
  private final Counter resources;
  private final Counter importedDocuments;
  private final Counter importedResources;

  public IngestMetrics(MeterRegistry registry) {
    bundles = bundles(registry, "bundle");
    resources = resources(registry, "bundle");
    importedDocuments = bundles(registry, "import-obds");
    importedResources = resources(registry, "import-obds");
  }

  @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
  public boolean responded(RequestDetails request, ResponseDetails response) {
    if (response != null
        && "$import-obds".equals(request.getOperation())
        && response.getResponseResource() instanceof Parameters imported) {
      // the import's answer carries one transaction response per stored unit
      long stored =
          imported.getParameters("response").stream()
              .map(p -> p.getResource())
              .filter(Bundle.class::isInstance)
              .flatMap(b -> ((Bundle) b).getEntry().stream())
              .filter(IngestMetrics::succeeded)
              .count();
      importedDocuments.increment();
      importedResources.increment(stored);
      return true;
    }
    if (response == null || !(response.getResponseResource() instanceof Bundle answer)) {
      return true;
    }
    if (answer.getType() != Bundle.BundleType.TRANSACTIONRESPONSE
        && answer.getType() != Bundle.BundleType.BATCHRESPONSE) {
      return true;
    }
    long stored = answer.getEntry().stream().filter(IngestMetrics::succeeded).count();
    RestOperationTypeEnum operation = request.getRestOperationType();
    if (operation == RestOperationTypeEnum.TRANSACTION
        || operation == RestOperationTypeEnum.BATCH) {
      bundles.increment();
      resources.increment(stored);
    } else if ("$import-obds".equals(request.getOperation())) {
      importedDocuments.increment();
      importedResources.increment(stored);
    }
    return true;
  }

  private static boolean succeeded(Bundle.BundleEntryComponent entry) {
    String status = entry.getResponse().getStatus();
    return status != null && status.startsWith("2");
  }

  private static Counter bundles(MeterRegistry registry, String source) {
    return Counter.builder(BUNDLES)
        .description("Bundles (or oBDS documents) ingested and stored")
        .tag("source", source)
        .register(registry);
  }

  private static Counter resources(MeterRegistry registry, String source) {
    return Counter.builder(RESOURCES)
        .description("Resources stored by ingested bundles (or oBDS documents)")
        .tag("source", source)
        .register(registry);
  }
}
