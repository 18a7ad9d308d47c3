package org.ccpfhir.identity.central.api;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.ccpfhir.identity.central.CentralPatientList;
import org.ccpfhir.identity.pseudonym.ProjectPseudonyms;
import org.ccpfhir.identity.pseudonym.PseudonymSystems;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code POST [central]/fhir/$project-pseudonym}: a site's global project pseudonym ({@code
 * <project>-<site>-G}, e.g. RPB-HD-G) for one of its global pseudonyms. The person, not the site
 * pseudonym, owns it: a link decision does not change it, a withdrawal retires it.
 */
public class ProjectPseudonymOperationProvider implements FhirProvider {

  private final CentralPatientList list;
  private final ProjectPseudonyms projects;

  public ProjectPseudonymOperationProvider(CentralPatientList list, ProjectPseudonyms projects) {
    this.list = list;
    this.projects = projects;
  }

  /** The owner key of a person's project pseudonyms. */
  static String owner(long person) {
    return CentralPatientList.personKey(person);
  }

  @Operation(name = "$project-pseudonym", idempotent = false)
  public Parameters projectPseudonym(
      @OperationParam(name = "pseudonym", min = 1, max = 1) StringType pseudonym,
      @OperationParam(name = "project", min = 1, max = 1) CodeType project) {
    if (project == null
        || !project.hasValue()
        || !project.getValue().matches("[A-Z][A-Z0-9]{1,9}")) {
      throw new InvalidRequestException("parameter 'project' must be a project code such as RPB");
    }
    if (project.getValue().equals("BK") || project.getValue().equals("MDS")) {
      throw new InvalidRequestException("parameter 'project' must not name a network domain");
    }
    if (pseudonym == null || !pseudonym.hasValue()) {
      throw new InvalidRequestException("parameter 'pseudonym' is required");
    }
    String site = SiteCaller.site();
    long person = SiteCaller.person(list, site, pseudonym.getValue());
    String domain = project.getValue() + "-" + site + "-G";
    Parameters output = new Parameters();
    Parameters.ParametersParameterComponent part = output.addParameter().setName("pseudonym");
    part.addPart()
        .setName("pseudonym")
        .setValue(
            new Identifier()
                .setSystem(PseudonymSystems.of(domain))
                .setValue(projects.pseudonymFor(owner(person), domain)));
    part.addPart().setName("scope").setValue(new CodeType("global"));
    return output;
  }
}
