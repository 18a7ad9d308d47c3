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
import org.ccpfhir.profiles.shapes.InputShapes;
import org.ccpfhir.profiles.shapes.ShapeNote;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Service;

/**
 * Prepares a submission for the store: brings foreign input shapes into the MDS shape, keeps IDAT
 * out, makes entries idempotent and validates every resource against the MDS profiles. A
 * transaction (or single write) with any error is refused as a whole with one OperationOutcome
 * naming entry, resource, location and rule, and nothing of it is stored; a batch is judged entry
 * by entry.
 */
@Service
public class IngestService {

  private final FhirContext fhirContext;
  private final IdatGuard idatGuard;
  private final ConditionalEntryRewriter rewriter;
  private final EntryValidator validator;
  private final IngestProperties properties;
  private final InputShapes shapes = new InputShapes();
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

  /**
   * Checks a transaction or batch bundle. Foreign input shapes (DKTK onco-core, MII KDS Onkologie)
   * are brought into the MDS shape first ({@link InputShapes}); what cannot be carried over becomes
   * a warning of its entry. A transaction with any error is refused as a whole (422 with one
   * OperationOutcome); a batch is judged entry by entry: the answer names the refused entries, and
   * the caller refuses those alone.
   *
   * @return the issues of every entry (warnings, and the errors of refused batch entries)
   */
  public BundleCheck prepareBundle(Bundle bundle) {
    boolean batch = bundle.getType() == Bundle.BundleType.BATCH;
    List<BundleEntryComponent> entries = bundle.getEntry();
    List<IngestIssues> perEntry = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      perEntry.add(new IngestIssues());
    }
    for (ShapeNote note : shapes.normalise(bundle)) {
      perEntry
          .get(note.entry())
          .add(
              note.lost() ? IssueSeverity.WARNING : IssueSeverity.INFORMATION,
              IssueType.INFORMATIONAL,
              note.expression(),
              note.message());
    }
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).hasResource()) {
        idatGuard.applyOnIngest(entries.get(i).getResource(), entryPath(i), perEntry.get(i));
      }
    }
    BundleCheck check = new BundleCheck(perEntry);
    if (!batch && check.hasErrors()) {
      // IDAT are refused before validation so that no validator message can echo them.
      throw refusal(check.merged());
    }
    if (properties.conditionalByIdentifier()) {
      rewriter.rewrite(bundle);
    }
    validateInTurn(entries, perEntry);
    if (!batch && check.hasErrors()) {
      throw refusal(check.merged());
    }
    return check;
  }

  /** The issues of each entry of a checked bundle, in entry order. */
  public static final class BundleCheck {

    private final List<IngestIssues> entries;

    BundleCheck(List<IngestIssues> entries) {
      this.entries = entries;
    }

    /** Number of entries. */
    public int size() {
      return entries.size();
    }

    /** True when the entry at this index has an error (it must not be stored). */
    public boolean refused(int index) {
      return entries.get(index).hasErrors();
    }

    /** True when the entry has any issue to report (warnings included). */
    public boolean hasIssues(int index) {
      return entries.get(index).hasIssues();
    }

    /** The entry's issues as an OperationOutcome. */
    public OperationOutcome outcome(int index) {
      return entries.get(index).toOperationOutcome();
    }

    boolean hasErrors() {
      return entries.stream().anyMatch(IngestIssues::hasErrors);
    }

    IngestIssues merged() {
      IngestIssues all = new IngestIssues();
      entries.forEach(all::addAll);
      return all;
    }
  }

  /**
   * Validates with one of {@code ccp.ingest.concurrent-bundles} permits, so that a burst of large
   * bundles cannot hold more validation state than the heap has; a bundle that does not get a
   * permit within {@code ccp.ingest.bundle-wait} is answered 429 (nothing stored, send again).
   */
  private void validateInTurn(List<BundleEntryComponent> entries, List<IngestIssues> issues) {
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
    // notes of a single write have no response entry to go to; the normalisation still applies
    shapes.normalise(resource, path);
    idatGuard.apply(resource, path, issues);
    if (!issues.hasErrors()) {
      validator.validate(resource, path, issues);
    }
    if (issues.hasErrors()) {
      throw refusal(issues);
    }
  }

  private void validateAll(List<BundleEntryComponent> entries, List<IngestIssues> issues) {
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Resource resource = entries.get(i).getResource();
      IngestIssues entryIssues = issues.get(i);
      // an entry refused for IDAT is not validated: no validator message may echo them
      if (resource != null && !entryIssues.hasErrors()) {
        String path = entryPath(i);
        futures.add(pool.submit(() -> validator.validate(resource, path, entryIssues)));
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

  /** The 422 of one refused batch entry, thrown when the store gets to it. */
  UnprocessableEntityException refusal(OperationOutcome outcome) {
    return new UnprocessableEntityException(fhirContext, outcome);
  }

  static String entryPath(int index) {
    return "Bundle.entry[" + index + "].resource";
  }

  @PreDestroy
  void shutdown() {
    pool.shutdownNow();
  }
}
