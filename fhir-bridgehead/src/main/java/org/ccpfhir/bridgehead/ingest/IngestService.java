package org.ccpfhir.bridgehead.ingest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Service;

/**
 * Prepares a submission for the store: keeps IDAT out, makes entries idempotent and validates every
 * resource against the MDS profiles. A submission with any error is refused as a whole with one
 * OperationOutcome naming entry, resource, location and rule, and nothing of it is stored.
 */
@Service
public class IngestService {

  private final FhirContext fhirContext;
  private final IdatGuard idatGuard;
  private final ConditionalEntryRewriter rewriter;
  private final EntryValidator validator;
  private final IngestProperties properties;
  private final ExecutorService pool;
  private final Semaphore bundles;

  public IngestService(
      FhirContext fhirContext,
      IdatGuard idatGuard,
      ConditionalEntryRewriter rewriter,
      EntryValidator validator,
      IngestProperties properties) {
    this.fhirContext = fhirContext;
    this.idatGuard = idatGuard;
    this.rewriter = rewriter;
    this.validator = validator;
    this.properties = properties;
    this.pool = Executors.newFixedThreadPool(properties.effectiveValidationThreads());
    this.bundles = new Semaphore(properties.concurrentBundles(), true);
  }

  /** Checks a transaction or batch bundle; throws 422 with an OperationOutcome on any error. */
  public void prepareBundle(Bundle bundle) {
    IngestIssues issues = new IngestIssues();
    List<BundleEntryComponent> entries = bundle.getEntry();
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).hasResource()) {
        idatGuard.applyOnIngest(entries.get(i).getResource(), entryPath(i), issues);
      }
    }
    if (issues.hasErrors()) {
      // IDAT are refused before validation so that no validator message can echo them.
      throw refusal(issues);
    }
    if (properties.conditionalByIdentifier()) {
      rewriter.rewrite(bundle);
    }
    validateInTurn(entries, issues);
    if (issues.hasErrors()) {
      throw refusal(issues);
    }
  }

  /**
   * Validates with one of {@code ccp.ingest.concurrent-bundles} permits, so that a burst of large
   * bundles cannot hold more validation state than the heap has; a bundle that does not get a
   * permit within {@code ccp.ingest.bundle-wait} is answered 429 (nothing stored, send again).
   */
  private void validateInTurn(List<BundleEntryComponent> entries, IngestIssues issues) {
    boolean permitted;
    try {
      permitted = bundles.tryAcquire(properties.bundleWait().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      permitted = false;
    }
    if (!permitted) {
      throw new IngestBusyException(properties.bundleWait());
    }
    try {
      validateAll(entries, issues);
    } finally {
      bundles.release();
    }
  }

  /** Checks a single resource (create, update, patch result). */
  public void prepareResource(Resource resource, String path) {
    IngestIssues issues = new IngestIssues();
    idatGuard.apply(resource, path, issues);
    if (!issues.hasErrors()) {
      validator.validate(resource, path, issues);
    }
    if (issues.hasErrors()) {
      throw refusal(issues);
    }
  }

  private void validateAll(List<BundleEntryComponent> entries, IngestIssues issues) {
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Resource resource = entries.get(i).getResource();
      if (resource != null) {
        String path = entryPath(i);
        futures.add(pool.submit(() -> validator.validate(resource, path, issues)));
      }
    }
    for (Future<?> future : futures) {
      try {
        future.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Validation interrupted", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("Validation failed", e.getCause());
      }
    }
  }

  private UnprocessableEntityException refusal(IngestIssues issues) {
    return new UnprocessableEntityException(fhirContext, issues.toOperationOutcome());
  }

  static String entryPath(int index) {
    return "Bundle.entry[" + index + "].resource";
  }

  @PreDestroy
  void shutdown() {
    pool.shutdownNow();
  }
}
