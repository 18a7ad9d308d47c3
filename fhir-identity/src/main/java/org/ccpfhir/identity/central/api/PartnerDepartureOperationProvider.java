package org.ccpfhir.identity.central.api;

import static org.ccpfhir.profiles.departure.PartnerDepartureContract.ANONYMISE;
import static org.ccpfhir.profiles.departure.PartnerDepartureContract.ANONYMISED;
import static org.ccpfhir.profiles.departure.PartnerDepartureContract.CASE;
import static org.ccpfhir.profiles.departure.PartnerDepartureContract.DELETED;
import static org.ccpfhir.profiles.departure.PartnerDepartureContract.INSTRUCTION;
import static org.ccpfhir.profiles.departure.PartnerDepartureContract.KEEP;
import static org.ccpfhir.profiles.departure.PartnerDepartureContract.KEPT;
import static org.ccpfhir.profiles.departure.PartnerDepartureContract.SITE;
import static org.ccpfhir.profiles.departure.PartnerDepartureContract.SITE_CODE;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.ccpfhir.identity.central.PartnerDepartures;
import org.ccpfhir.platform.UpstreamException;
import org.ccpfhir.security.audit.AuditEntry;
import org.ccpfhir.security.auth.Caller;
import org.ccpfhir.security.auth.Roles;
import org.ccpfhir.security.ca.CertificateVerifier;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.ca.Pem;
import org.ccpfhir.security.cms.EnvelopeException;
import org.ccpfhir.security.cms.Envelopes;
import org.ccpfhir.security.cms.Opened;
import org.ccpfhir.security.fhir.DepartedSiteGuard;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * A partner leaves the network (CCP-IT §5.3), admins only (the access rule and this provider both
 * check): {@code $partner-departure-inventory} counts what the central list holds for the site;
 * {@code $partner-departure} applies the rule of {@link PartnerDepartures} and answers the MDS
 * database's sealed instruction; {@code $partner-departure-confirm} records the MDS database's
 * signed receipt. Each call is audited with its counts (never a pseudonym).
 */
public class PartnerDepartureOperationProvider implements FhirProvider {

  /** The re-encryption target that is the MDS database. */
  public static final String MDS_TARGET = "mds-search";

  private final PartnerDepartures departures;
  private final DepartedSiteGuard guard;
  private final Credential self;
  private final CertificateVerifier verifier;
  private final CentralListProperties.Target mds;
  private final FhirContext fhir;

  /**
   * @param guard told of the departure before the case opens: this node refuses the site at once
   * @param mds the MDS database's re-encryption target, or null when none is configured
   */
  public PartnerDepartureOperationProvider(
      PartnerDepartures departures,
      DepartedSiteGuard guard,
      Credential self,
      CertificateVerifier verifier,
      CentralListProperties.Target mds,
      FhirContext fhir) {
    this.departures = departures;
    this.guard = guard;
    this.self = self;
    this.verifier = verifier;
    this.mds = mds;
    this.fhir = fhir;
  }

  @Operation(name = "$partner-departure-inventory", idempotent = true)
  public Parameters inventory(
      @OperationParam(name = "site", min = 1, max = 1) StringType site,
      HttpServletRequest request) {
    String code = knownSite(site);
    PartnerDepartures.Inventory held = departures.inventory(code);
    request.setAttribute(
        AuditEntry.DETAIL_ATTRIBUTE,
        "partner departure inventory of site "
            + code
            + ": "
            + held.pseudonyms()
            + " pseudonyms, "
            + held.persons()
            + " persons");
    Parameters output = new Parameters();
    output.addParameter().setName("site").setValue(new CodeType(code));
    count(output, "pseudonyms", held.pseudonyms());
    count(output, "persons", held.persons());
    count(output, "personsOnlyHere", held.personsOnlyHere());
    count(output, "personsAlsoElsewhere", held.personsAlsoElsewhere());
    count(output, "controlNumberRecords", held.controlRecords());
    count(output, "openLinkageReviews", held.openReviews());
    count(output, "pendingWithdrawalNotices", held.pendingNotices());
    count(output, "withdrawalCases", held.withdrawalCases());
    count(output, "tickets", held.tickets());
    count(output, "projectPseudonyms", held.projectPseudonyms());
    count(output, "mdsPseudonyms", held.mdsPseudonyms());
    departures.caseOf(code).ifPresent(c -> describe(output, c));
    return output;
  }

  /** Serialised: two calls for one site must not both apply the rule. */
  @Operation(name = "$partner-departure", idempotent = false)
  public synchronized Parameters depart(
      @OperationParam(name = "site", min = 1, max = 1) StringType site,
      @OperationParam(name = "continuedConsent", min = 0, max = OperationParam.MAX_UNLIMITED)
          List<StringType> continued,
      HttpServletRequest request) {
    String code = knownSite(site);
    Optional<PartnerDepartures.Case> earlier =
        departures.caseOf(code).filter(c -> c.completedMs() != null);
    if (earlier.isPresent()) {
      request.setAttribute(
          AuditEntry.DETAIL_ATTRIBUTE,
          "partner departure case " + earlier.get().id() + " of site " + code + " answered again");
      Parameters output = describe(new Parameters(), earlier.get());
      output.addParameter().setName("replayed").setValue(new BooleanType(true));
      return output;
    }
    List<String> values =
        continued == null
            ? List.of()
            : continued.stream().map(v -> v == null ? null : v.getValue()).toList();
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null || values.get(i).isBlank()) {
        throw new InvalidRequestException("parameter 'continuedConsent[" + i + "]' has no value");
      }
    }
    List<Integer> foreign = departures.foreign(code, values);
    if (!foreign.isEmpty()) {
      throw new UnprocessableEntityException(
          "parameter 'continuedConsent"
              + foreign
              + "' is not a global pseudonym of site "
              + code
              + "; nothing was changed");
    }
    PartnerDepartures.Plan plan = departures.plan(code, new LinkedHashSet<>(values));
    String requestedBy = Caller.current().map(Caller::id).orElse("admin");
    // the instruction is sealed before anything changes: the MDS*G-IDs of the anonymised persons
    // stay, but those of the deleted ones go with them
    // refused on this node from here on (the guard's cache would otherwise lag behind the case)
    guard.recorded(code);
    PartnerDepartures.Case opened = departures.open(code, requestedBy);
    if (opened.mdsInstruction() == null && mds != null) {
      opened = departures.instruct(opened, seal(plan, code, opened.id()));
    }
    PartnerDepartures.Case done = departures.apply(opened, plan);
    request.setAttribute(
        AuditEntry.DETAIL_ATTRIBUTE,
        "partner departure case "
            + done.id()
            + " of site "
            + code
            + ": site refused from now on; "
            + done.kept()
            + " persons kept (consent continues), "
            + done.anonymised()
            + " anonymised (site link removed), "
            + done.deleted()
            + " deleted, "
            + done.retired()
            + " pseudonyms retired; MDS instruction "
            + (done.mdsInstruction() == null ? "none" : "issued"));
    return describe(new Parameters(), done);
  }

  @Operation(name = "$partner-departure-confirm", idempotent = false)
  public Parameters confirm(
      @OperationParam(name = "site", min = 1, max = 1) StringType site,
      @OperationParam(name = "receipt", min = 1, max = 1) Base64BinaryType receipt,
      HttpServletRequest request) {
    String code = siteCode(site);
    PartnerDepartures.Case departure =
        departures
            .caseOf(code)
            .orElseThrow(
                () ->
                    new ResourceNotFoundException(
                        "parameter 'site': site " + code + " has no departure case"));
    if (receipt == null || !receipt.hasValue()) {
      throw new InvalidRequestException("parameter 'receipt' (base64Binary) is required");
    }
    Parameters content = openReceipt(receipt.getValue());
    String caseId = value(content, CASE);
    if (!departure.id().equals(caseId) || !code.equals(value(content, SITE))) {
      throw new UnprocessableEntityException(
          "parameter 'receipt' confirms another departure case, not " + departure.id());
    }
    String detail =
        KEPT
            + " "
            + value(content, KEPT)
            + ", "
            + ANONYMISED
            + " "
            + value(content, ANONYMISED)
            + ", "
            + DELETED
            + " "
            + value(content, DELETED);
    PartnerDepartures.Case confirmed = departures.mdsConfirmed(departure, detail);
    request.setAttribute(
        AuditEntry.DETAIL_ATTRIBUTE,
        "partner departure case "
            + departure.id()
            + " of site "
            + code
            + " confirmed by the MDS database: "
            + confirmed.mdsDetail());
    return describe(new Parameters(), confirmed);
  }

  private byte[] seal(PartnerDepartures.Plan plan, String site, String caseId) {
    X509Certificate recipient = mdsCertificate();
    Parameters instruction = new Parameters();
    instruction.addParameter().setName(SITE).setValue(new CodeType(site));
    instruction.addParameter().setName(CASE).setValue(new StringType(caseId));
    plan.keepMds()
        .forEach(v -> instruction.addParameter().setName(KEEP).setValue(new StringType(v)));
    plan.anonymiseMds()
        .forEach(v -> instruction.addParameter().setName(ANONYMISE).setValue(new StringType(v)));
    return Envelopes.seal(
        fhir.newJsonParser().encodeResourceToString(instruction).getBytes(StandardCharsets.UTF_8),
        self,
        recipient);
  }

  private Parameters openReceipt(byte[] sealed) {
    Opened opened;
    try {
      opened = Envelopes.open(sealed, self, verifier);
    } catch (EnvelopeException e) {
      throw new InvalidRequestException(
          "parameter 'receipt': the envelope cannot be opened (" + e.reason() + ")");
    }
    if (mds == null
        || !mdsCertificate().getPublicKey().equals(opened.senderCertificate().getPublicKey())) {
      throw new ForbiddenOperationException(
          "parameter 'receipt' is signed by " + opened.sender().cn() + ", not the MDS database");
    }
    try {
      return fhir.newJsonParser()
          .parseResource(Parameters.class, new String(opened.payload(), StandardCharsets.UTF_8));
    } catch (DataFormatException | ClassCastException e) {
      throw new InvalidRequestException("parameter 'receipt' holds no Parameters");
    }
  }

  private X509Certificate mdsCertificate() {
    try {
      return Pem.readCertificate(mds.certificate());
    } catch (RuntimeException e) {
      throw new UpstreamException(503, "the MDS database's certificate is not available");
    }
  }

  private static String value(Parameters content, String name) {
    Parameters.ParametersParameterComponent p = content.getParameter(name);
    return p == null || p.getValue() == null ? null : p.getValue().primitiveValue();
  }

  private Parameters describe(Parameters output, PartnerDepartures.Case c) {
    Parameters.ParametersParameterComponent part = output.addParameter().setName("departure");
    part.addPart().setName("case").setValue(new StringType(c.id()));
    part.addPart().setName("site").setValue(new CodeType(c.site()));
    part.addPart().setName("requestedBy").setValue(new StringType(c.requestedBy()));
    part.addPart()
        .setName("received")
        .setValue(new InstantType(java.util.Date.from(Instant.ofEpochMilli(c.receivedMs()))));
    part.addPart().setName("deadline").setValue(new DateType(c.deadline().toString()));
    part.addPart()
        .setName("state")
        .setValue(
            new CodeType(
                c.completedMs() == null
                    ? "open"
                    : c.mdsConfirmedMs() != null || c.mdsInstruction() == null
                        ? "completed"
                        : "waiting-for-mds"));
    if (c.completedMs() != null) {
      part.addPart()
          .setName("completed")
          .setValue(new InstantType(java.util.Date.from(Instant.ofEpochMilli(c.completedMs()))));
      part.addPart().setName("kept").setValue(new IntegerType(c.kept()));
      part.addPart().setName("anonymised").setValue(new IntegerType(c.anonymised()));
      part.addPart().setName("deleted").setValue(new IntegerType(c.deleted()));
      part.addPart().setName("retiredPseudonyms").setValue(new IntegerType(c.retired()));
    }
    if (c.mdsConfirmedMs() != null) {
      part.addPart()
          .setName("mdsConfirmed")
          .setValue(new InstantType(java.util.Date.from(Instant.ofEpochMilli(c.mdsConfirmedMs()))));
      part.addPart().setName("mdsDetail").setValue(new StringType(c.mdsDetail()));
    }
    if (c.mdsInstruction() != null) {
      output.addParameter().setName(INSTRUCTION).setValue(new Base64BinaryType(c.mdsInstruction()));
    }
    return output;
  }

  private static void count(Parameters output, String name, int value) {
    output.addParameter().setName(name).setValue(new IntegerType(value));
  }

  /**
   * An admin's site code: 400 when malformed; 404 when nothing is held for it and it never left.
   */
  private String knownSite(StringType site) {
    String code = siteCode(site);
    if (departures.caseOf(code).isEmpty() && !departures.inventory(code).any()) {
      throw new ResourceNotFoundException(
          "parameter 'site': nothing is held for site " + code + " at the central patient list");
    }
    return code;
  }

  private static String siteCode(StringType site) {
    if (Caller.current().filter(c -> c.hasRole(Roles.ADMIN)).isEmpty()) {
      throw new ForbiddenOperationException("a partner's departure is an admin's operation");
    }
    if (site == null || !site.hasValue() || !site.getValue().matches(SITE_CODE)) {
      throw new InvalidRequestException("parameter 'site' must be a site code such as HD");
    }
    return site.getValue();
  }
}
