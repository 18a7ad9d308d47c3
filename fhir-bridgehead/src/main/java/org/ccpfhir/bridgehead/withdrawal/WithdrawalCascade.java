package org.ccpfhir.bridgehead.withdrawal;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ccpfhir.bridgehead.consent.ConsentKind;
import org.ccpfhir.bridgehead.consent.ConsentKinds;
import org.ccpfhir.bridgehead.consent.DecisionAuditor;
import org.ccpfhir.bridgehead.pseudonym.PseudonymService;
import org.ccpfhir.bridgehead.upload.UploadRunner;
import org.ccpfhir.bridgehead.upload.UploadStateRepository;
import org.ccpfhir.bridgehead.withdrawal.persistence.Withdrawal;
import org.ccpfhir.bridgehead.withdrawal.persistence.WithdrawalRepository;
import org.ccpfhir.identity.local.LocalPatientList;
import org.ccpfhir.identity.pseudonym.ProjectPseudonyms;
import org.ccpfhir.platform.UpstreamException;

/**
 * Runs the steps of one withdrawal in {@link WithdrawalStep} order, each once: a confirmed step is
 * never repeated, the first step that fails stops the attempt (its exception goes to the caller,
 * who schedules the retry), so nothing is deleted before what a later step needs was obtained.
 */
public class WithdrawalCascade {

  private final WithdrawalRepository withdrawals;
  private final SiteStore store;
  private final NetworkWithdrawal network;
  private final Locals locals;
  private final DecisionAuditor auditor;

  /** The site's own parts the cascade works on. */
  public record Locals(
      UploadRunner uploads,
      UploadStateRepository uploadStates,
      ConsentKinds consentKinds,
      PseudonymService pseudonyms,
      LocalPatientList localList,
      ProjectPseudonyms projects,
      String localSystem,
      String globalSystem) {}

  public WithdrawalCascade(
      WithdrawalRepository withdrawals,
      SiteStore store,
      NetworkWithdrawal network,
      Locals locals,
      DecisionAuditor auditor) {
    this.withdrawals = withdrawals;
    this.store = store;
    this.network = network;
    this.locals = locals;
    this.auditor = auditor;
  }

  /** Runs the unconfirmed steps; throws at the first one that fails. */
  public void run(String id) {
    for (WithdrawalStep step : WithdrawalStep.values()) {
      Withdrawal withdrawal = withdrawals.find(id).orElseThrow();
      if (withdrawal.confirmed(step)) {
        continue;
      }
      String confirmation = perform(step, withdrawal);
      withdrawals.confirm(id, step, confirmation);
      auditor.record(
          "withdrawal", "D", "Task/" + id, 200, step.code() + " confirmed: " + confirmation);
    }
  }

  private String perform(WithdrawalStep step, Withdrawal w) {
    return switch (step) {
      case SITE_CONSENT -> stopUploads(w);
      case MDS_DATABASE -> mds(w);
      case CENTRAL_LIST -> centralList(w);
      case PROJECT_PSEUDONYMS -> {
        Map<String, String> retired = locals.projects().withdraw(w.bkLocal(), !w.deletes());
        yield retired.size()
            + " local project pseudonym(s) retired"
            + (w.deletes() || retired.isEmpty() ? "" : " and replaced by random ones");
      }
      case SITE_STORE ->
          w.deletes()
              ? store.deleteEverything(w.patientIds()) + " resource(s) deleted and expunged"
              : "kept as not explicitly consented: "
                  + store.removeIdentifiers(w.patientIds(), locals.globalSystem())
                  + " global pseudonym identifier(s) removed";
      case LOCAL_LIST ->
          locals.localList().withdraw(w.bkLocal())
              ? "identifying data deleted, local pseudonym retired"
              : "local pseudonym retired (no identifying data were held)";
    };
  }

  /**
   * First step, while no upload runs: learn what later steps need (global pseudonym, what the MDS
   * database holds) into the protected state, then revoke the consents and drop the Teiler's state,
   * so no upload touches the patient again.
   */
  private String stopUploads(Withdrawal w) {
    String[] confirmation = new String[1];
    boolean ran = locals.uploads().whileIdle(() -> confirmation[0] = prepare(w));
    if (!ran) {
      throw new UpstreamException(503, "an upload is running; the withdrawal waits for it");
    }
    return confirmation[0];
  }

  private String prepare(Withdrawal w) {
    List<String> patients = store.patients(locals.localSystem(), w.bkLocal());
    Map<String, UploadStateRepository.State> states = locals.uploadStates().all();
    List<String> held = new ArrayList<>();
    String heldKind = w.heldKind();
    String bkGlobal = w.bkGlobal();
    for (String patient : patients) {
      UploadStateRepository.State state = states.get(patient);
      if (state != null) {
        held.add(patient);
        heldKind = heldKind != null ? heldKind : state.kind().name();
        bkGlobal = bkGlobal != null ? bkGlobal : state.bkGlobal();
      }
    }
    if (bkGlobal == null) {
      bkGlobal = store.identifierOf(patients, locals.globalSystem());
    }
    if (bkGlobal == null && networkConsented(patients)) {
      // the central list knows the person: ask it (the consent allows it until revoked below)
      bkGlobal = locals.pseudonyms().pseudonymize("BK-G", null, w.bkLocal()).getValue();
    }
    withdrawals.prepared(w.id(), bkGlobal, heldKind, patients);
    int revoked = store.revokeConsents(patients);
    locals.uploadStates().commit(List.of(), held);
    return revoked
        + " Consent(s) set inactive, "
        + (held.isEmpty() ? "nothing was uploaded" : "the Teiler's upload state dropped")
        + (bkGlobal == null ? "; no global pseudonym" : "; globally linked");
  }

  private boolean networkConsented(List<String> patients) {
    return patients.stream().anyMatch(p -> locals.consentKinds().of(p) == ConsentKind.NETWORK);
  }

  private String mds(Withdrawal w) {
    List<String> answers = new ArrayList<>();
    if (w.bkGlobal() != null) {
      answers.add(network.mds(w.mode(), w.bkGlobal(), null));
    }
    if (ConsentKind.LOCAL_UPLOAD.name().equals(w.heldKind())) {
      answers.add(network.mds(w.mode(), null, w.bkLocal()));
    }
    return answers.isEmpty()
        ? "nothing held at the MDS database (no global pseudonym, no local upload)"
        : String.join("; ", answers);
  }

  private String centralList(Withdrawal w) {
    if (w.bkGlobal() == null) {
      return "not linked at the central patient list";
    }
    try {
      return network.centralList(w.mode(), w.bkGlobal());
    } catch (UnprocessableEntityException gone) {
      // the pseudonym was valid when prepared: an earlier attempt's answer was lost
      return "the central patient list no longer knows the person (withdrawn before)";
    }
  }
}
