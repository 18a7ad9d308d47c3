package org.ccpfhir.bridgehead.withdrawal;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ccpfhir.bridgehead.consent.ConsentKind;
import org.ccpfhir.bridgehead.consent.ConsentKinds;
import org.ccpfhir.bridgehead.consent.DecisionAuditor;
import org.ccpfhir.bridgehead.pseudonym.PseudonymService;
import org.ccpfhir.bridgehead.upload.UploadRunner;
import org.ccpfhir.bridgehead.upload.UploadStateRepository;
import org.ccpfhir.bridgehead.withdrawal.persistence.PseudonymReplacements;
import org.ccpfhir.bridgehead.withdrawal.persistence.Withdrawal;
import org.ccpfhir.bridgehead.withdrawal.persistence.WithdrawalRepository;
import org.ccpfhir.identity.local.LocalPatientList;
import org.ccpfhir.identity.pseudonym.ProjectPseudonyms;
import org.ccpfhir.platform.UpstreamException;
import org.ccpfhir.profiles.withdrawal.WithdrawalNoticeContract;

/**
 * Runs the steps of one withdrawal in {@link WithdrawalStep} order, each once: a confirmed step is
 * never repeated, the first step that fails stops the attempt (its exception goes to the caller,
 * who schedules the retry), so nothing is deleted before what a later step needs was obtained.
 */
public class WithdrawalCascade {

  /** Component codes beyond the steps: another site, a CCP application (project domain). */
  public static final String SITE_COMPONENT = "site:";

  public static final String APPLICATION_COMPONENT = "application:";
  public static final String CONFIRMED = "confirmed";
  public static final String PENDING = "pending";

  private final WithdrawalRepository withdrawals;
  private final SiteStore store;
  private final NetworkWithdrawal network;
  private final Locals locals;
  private final DecisionAuditor auditor;
  private final PseudonymReplacements replacements;

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
      DecisionAuditor auditor,
      PseudonymReplacements replacements) {
    this.withdrawals = withdrawals;
    this.store = store;
    this.network = network;
    this.locals = locals;
    this.auditor = auditor;
    this.replacements = replacements;
  }

  /**
   * Hands a CCP application what it must do with a retired pseudonym of its domain (fetched with
   * {@code $pseudonym-replacements}); the application's component waits for its confirmation.
   */
  void forApplication(String withdrawalId, String domain, String retired, String replacement) {
    replacements.add(withdrawalId, domain, retired, replacement);
    withdrawals.component(
        withdrawalId,
        APPLICATION_COMPONENT + domain,
        PENDING,
        replacement == null
            ? "the application deletes its records of the patient"
            : "the application replaces the pseudonym by a random one");
  }

  /** Runs the unconfirmed steps; throws at the first one that fails. */
  public void run(String id) {
    boolean notified = withdrawals.find(id).orElseThrow().notified();
    for (WithdrawalStep step : WithdrawalStep.of(notified)) {
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
      case PROJECT_PSEUDONYMS -> projectPseudonyms(w);
      case SITE_STORE -> siteStore(w);
      case LOCAL_LIST -> localList(w);
      case NETWORK_SITES -> networkSites(w);
      case APPLICATIONS -> applications(w);
      case NOTICE_CONFIRMATION -> confirmNotice(w);
    };
  }

  /**
   * Waits (throws, so the attempt is retried) until every site the central list informed has
   * confirmed; each site's state is kept as a component of the withdrawal.
   */
  private String networkSites(Withdrawal w) {
    if (w.centralCase() == null) {
      return "no other site informed (the person was not linked at the central patient list)";
    }
    List<NetworkWithdrawal.SiteState> sites = network.caseState(w.centralCase());
    List<String> waiting = new ArrayList<>();
    for (NetworkWithdrawal.SiteState site : sites) {
      withdrawals.component(
          w.id(),
          SITE_COMPONENT + site.site(),
          site.confirmedBySite() ? CONFIRMED : PENDING,
          site.confirmedBySite()
              ? site.outcome() + ", confirmed " + site.confirmed()
              : "notice " + site.state());
      if (!site.confirmedBySite()) {
        waiting.add(site.site());
      }
    }
    if (!waiting.isEmpty()) {
      throw new UpstreamException(
          503, "waiting for site(s) " + String.join(", ", waiting) + " to confirm");
    }
    return sites.isEmpty()
        ? "no other site holds the person"
        : sites.size()
            + " site(s) confirmed: "
            + sites.stream()
                .map(s -> s.site() + " (" + s.outcome() + ")")
                .collect(Collectors.joining(", "));
  }

  /** Waits (throws, so the attempt is retried) until every CCP application confirmed. */
  private String applications(Withdrawal w) {
    List<WithdrawalRepository.Component> applications =
        withdrawals.components(w.id()).stream()
            .filter(c -> c.component().startsWith(APPLICATION_COMPONENT))
            .toList();
    List<String> waiting =
        applications.stream()
            .filter(c -> !CONFIRMED.equals(c.state()))
            .map(c -> c.component().substring(APPLICATION_COMPONENT.length()))
            .toList();
    if (!waiting.isEmpty()) {
      throw new UpstreamException(
          503,
          "waiting for the CCP application(s) of "
              + String.join(", ", waiting)
              + " to confirm ($pseudonym-replacement-confirm)");
    }
    return applications.isEmpty()
        ? "no CCP application held a pseudonym of the patient here"
        : applications.size() + " CCP application domain(s) confirmed";
  }

  private String projectPseudonyms(Withdrawal w) {
    if (w.bkLocal() == null) {
      return "no local pseudonym held";
    }
    if (w.notified() && !w.deletes()) {
      return "kept: the patient stays at this site as not explicitly consented";
    }
    // the CCP applications that hold a pseudonym of the patient, read before the links go
    Map<String, String> byDomain = locals.projects().of(w.bkLocal());
    Map<String, String> retired = locals.projects().withdraw(w.bkLocal(), !w.deletes());
    byDomain.forEach((domain, old) -> forApplication(w.id(), domain, old, retired.get(old)));
    return retired.size()
        + " local project pseudonym(s) retired"
        + (w.deletes() || retired.isEmpty() ? "" : " and replaced by random ones");
  }

  private String siteStore(Withdrawal w) {
    if (w.patientIds().isEmpty()) {
      return "no data of the patient held";
    }
    return w.deletes()
        ? store.deleteEverything(w.patientIds()) + " resource(s) deleted and expunged"
        : "kept as not explicitly consented: "
            + store.removeIdentifiers(w.patientIds(), locals.globalSystem())
            + " global pseudonym identifier(s) removed";
  }

  private String localList(Withdrawal w) {
    if (w.bkLocal() == null) {
      return "no local identity held";
    }
    if (w.notified() && !w.deletes()) {
      // §6.5 footnote 19: the BK-G-ID gives way to the BK-L-ID, the patient stays known here
      return "kept: identifying data stay with the local pseudonym (not explicitly consented now)";
    }
    return locals.localList().withdraw(w.bkLocal())
        ? "identifying data deleted, local pseudonym retired"
        : "local pseudonym retired (no identifying data were held)";
  }

  /** The notified site's answer to the central list: what each step did (counts only). */
  private String confirmNotice(Withdrawal w) {
    String detail =
        w.steps().entrySet().stream()
            .map(e -> e.getKey().code() + ": " + e.getValue().text())
            .collect(Collectors.joining("; "));
    String outcome =
        w.patientIds().isEmpty() && w.bkLocal() == null
            ? WithdrawalNoticeContract.NOT_HELD
            : WithdrawalNoticeContract.DONE;
    return network.confirmNotice(w.noticeId(), outcome, detail);
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
    if (w.notified()) {
      return prepareNotified(w);
    }
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
    withdrawals.prepared(w.id(), w.bkLocal(), bkGlobal, heldKind, patients);
    int revoked = store.revokeConsents(patients);
    locals.uploadStates().commit(List.of(), held);
    return revoked
        + " Consent(s) set inactive, "
        + (held.isEmpty() ? "nothing was uploaded" : "the Teiler's upload state dropped")
        + (bkGlobal == null ? "; no global pseudonym" : "; globally linked");
  }

  /**
   * A notice names the person by this site's global pseudonym only: the patients are those that
   * carry it as an identifier or that the Teiler uploaded under it; their local pseudonym comes
   * from them. The central list no longer knows the person, so nothing is asked there.
   */
  private String prepareNotified(Withdrawal w) {
    Set<String> patients = new LinkedHashSet<>(store.patients(locals.globalSystem(), w.bkGlobal()));
    Map<String, UploadStateRepository.State> states = locals.uploadStates().all();
    states.values().stream()
        .filter(state -> w.bkGlobal().equals(state.bkGlobal()))
        .forEach(state -> patients.add(state.patientId()));
    List<String> held = new ArrayList<>();
    String heldKind = null;
    String bkLocal = store.identifierOf(List.copyOf(patients), locals.localSystem());
    for (String patient : patients) {
      UploadStateRepository.State state = states.get(patient);
      if (state != null) {
        held.add(patient);
        heldKind = heldKind != null ? heldKind : state.kind().name();
        bkLocal = bkLocal != null ? bkLocal : state.bkLocal();
      }
    }
    withdrawals.prepared(w.id(), bkLocal, w.bkGlobal(), heldKind, List.copyOf(patients));
    if (patients.isEmpty()) {
      return "this site holds no patient under the global pseudonym";
    }
    int revoked = store.revokeConsents(List.copyOf(patients));
    locals.uploadStates().commit(List.of(), held);
    return revoked
        + " Consent(s) set inactive, "
        + (held.isEmpty() ? "nothing was uploaded" : "the Teiler's upload state dropped")
        + "; no further upload of the patient";
  }

  private boolean networkConsented(List<String> patients) {
    return patients.stream().anyMatch(p -> locals.consentKinds().of(p) == ConsentKind.NETWORK);
  }

  private String mds(Withdrawal w) {
    List<String> answers = new ArrayList<>();
    if (w.notified()) {
      // the site that received the withdrawal reached the person's records at every site
      answers.add("the person's records under its network pseudonym were withdrawn at every site");
    } else if (w.bkGlobal() != null) {
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
    if (w.notified()) {
      return "the central patient list withdrew the person"
          + (w.centralCase() == null ? "" : " (case " + w.centralCase() + ")")
          + " and informed this site";
    }
    if (w.bkGlobal() == null) {
      return "not linked at the central patient list";
    }
    try {
      NetworkWithdrawal.CentralAnswer answer = network.centralList(w.mode(), w.bkGlobal());
      if (answer.caseId() != null) {
        withdrawals.centralCase(w.id(), answer.caseId());
      }
      answer
          .applications()
          .forEach(r -> forApplication(w.id(), r.domain(), r.retired(), r.replacement()));
      return answer.confirmation();
    } catch (UnprocessableEntityException gone) {
      // the pseudonym was valid when prepared: an earlier attempt's answer was lost
      return "the central patient list no longer knows the person (withdrawn before)";
    }
  }
}
