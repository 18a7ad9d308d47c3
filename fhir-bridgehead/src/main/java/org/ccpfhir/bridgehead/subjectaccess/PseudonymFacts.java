package org.ccpfhir.bridgehead.subjectaccess;

import java.util.List;
import java.util.Objects;
import org.ccpfhir.bridgehead.upload.UploadStateRepository;
import org.ccpfhir.identity.pseudonym.ProjectPseudonyms;
import org.ccpfhir.identity.pseudonym.PseudonymSystems;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;

/**
 * The pseudonyms a patient has and where they come from: the local one (BK-L), the site's global
 * one (BK-G) as the Teiler recorded it when it uploaded the patient — it is not asked for anew,
 * which would send IDAT to the control-number generator — and the project pseudonyms the local list
 * keeps (which CCP applications the patient takes part in).
 */
public class PseudonymFacts {

  private final ProjectPseudonyms projects;
  private final UploadStateRepository uploads;
  private final String site;

  public PseudonymFacts(ProjectPseudonyms projects, UploadStateRepository uploads, String site) {
    this.projects = projects;
    this.uploads = uploads;
    this.site = site;
  }

  /** The site's global pseudonym of one of the given Patient resources, if the Teiler has one. */
  public String global(List<String> patientIds) {
    return patientIds.stream()
        .flatMap(id -> uploads.find(id).stream())
        .map(UploadStateRepository.State::bkGlobal)
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  /** One Parameters: a {@code pseudonym} part (kind, project, identifier) per pseudonym. */
  public Parameters of(String bkLocal, String bkGlobal) {
    Parameters facts = new Parameters();
    facts.setId("pseudonyms");
    add(facts, "local", null, new Identifier().setSystem(system("BK", "L")).setValue(bkLocal));
    if (bkGlobal != null) {
      add(facts, "global", null, new Identifier().setSystem(system("BK", "G")).setValue(bkGlobal));
    }
    projects
        .of(bkLocal)
        .forEach(
            (domain, pseudonym) ->
                add(
                    facts,
                    "project",
                    domain.substring(0, domain.indexOf('-')),
                    new Identifier().setSystem(PseudonymSystems.of(domain)).setValue(pseudonym)));
    return facts;
  }

  private String system(String application, String scope) {
    return PseudonymSystems.of(application + "-" + site + "-" + scope);
  }

  private static void add(Parameters facts, String kind, String project, Identifier identifier) {
    Parameters.ParametersParameterComponent part = facts.addParameter().setName("pseudonym");
    part.addPart().setName("kind").setValue(new CodeType(kind));
    if (project != null) {
      part.addPart().setName("project").setValue(new CodeType(project));
    }
    part.addPart().setName("identifier").setValue(identifier);
  }
}
