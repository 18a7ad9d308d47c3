package org.ccpfhir.bridgehead.withdrawal;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ccpfhir.bridgehead.upload.MdsPseudonyms;
import org.ccpfhir.platform.ComponentClient;
import org.ccpfhir.platform.UpstreamException;
import org.ccpfhir.profiles.upload.MdsUploadContract;
import org.ccpfhir.profiles.upload.MdsWithdrawalContract;
import org.ccpfhir.profiles.withdrawal.WithdrawalNoticeContract;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.cms.Envelopes;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * The withdrawal's calls to the central components, over mutual TLS with this bridgehead's
 * certificate: the MDS database's {@code $mds-withdraw} (sealed like the Teiler's upload: signed by
 * this bridgehead, encrypted for the MDS database, the person's pseudonym as the central list's
 * re-encrypted MDS*G-ID or the site's own {@code L-} pseudonym) and the central list's {@code
 * $withdraw-identity}, and the central list's notices of withdrawals received at other sites
 * ({@code $withdrawal-notices}, {@code $withdrawal-notice-confirm}: the site asks, it is never
 * called). Each answer is the component's confirmation; a component that cannot be reached throws,
 * and the step is retried.
 */
public class NetworkWithdrawal {

  private final ComponentClient client;
  private final URI mdsUrl;
  private final URI centralListUrl;
  private final MdsPseudonyms pseudonyms;
  private final Credential self;
  private final FhirContext fhir;

  /**
   * @param pseudonyms null when the upload is not configured (then nothing is held centrally)
   */
  public NetworkWithdrawal(
      ComponentClient client,
      URI mdsUrl,
      URI centralListUrl,
      MdsPseudonyms pseudonyms,
      Credential self,
      FhirContext fhir) {
    this.client = client;
    this.mdsUrl = mdsUrl;
    this.centralListUrl = centralListUrl;
    this.pseudonyms = pseudonyms;
    this.self = self;
    this.fhir = fhir;
  }

  /**
   * Withdraws the person at the MDS database: by its MDS*G-ID when it has a global pseudonym, else
   * by the site's local upload pseudonym.
   *
   * @return the confirmation
   */
  public String mds(String mode, String bkGlobal, String bkLocal) {
    if (pseudonyms == null || client == null) {
      throw new UpstreamException(503, "the MDS database is not configured");
    }
    byte[] pseudonym = bkGlobal != null ? pseudonyms.network(bkGlobal) : pseudonyms.local(bkLocal);
    Parameters content = new Parameters();
    content
        .addParameter()
        .setName(MdsUploadContract.PSEUDONYM)
        .setValue(new Base64BinaryType(pseudonym));
    content.addParameter().setName(MdsWithdrawalContract.MODE).setValue(new CodeType(mode));
    byte[] sealed =
        Envelopes.seal(
            fhir.newJsonParser().encodeResourceToString(content).getBytes(StandardCharsets.UTF_8),
            self,
            pseudonyms.mdsCertificate().get());
    Parameters request = new Parameters();
    request
        .addParameter()
        .setName(MdsUploadContract.ENVELOPE)
        .setValue(new Base64BinaryType(sealed));
    Parameters answer =
        client.call("MDS database", mdsUrl, MdsWithdrawalContract.OPERATION, request);
    int affected = integer(answer, MdsWithdrawalContract.AFFECTED);
    return "MDS database: "
        + affected
        + (MdsWithdrawalContract.DELETE.equals(mode)
            ? " record(s) deleted"
            : " record(s) kept under a random key");
  }

  /**
   * A retired global project pseudonym of this site's CCP application and its random replacement
   * (null: the application deletes the records).
   */
  public record ProjectReplacement(String domain, String retired, String replacement) {}

  /**
   * The central list's confirmation, the case it keeps the other sites' confirmations in, and this
   * site's applications' replacements.
   */
  public record CentralAnswer(
      String confirmation, String caseId, List<ProjectReplacement> applications) {}

  /**
   * Withdraws the person at the central patient list.
   *
   * @return the confirmation
   */
  public CentralAnswer centralList(String mode, String bkGlobal) {
    requireCentralList();
    Parameters input = new Parameters();
    input.addParameter().setName("pseudonym").setValue(new StringType(bkGlobal));
    input.addParameter().setName("mode").setValue(new CodeType(mode));
    Parameters answer =
        client.call("central patient list", centralListUrl, "$withdraw-identity", input);
    List<ProjectReplacement> applications = replacements(answer.getParameter());
    long replaced = applications.stream().filter(r -> r.replacement() != null).count();
    String caseId = text(answer, "case");
    Parameters.ParametersParameterComponent informed = answer.getParameter("informedSites");
    return new CentralAnswer(
        "central patient list: person deleted, "
            + integer(answer, "retiredPseudonyms")
            + " pseudonym(s) retired"
            + (replaced > 0
                ? ", " + replaced + " project pseudonym(s) replaced by random ones"
                : "")
            + (informed != null && informed.getValue() instanceof IntegerType sites
                ? ", " + sites.getValue() + " other site(s) informed"
                : "")
            + (caseId == null ? "" : " (case " + caseId + ")"),
        caseId,
        applications);
  }

  private static List<ProjectReplacement> replacements(
      List<Parameters.ParametersParameterComponent> parts) {
    List<ProjectReplacement> replacements = new ArrayList<>();
    for (Parameters.ParametersParameterComponent part : parts) {
      if (!WithdrawalNoticeContract.REPLACED_PROJECT_PSEUDONYM.equals(part.getName())) {
        continue;
      }
      Map<String, String> values = values(part);
      if (values.get(WithdrawalNoticeContract.DOMAIN) != null
          && values.get(WithdrawalNoticeContract.RETIRED) != null) {
        replacements.add(
            new ProjectReplacement(
                values.get(WithdrawalNoticeContract.DOMAIN),
                values.get(WithdrawalNoticeContract.RETIRED),
                values.get(WithdrawalNoticeContract.REPLACEMENT)));
      }
    }
    return replacements;
  }

  private static Map<String, String> values(Parameters.ParametersParameterComponent part) {
    Map<String, String> values = new HashMap<>();
    part.getPart()
        .forEach(
            p -> {
              if (p.getValue() != null && p.getValue().primitiveValue() != null) {
                values.put(p.getName(), p.getValue().primitiveValue());
              }
            });
    return values;
  }

  /** A withdrawal at another site that this site must apply (anonymise or delete). */
  public record Notice(
      String id,
      String caseId,
      String mode,
      String pseudonym,
      LocalDate deadline,
      List<ProjectReplacement> applications) {}

  /**
   * This site's unconfirmed notices at the central list. A notice that lacks a part is skipped (and
   * stays at the central list, where it shows as unconfirmed).
   */
  public List<Notice> notices() {
    requireCentralList();
    Parameters answer =
        client.call(
            "central patient list",
            centralListUrl,
            WithdrawalNoticeContract.POLL_OPERATION,
            new Parameters());
    List<Notice> notices = new ArrayList<>();
    for (Parameters.ParametersParameterComponent part : answer.getParameter()) {
      if (!WithdrawalNoticeContract.NOTICE.equals(part.getName())) {
        continue;
      }
      Map<String, String> values = values(part);
      String mode = values.get(WithdrawalNoticeContract.MODE);
      String deadline = values.get(WithdrawalNoticeContract.DEADLINE);
      if (values.get(WithdrawalNoticeContract.ID) == null
          || values.get(WithdrawalNoticeContract.PSEUDONYM) == null
          || !(MdsWithdrawalContract.DELETE.equals(mode)
              || MdsWithdrawalContract.ANONYMISE.equals(mode))) {
        continue;
      }
      notices.add(
          new Notice(
              values.get(WithdrawalNoticeContract.ID),
              values.get(WithdrawalNoticeContract.CASE),
              mode,
              values.get(WithdrawalNoticeContract.PSEUDONYM),
              deadline == null ? null : LocalDate.parse(deadline),
              replacements(part.getPart())));
    }
    return notices;
  }

  /**
   * Confirms a notice at the central list.
   *
   * @param outcome {@link WithdrawalNoticeContract#DONE} or {@link
   *     WithdrawalNoticeContract#NOT_HELD}
   * @param detail what this site did, as counts
   * @return the confirmation
   */
  public String confirmNotice(String noticeId, String outcome, String detail) {
    requireCentralList();
    Parameters input = new Parameters();
    input
        .addParameter()
        .setName(WithdrawalNoticeContract.NOTICE)
        .setValue(new StringType(noticeId));
    input.addParameter().setName(WithdrawalNoticeContract.OUTCOME).setValue(new CodeType(outcome));
    String limited =
        detail.length() <= WithdrawalNoticeContract.MAX_DETAIL
            ? detail
            : detail.substring(0, WithdrawalNoticeContract.MAX_DETAIL - 1) + "…";
    input.addParameter().setName(WithdrawalNoticeContract.DETAIL).setValue(new StringType(limited));
    Parameters answer =
        client.call(
            "central patient list",
            centralListUrl,
            WithdrawalNoticeContract.CONFIRM_OPERATION,
            input);
    return "central patient list: confirmation recorded ("
        + text(answer, WithdrawalNoticeContract.OUTCOME)
        + ", "
        + text(answer, WithdrawalNoticeContract.CONFIRMED)
        + ")";
  }

  /** One informed site's state in a central case. */
  public record SiteState(String site, String state, String confirmed, String outcome) {
    public boolean confirmedBySite() {
      return WithdrawalNoticeContract.CONFIRMED_STATE.equals(state);
    }
  }

  /** The informed sites of a case this site opened at the central list. */
  public List<SiteState> caseState(String caseId) {
    requireCentralList();
    Parameters input = new Parameters();
    input.addParameter().setName(WithdrawalNoticeContract.CASE).setValue(new StringType(caseId));
    Parameters answer =
        client.call(
            "central patient list", centralListUrl, WithdrawalNoticeContract.CASE_OPERATION, input);
    List<SiteState> sites = new ArrayList<>();
    for (Parameters.ParametersParameterComponent part : answer.getParameter()) {
      if (!WithdrawalNoticeContract.SITE.equals(part.getName())) {
        continue;
      }
      Map<String, String> values = values(part);
      sites.add(
          new SiteState(
              values.get(WithdrawalNoticeContract.CODE),
              values.get(WithdrawalNoticeContract.STATE),
              values.get(WithdrawalNoticeContract.CONFIRMED),
              values.get(WithdrawalNoticeContract.OUTCOME)));
    }
    return sites;
  }

  /** Whether this bridgehead can reach the central list (certificate and URL configured). */
  public boolean centralListConfigured() {
    return client != null && centralListUrl != null;
  }

  private void requireCentralList() {
    if (!centralListConfigured()) {
      throw new UpstreamException(503, "the central patient list is not configured");
    }
  }

  private static String text(Parameters answer, String name) {
    Parameters.ParametersParameterComponent part = answer.getParameter(name);
    return part == null || part.getValue() == null ? null : part.getValue().primitiveValue();
  }

  private static int integer(Parameters answer, String name) {
    Parameters.ParametersParameterComponent part = answer.getParameter(name);
    if (part == null || !(part.getValue() instanceof IntegerType value)) {
      throw new UpstreamException(502, "the answer lacks '" + name + "'");
    }
    return value.getValue();
  }
}
