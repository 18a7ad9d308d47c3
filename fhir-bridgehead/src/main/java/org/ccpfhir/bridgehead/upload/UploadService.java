package org.ccpfhir.bridgehead.upload;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import org.ccpfhir.bridgehead.consent.ConsentKind;
import org.ccpfhir.bridgehead.consent.ConsentKinds;
import org.ccpfhir.bridgehead.consent.DecisionAuditor;
import org.ccpfhir.bridgehead.consent.LocalUploadSetting;
import org.ccpfhir.bridgehead.upload.UploadStateRepository.Run;
import org.ccpfhir.bridgehead.upload.UploadStateRepository.State;
import org.ccpfhir.mappers.upload.MdsMinimiser;
import org.ccpfhir.security.cms.EnvelopeException;
import org.ccpfhir.security.logging.SafeLog;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Teiler's upload (CCP-IT §3.3, §3.4): for every patient whose consent allows it (network, or
 * local while the site allows local uploads) and who is a relevant case, the minimised MDS bundle
 * goes to the MDS database when its hash differs from the last acknowledged upload; a patient held
 * centrally whose consent no longer allows it (withdrawn, none, objection) or who is no longer
 * relevant is deleted there. Batches are sealed and sent one at a time; a batch's state is
 * committed only after the MDS database acknowledged it, so a run that stops anywhere resumes at
 * the next run without loss, and a re-sent batch only overwrites the same (site, pseudonym) keys.
 */
public class UploadService {

  private static final Logger log = LoggerFactory.getLogger(UploadService.class);

  private final UploadParts parts;
  private final int batchSize;
  private final ExecutorService pool;
  private final ReentrantLock running = new ReentrantLock();

  public UploadService(UploadParts parts, int batchSize, ExecutorService pool) {
    this.parts = parts;
    this.batchSize = batchSize;
    this.pool = pool;
  }

  /** What the service needs: consent, state, store, minimisation, pseudonyms, transport. */
  public record UploadParts(
      ConsentKinds kinds,
      LocalUploadSetting localUpload,
      UploadStateRepository states,
      PatientDataReader reader,
      MdsMinimiser minimiser,
      Icd10Filter filter,
      MdsPseudonyms pseudonyms,
      MdsDatabaseClient mds,
      DecisionAuditor auditor,
      FhirContext fhir,
      String localSystem) {}

  /** One run; refused (409) while another one is running. */
  public Run run(String trigger) {
    if (!running.tryLock()) {
      throw new ResourceVersionConflictException("an upload is running; try again later");
    }
    long id = parts.states().startRun(trigger);
    UploadCounts counts = UploadCounts.ZERO;
    String status = "completed";
    String message = null;
    try {
      Map<String, ConsentKind> kinds = parts.kinds().all();
      Map<String, State> held = parts.states().all();
      boolean local = parts.localUpload().enabled();
      Set<String> work = new TreeSet<>(held.keySet());
      kinds.forEach(
          (patient, kind) -> {
            if (allowed(kind, local)) {
              work.add(patient);
            }
          });
      List<String> all = new ArrayList<>(work);
      for (int from = 0; from < all.size(); from += batchSize) {
        List<String> batch = all.subList(from, Math.min(all.size(), from + batchSize));
        counts = counts.plus(batch(batch, kinds, held, local));
      }
    } catch (RuntimeException e) {
      status = "failed";
      message = e.getMessage();
      log.warn("upload run {} stopped: {}", id, SafeLog.describe(e));
    } finally {
      parts.states().finishRun(id, counts, status, message);
      running.unlock();
    }
    parts
        .auditor()
        .record(
            "upload",
            "E",
            "$upload",
            "completed".equals(status) ? 200 : 503,
            "upload run " + id + " (" + trigger + ") " + status + ": " + counts);
    return parts.states().run(id);
  }

  /**
   * Runs {@code work} while no upload runs, holding off runs until it is done (a withdrawal changes
   * consent and upload state, which a run must not see half-changed).
   *
   * @return false, without running it, when an upload is running
   */
  public boolean whileIdle(Runnable work) {
    if (!running.tryLock()) {
      return false;
    }
    try {
      work.run();
      return true;
    } finally {
      running.unlock();
    }
  }

  private static boolean allowed(ConsentKind kind, boolean local) {
    return kind == ConsentKind.NETWORK || (kind == ConsentKind.LOCAL_UPLOAD && local);
  }

  /** What happened to one patient of a batch. */
  private record Outcome(
      MdsDatabaseClient.Entry entry,
      MdsDatabaseClient.Entry oldEntry,
      State stored,
      String removed,
      boolean unchanged,
      boolean failed) {}

  private UploadCounts batch(
      List<String> ids, Map<String, ConsentKind> kinds, Map<String, State> held, boolean local) {
    Map<String, PatientDataReader.PatientData> data = parts.reader().read(ids);
    List<Future<Outcome>> futures = new ArrayList<>();
    for (String id : ids) {
      ConsentKind kind = kinds.getOrDefault(id, ConsentKind.NONE);
      ConsentKind effective = allowed(kind, local) ? kind : ConsentKind.NONE;
      futures.add(pool.submit(() -> patient(id, effective, held.get(id), data.get(id))));
    }
    List<MdsDatabaseClient.Entry> entries = new ArrayList<>();
    List<State> stored = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    int unchanged = 0;
    int failed = 0;
    for (Future<Outcome> future : futures) {
      Outcome outcome = result(future);
      if (outcome.oldEntry() != null) {
        entries.add(outcome.oldEntry());
      }
      if (outcome.entry() != null) {
        entries.add(outcome.entry());
      }
      if (outcome.stored() != null) {
        stored.add(outcome.stored());
      }
      if (outcome.removed() != null) {
        removed.add(outcome.removed());
      }
      unchanged += outcome.unchanged() ? 1 : 0;
      failed += outcome.failed() ? 1 : 0;
    }
    if (!entries.isEmpty()) {
      parts.mds().send(entries);
    }
    parts.states().commit(stored, removed);
    return new UploadCounts(ids.size(), stored.size(), removed.size(), unchanged, failed);
  }

  private Outcome patient(
      String id, ConsentKind kind, State before, PatientDataReader.PatientData data) {
    try {
      if (kind != ConsentKind.NONE && data != null && parts.filter().relevant(data.resources())) {
        return upsert(id, kind, before, data);
      }
      if (before != null) {
        return new Outcome(
            new MdsDatabaseClient.Entry(pseudonymOf(before), null), null, null, id, false, false);
      }
      return new Outcome(null, null, null, null, false, false);
    } catch (BaseServerResponseException | EnvelopeException e) {
      // this patient waits for the next run
      log.warn("upload of Patient/{} postponed: {}", id, SafeLog.describe(e));
      return new Outcome(null, null, null, null, false, true);
    }
  }

  private Outcome upsert(
      String id, ConsentKind kind, State before, PatientDataReader.PatientData data) {
    Bundle bundle = parts.minimiser().minimise(data.patient(), data.resources());
    String hash = sha256(parts.fhir().newJsonParser().encodeResourceToString(bundle));
    if (before != null && before.kind() == kind && before.contentHash().equals(hash)) {
      return new Outcome(null, null, null, null, true, false);
    }
    String bkLocal = bkLocal(data.patient());
    if (bkLocal == null) {
      log.warn("Patient/{} has no local pseudonym: not uploaded", id);
      return new Outcome(null, null, null, null, false, true);
    }
    String bkGlobal = null;
    byte[] pseudonym;
    if (kind == ConsentKind.NETWORK) {
      bkGlobal =
          before != null && before.bkGlobal() != null
              ? before.bkGlobal()
              : parts.pseudonyms().globalPseudonym(bkLocal);
      pseudonym = parts.pseudonyms().network(bkGlobal);
    } else {
      pseudonym = parts.pseudonyms().local(bkLocal);
    }
    // a change of kind changes the central key: the record under the old one goes
    MdsDatabaseClient.Entry old =
        before != null && before.kind() != kind
            ? new MdsDatabaseClient.Entry(pseudonymOf(before), null)
            : null;
    return new Outcome(
        new MdsDatabaseClient.Entry(pseudonym, bundle),
        old,
        new State(id, kind, bkLocal, bkGlobal, hash),
        null,
        false,
        false);
  }

  private byte[] pseudonymOf(State state) {
    return state.kind() == ConsentKind.NETWORK
        ? parts.pseudonyms().network(state.bkGlobal())
        : parts.pseudonyms().local(state.bkLocal());
  }

  private String bkLocal(Patient patient) {
    return patient.getIdentifier().stream()
        .filter(i -> parts.localSystem().equals(i.getSystem()) && i.hasValue())
        .map(i -> i.getValue())
        .findFirst()
        .orElse(null);
  }

  private static Outcome result(Future<Outcome> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("upload interrupted");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    }
  }

  static String sha256(String content) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
