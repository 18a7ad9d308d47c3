package org.ccpfhir.bridgehead.terms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.ccpfhir.bridgehead.consent.DecisionAuditor;
import org.ccpfhir.security.audit.AuditAgent;
import org.ccpfhir.security.auth.Caller;

/**
 * The terms of use in force and who accepted them. People must accept; applications (client
 * credentials: the clinical systems' ingest, monitoring) and other components act for the site or
 * the network under their own agreements and are exempt.
 */
public class TermsOfUse {

  /** Shown with the text, also in the API answer. */
  public static final String LOGGING_NOTE =
      "Every access to this bridgehead is logged (who, when, what) and kept for the configured"
          + " retention period.";

  private final TermsProperties properties;
  private final TermsAcceptances acceptances;
  private final DecisionAuditor auditor;
  private final String text;

  public TermsOfUse(
      TermsProperties properties, TermsAcceptances acceptances, DecisionAuditor auditor) {
    this.properties = properties;
    this.acceptances = acceptances;
    this.auditor = auditor;
    try {
      this.text = properties.text().getContentAsString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "ccp.terms.text: the terms of use cannot be read from " + properties.text(), e);
    }
  }

  public String version() {
    return properties.version();
  }

  public String text() {
    return text;
  }

  /** Whether this caller must have accepted the terms at all. */
  public boolean applies(Caller caller) {
    return properties.enabled() && caller.kind() == AuditAgent.Kind.USER;
  }

  public boolean accepted(Caller caller) {
    return !applies(caller)
        || properties.preAccepted().contains(caller.id())
        || acceptances.accepted(caller.id(), properties.version());
  }

  /** Outcome of an acceptance. */
  public enum Result {
    RECORDED,
    ALREADY_ACCEPTED,
    NOT_REQUIRED,
    OTHER_VERSION
  }

  public Result accept(Caller caller, String version) {
    if (!applies(caller)) {
      return Result.NOT_REQUIRED;
    }
    if (!properties.version().equals(version)) {
      return Result.OTHER_VERSION;
    }
    if (!acceptances.accept(caller.id(), version)) {
      return Result.ALREADY_ACCEPTED;
    }
    auditor.record(
        "terms", "C", TermsEndpoint.PATH, 200, "terms of use version " + version + " accepted");
    return Result.RECORDED;
  }
}
