package org.ccpfhir.bridgehead.visibility;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ccpfhir.bridgehead.consent.DecisionAuditor;
import org.ccpfhir.security.auth.Caller;
import org.ccpfhir.security.auth.SecurityResponses;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The site admin's management of groups (admins only; page {@code admin.html}): {@code GET
 * /ccp/groups} lists the groups of the configuration and those managed here with their units;
 * {@code PUT /ccp/groups/<name>} with a Parameters ({@code unit} 0..*, {@code allUnits}) sets a
 * managed group; {@code DELETE /ccp/groups/<name>} removes one. A group's name is the one the
 * identity provider's groups claim carries. Groups of the configuration cannot be changed here
 * (409). Every change is audited.
 */
@RestController
public class GroupsEndpoint {

  public static final String PATH = "/ccp/groups";

  private final VisibilityProperties properties;
  private final ManagedGroups managed;
  private final DecisionAuditor auditor;
  private final FhirContext fhir;

  public GroupsEndpoint(
      VisibilityProperties properties,
      ManagedGroups managed,
      DecisionAuditor auditor,
      FhirContext fhir) {
    this.properties = properties;
    this.managed = managed;
    this.auditor = auditor;
    this.fhir = fhir;
  }

  @GetMapping(path = PATH, produces = "application/fhir+json")
  public ResponseEntity<String> list() {
    Parameters answer = new Parameters();
    answer.addParameter("enabled", new BooleanType(properties.enabled()));
    add(answer, new TreeMap<>(properties.groups()), "configuration");
    add(answer, managed.all(), "pages");
    return SecurityResponses.answer(HttpStatus.OK, answer);
  }

  @PutMapping(path = PATH + "/{name}", produces = "application/fhir+json")
  public ResponseEntity<String> put(
      @PathVariable("name") String name, @RequestBody(required = false) String body) {
    ResponseEntity<String> refused = refuseName(name);
    if (refused != null) {
      return refused;
    }
    Parameters parameters;
    try {
      parameters = (Parameters) fhir.newJsonParser().parseResource(body == null ? "" : body);
    } catch (DataFormatException | ClassCastException e) {
      return SecurityResponses.refusal(
          HttpStatus.BAD_REQUEST,
          IssueType.STRUCTURE,
          "body: a Parameters resource with 'unit' (0..*) and 'allUnits' is expected");
    }
    List<String> units = new ArrayList<>();
    boolean allUnits = false;
    for (int i = 0; i < parameters.getParameter().size(); i++) {
      Parameters.ParametersParameterComponent part = parameters.getParameter().get(i);
      Type value = part.getValue();
      String text = value == null ? null : value.primitiveValue();
      switch (part.getName() == null ? "" : part.getName()) {
        case "unit" -> {
          if (!VisibilityProperties.validCode(text)) {
            return SecurityResponses.refusal(
                HttpStatus.BAD_REQUEST,
                IssueType.VALUE,
                "Parameters.parameter["
                    + i
                    + "] 'unit': a treating unit is a code of letters, digits, '.', '_' or '-'"
                    + " (1-64)");
          }
          units.add(text);
        }
        case "allUnits" -> {
          if (!(value instanceof BooleanType flag) || !flag.hasValue()) {
            return SecurityResponses.refusal(
                HttpStatus.BAD_REQUEST,
                IssueType.VALUE,
                "Parameters.parameter[" + i + "] 'allUnits': valueBoolean expected");
          }
          allUnits = flag.booleanValue();
        }
        default -> {
          return SecurityResponses.refusal(
              HttpStatus.BAD_REQUEST,
              IssueType.NOTSUPPORTED,
              "Parameters.parameter[" + i + "]: unknown parameter; known: unit, allUnits");
        }
      }
    }
    String admin = Caller.current().map(Caller::id).orElse("?");
    managed.put(name, new VisibilityProperties.Group(units, allUnits), admin);
    auditor.record(
        "visibility-groups",
        "U",
        PATH + "/" + name,
        200,
        "group " + name + " sees " + (allUnits ? "all units" : "units " + units));
    return list();
  }

  @DeleteMapping(path = PATH + "/{name}", produces = "application/fhir+json")
  public ResponseEntity<String> delete(@PathVariable("name") String name) {
    ResponseEntity<String> refused = refuseName(name);
    if (refused != null) {
      return refused;
    }
    if (!managed.remove(name)) {
      return SecurityResponses.refusal(
          HttpStatus.NOT_FOUND, IssueType.NOTFOUND, "no group '" + name + "' is managed here");
    }
    auditor.record("visibility-groups", "D", PATH + "/" + name, 200, "group " + name + " removed");
    return list();
  }

  private ResponseEntity<String> refuseName(String name) {
    if (!VisibilityProperties.validCode(name)) {
      return SecurityResponses.refusal(
          HttpStatus.BAD_REQUEST,
          IssueType.VALUE,
          "path: a group name is a code of letters, digits, '.', '_' or '-' (1-64)");
    }
    if (properties.groups().containsKey(name)) {
      return SecurityResponses.refusal(
          HttpStatus.CONFLICT,
          IssueType.CONFLICT,
          "group '" + name + "' is set in the configuration (ccp.visibility.groups), not here");
    }
    return null;
  }

  private static void add(
      Parameters answer, Map<String, VisibilityProperties.Group> groups, String source) {
    groups.forEach(
        (name, group) -> {
          Parameters.ParametersParameterComponent part = answer.addParameter().setName("group");
          part.addPart().setName("name").setValue(new StringType(name));
          group.units().forEach(u -> part.addPart().setName("unit").setValue(new StringType(u)));
          part.addPart().setName("allUnits").setValue(new BooleanType(group.allUnits()));
          part.addPart().setName("source").setValue(new StringType(source));
        });
  }
}
