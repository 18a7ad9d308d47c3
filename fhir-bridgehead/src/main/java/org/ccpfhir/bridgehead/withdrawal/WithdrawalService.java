package org.ccpfhir.bridgehead.withdrawal;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ccpfhir.bridgehead.consent.DecisionAuditor;
import org.ccpfhir.bridgehead.withdrawal.persistence.Withdrawal;
import org.ccpfhir.bridgehead.withdrawal.persistence.WithdrawalRepository;
import org.ccpfhir.identity.local.LocalPatientList;
import org.ccpfhir.identity.pseudonym.PseudonymRegistry;
import org.ccpfhir.profiles.withdrawal.WithdrawalNoticeContract;
import org.ccpfhir.security.logging.SafeLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Withdrawals of patients (CCP-IT §6.5): starts one, runs its cascade at once, and retries what is
 * unconfirmed on a schedule with back-off until every step is confirmed; then the protected state
 * is dropped and the completion record written. One node runs the cascades (serialised here).
 */
public class WithdrawalService {

  private static final Logger log = LoggerFactory.getLogger(WithdrawalService.class);

  public static final String DELETE = "delete";
  public static final String ANONYMISE = "anonymise";

  private final WithdrawalRepository withdrawals;
  private final WithdrawalCascade cascade;
  private final NetworkWithdrawal network;
  private final LocalPatientList localList;
  private final PseudonymRegistry registry;
  private final WithdrawalProperties properties;
  private final DecisionAuditor auditor;
  private final Clock clock;

  public WithdrawalService(
      WithdrawalRepository withdrawals,
      WithdrawalCascade cascade,
      NetworkWithdrawal network,
      LocalPatientList localList,
      PseudonymRegistry registry,
      WithdrawalProperties properties,
      DecisionAuditor auditor,
      Clock clock) {
    this.withdrawals = withdrawals;
    this.cascade = cascade;
    this.network = network;
    this.localList = localList;
    this.registry = registry;
    this.properties = properties;
    this.auditor = auditor;
    this.clock = clock;
  }

  /**
   * Starts the withdrawal of the patient with this local pseudonym and runs as much of it as the
   * components allow now.
   */
  public synchronized Withdrawal start(String bkLocal, String mode) {
    String chosen = mode == null ? ANONYMISE : mode;
    if (!DELETE.equals(chosen) && !ANONYMISE.equals(chosen)) {
      throw new InvalidRequestException("parameter 'mode' must be 'delete' or 'anonymise'");
    }
    if (bkLocal == null || bkLocal.isBlank()) {
      throw new InvalidRequestException("parameter 'pseudonym' (the local pseudonym) is required");
    }
    withdrawals
        .inProgressFor(bkLocal)
        .ifPresent(
            id -> {
              throw new ResourceVersionConflictException(
                  "this patient's withdrawal is in progress: Task/" + id);
            });
    if (localList.idatOf(bkLocal).isEmpty()) {
      if (registry.isRetired(bkLocal)) {
        throw new ResourceVersionConflictException(
            "parameter 'pseudonym': the pseudonym was retired (the patient was withdrawn)");
      }
      throw new ResourceNotFoundException(
          "parameter 'pseudonym' is not a local pseudonym of this site");
    }
    String id = withdrawals.create(chosen, bkLocal);
    auditor.record("withdrawal", "C", "Task/" + id, 201, "withdrawal started: " + chosen);
    attempt(id);
    return withdrawals.find(id).orElseThrow();
  }

  /** Runs the unconfirmed steps of one withdrawal now, whatever its back-off says. */
  public synchronized Withdrawal resume(String id) {
    Withdrawal withdrawal =
        withdrawals
            .find(id)
            .orElseThrow(() -> new ResourceNotFoundException("no withdrawal Task/" + id));
    if (Withdrawal.IN_PROGRESS.equals(withdrawal.status())) {
      attempt(id);
    }
    return withdrawals.find(id).orElseThrow();
  }

  @Scheduled(fixedDelayString = "${ccp.withdrawal.retry-interval:PT1M}")
  public synchronized void resumeDue() {
    for (String id : withdrawals.due()) {
      attempt(id);
    }
  }

  /**
   * Asks the central list for withdrawals of persons this site holds that were received at other
   * sites (CCP-IT §6.5) and applies each: a new notice starts a withdrawal here, run at once like
   * one received here; a notice already applied and confirmed is confirmed again (the central list
   * lost the answer). Nothing is asked while the central list or this site's certificate is not
   * configured.
   *
   * @return how many notices started a withdrawal here
   */
  @Scheduled(
      fixedDelayString = "${ccp.withdrawal.notice-interval:PT5M}",
      initialDelayString = "${ccp.withdrawal.notice-interval:PT5M}")
  public synchronized int pollNotices() {
    if (!network.centralListConfigured()) {
      return 0;
    }
    List<NetworkWithdrawal.Notice> notices;
    try {
      notices = network.notices();
    } catch (RuntimeException e) {
      log.warn("withdrawal notices not fetched: {}", SafeLog.describe(e));
      return 0;
    }
    int started = 0;
    for (NetworkWithdrawal.Notice notice : notices) {
      Optional<Withdrawal> known = withdrawals.findByNotice(notice.id());
      if (known.isPresent()) {
        if (Withdrawal.COMPLETED.equals(known.get().status())) {
          reconfirm(known.get());
        }
        continue;
      }
      String id =
          withdrawals.createNotified(
              notice.mode(), notice.pseudonym(), notice.id(), notice.caseId(), notice.deadline());
      // this site's CCP applications' global project pseudonyms, replaced at the central list
      notice
          .applications()
          .forEach(r -> cascade.forApplication(id, r.domain(), r.retired(), r.replacement()));
      auditor.record(
          "withdrawal",
          "C",
          "Task/" + id,
          201,
          "withdrawal notified by the central patient list (case "
              + notice.caseId()
              + "): "
              + notice.mode());
      attempt(id);
      started++;
    }
    return started;
  }

  private void reconfirm(Withdrawal done) {
    try {
      network.confirmNotice(
          done.noticeId(),
          WithdrawalNoticeContract.DONE,
          done.completion() == null ? "completed" : done.completion());
    } catch (RuntimeException e) {
      log.warn("withdrawal Task/{} not confirmed again: {}", done.id(), SafeLog.describe(e));
    }
  }

  public Withdrawal status(String id) {
    return withdrawals
        .find(id)
        .orElseThrow(() -> new ResourceNotFoundException("no withdrawal Task/" + id));
  }

  /** Every component of the withdrawal with its state against the deadline. */
  public List<WithdrawalReport.ComponentState> components(Withdrawal w) {
    return WithdrawalReport.components(w, withdrawals.components(w.id()), clock.instant());
  }

  public Instant now() {
    return clock.instant();
  }

  public List<Withdrawal> latest(int count) {
    return withdrawals.latest(count);
  }

  private void attempt(String id) {
    try {
      cascade.run(id);
    } catch (RuntimeException e) {
      Withdrawal withdrawal = withdrawals.find(id).orElseThrow();
      Instant next = clock.instant().plus(properties.backoff(withdrawal.attempts() + 1));
      String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
      withdrawals.failed(id, reason, next.toEpochMilli());
      auditor.record("withdrawal", "D", "Task/" + id, 503, "step failed, retried at " + next);
      log.warn("withdrawal Task/{} waits: {} (retry at {})", id, SafeLog.describe(e), next);
      return;
    }
    Withdrawal done = withdrawals.find(id).orElseThrow();
    withdrawals.complete(id, completion(done));
    auditor.record("withdrawal", "D", "Task/" + id, 200, "withdrawal completed: " + done.mode());
  }

  /**
   * The text for the written confirmation to the patient: what was done where, no personal data.
   */
  private String completion(Withdrawal w) {
    return "Withdrawal "
        + w.id()
        + " ("
        + (w.deletes() ? "deletion" : "anonymisation")
        + (w.notified() ? ", received at another site, notified by the central patient list" : "")
        + ") completed on "
        + clock.instant()
        + ". Every component confirmed: "
        + w.steps().entrySet().stream()
            .map(e -> e.getKey().display() + " — " + e.getValue().text())
            .collect(Collectors.joining("; "))
        + ". Retired pseudonyms are never issued again.";
  }
}
