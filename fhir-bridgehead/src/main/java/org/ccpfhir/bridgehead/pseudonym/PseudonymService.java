package org.ccpfhir.bridgehead.pseudonym;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ccpfhir.bridgehead.consent.NetworkConsent;
import org.ccpfhir.identity.idat.Idat;
import org.ccpfhir.identity.local.LocalPatientList;
import org.ccpfhir.identity.pseudonym.ProjectPseudonyms;
import org.ccpfhir.identity.pseudonym.PseudonymSystems;
import org.hl7.fhir.r4.model.Identifier;
import org.springframework.stereotype.Service;

/**
 * The pseudonym of a person in a domain, as {@code $pseudonymize} asks for it: BK-L from the local
 * patient list; BK-G through the control-number generator and the central list (network consent
 * required); a project's local pseudonym ({@code <project>-L}, e.g. RPB-L → RPB-HD-L) recorded here
 * against the BK-L-ID; a project's global pseudonym ({@code <project>-G}) from the central list
 * against the BK-G-ID.
 */
@Service
public class PseudonymService {

  private static final Pattern DOMAIN = Pattern.compile("([A-Z][A-Z0-9]{1,9})-([LG])");

  private final LocalPatientList localPatientList;
  private final LocalPatientListProperties properties;
  private final ProjectPseudonyms projects;
  private final NetworkConsent consent;
  private final GlobalPseudonymClient global;

  public PseudonymService(
      LocalPatientList localPatientList,
      LocalPatientListProperties properties,
      ProjectPseudonyms projects,
      NetworkConsent consent,
      GlobalPseudonymClient global) {
    this.localPatientList = localPatientList;
    this.properties = properties;
    this.projects = projects;
    this.consent = consent;
    this.global = global;
  }

  /** Whether a target names a domain this service can serve (BK-L, BK-G, XX-L, XX-G). */
  public static boolean isDomain(String target) {
    return DOMAIN.matcher(target).matches() && !target.startsWith("MDS-");
  }

  /**
   * @param person the IDAT, or null when {@code original} names the person
   * @param original an existing BK-L-ID of this site, or null
   */
  public Identifier pseudonymize(String target, Idat person, String original) {
    Matcher domain = DOMAIN.matcher(target);
    if (!domain.matches()) {
      throw new InvalidRequestException(
          "parameter 'target' must be a domain such as BK-L or RPB-G");
    }
    if (person == null && target.equals("BK-L")) {
      throw new InvalidRequestException("target BK-L needs the patient's identifying data");
    }
    // with only a local pseudonym, its IDAT are read once: they prove it and serve BK-G
    Idat idat =
        person != null
            ? person
            : localPatientList
                .idatOf(original)
                .orElseThrow(
                    () ->
                        new UnprocessableEntityException(
                            "parameter 'original' is not a local pseudonym of this site"));
    String local = person != null ? localPatientList.pseudonymize(person).bkLocalId() : original;
    String localSystem = PseudonymSystems.of(properties.localDomain());
    String project = domain.group(1);
    boolean globalScope = domain.group(2).equals("G");
    if (target.equals("BK-L")) {
      return new Identifier().setSystem(localSystem).setValue(local);
    }
    if (!globalScope) {
      String projectDomain = project + "-" + properties.site() + "-L";
      return new Identifier()
          .setSystem(PseudonymSystems.of(projectDomain))
          .setValue(projects.pseudonymFor(local, projectDomain));
    }
    if (!consent.allowsGlobal(localSystem, local)) {
      throw new UnprocessableEntityException(
          "no active network consent is recorded for this patient: a global pseudonym needs"
              + " one (Consent with policyRule "
              + NetworkConsent.POLICY_SYSTEM
              + "|"
              + NetworkConsent.NETWORK
              + ")");
    }
    Identifier globalId = global.pseudonymize(idat);
    return project.equals("BK") ? globalId : global.projectPseudonym(globalId.getValue(), project);
  }
}
