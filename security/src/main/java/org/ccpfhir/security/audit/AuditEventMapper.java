package org.ccpfhir.security.audit;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/** Turns an {@link AuditEntry} into a FHIR R4 AuditEvent. */
final class AuditEventMapper {

  static final String AGENT_SYSTEM = "https://ccp-fhir.org/fhir/sid/agent-";
  static final String ROLE_SYSTEM = "https://ccp-fhir.org/fhir/CodeSystem/role";
  static final String INTERACTION_SYSTEM = "https://ccp-fhir.org/fhir/CodeSystem/audit-interaction";
  private static final String RESTFUL = "http://hl7.org/fhir/restful-interaction";
  private static final String EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
  private static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
  private static final Set<String> RESTFUL_CODES =
      Set.of(
          "read",
          "vread",
          "update",
          "patch",
          "delete",
          "history",
          "history-instance",
          "history-type",
          "history-system",
          "create",
          "search",
          "search-type",
          "search-system",
          "capabilities",
          "transaction",
          "batch",
          "operation");
  private static final Pattern REFERENCE = Pattern.compile("[A-Z][A-Za-z]+/[A-Za-z0-9\\-.]{1,64}");

  private AuditEventMapper() {}

  static AuditEvent toFhir(String id, AuditEntry entry) {
    AuditEvent event = new AuditEvent();
    event.setId(id);
    event.setType(type(entry.category()));
    event.addSubtype(
        new Coding(
            RESTFUL_CODES.contains(entry.interaction()) ? RESTFUL : INTERACTION_SYSTEM,
            entry.interaction(),
            null));
    event.setAction(AuditEventAction.fromCode(entry.action()));
    event.setRecorded(Date.from(entry.recorded()));
    event.setOutcome(AuditEventOutcome.fromCode(entry.outcome()));
    if (entry.detail() != null) {
      event.setOutcomeDesc(entry.detail());
    }
    AuditEvent.AuditEventAgentComponent agent = event.addAgent().setRequestor(true);
    AuditAgent who = entry.agent();
    agent.setWho(
        new Reference()
            .setIdentifier(
                new Identifier()
                    .setSystem(AGENT_SYSTEM + who.kind().name().toLowerCase())
                    .setValue(who.id() == null ? "anonymous" : who.id())));
    who.roles()
        .forEach(role -> agent.addRole(new CodeableConcept(new Coding(ROLE_SYSTEM, role, null))));
    if (who.networkAddress() != null) {
      agent
          .getNetwork()
          .setAddress(who.networkAddress())
          .setType(AuditEvent.AuditEventAgentNetworkType._2);
    }
    event.getSource().setObserver(new Reference().setDisplay(entry.observer()));
    if (entry.path() != null) {
      AuditEvent.AuditEventEntityComponent entity = event.addEntity();
      entity.setDescription(entry.method() + " " + entry.path());
      String relative = relativeReference(entry.path());
      if (relative != null) {
        entity.setWhat(new Reference(relative));
      }
      if (entry.query() != null && !entry.query().isEmpty()) {
        entity.setQuery(entry.query().getBytes(StandardCharsets.UTF_8));
      }
    }
    return event;
  }

  private static Coding type(String category) {
    return switch (category) {
      case "tls", "security" -> new Coding(DICOM, "110113", "Security Alert");
      case "token" -> new Coding(DICOM, "110114", "User Authentication");
      case "rest" -> new Coding(EVENT_TYPE, "rest", "RESTful Operation");
      default -> new Coding(DICOM, "110100", "Application Activity");
    };
  }

  private static String relativeReference(String path) {
    String[] parts = path.split("/");
    for (int i = 0; i + 1 < parts.length; i++) {
      String candidate = parts[i] + "/" + parts[i + 1];
      if (REFERENCE.matcher(candidate).matches() && !parts[i + 1].startsWith("_")) {
        return candidate;
      }
    }
    return null;
  }
}
