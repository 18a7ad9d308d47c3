package org.ccpfhir.profiles;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;

/**
 * Decides which MDS profiles a resource must conform to.
 *
 * <ol>
 *   <li>Profiles of this module named in {@code meta.profile} are taken as they are.
 *   <li>Otherwise DKTK onco-core / BBMRI / MII KDS profile URLs in {@code meta.profile} are mapped
 *       to ours; a resource that declares only MII KDS profiles without MDS counterpart is base R4.
 *   <li>Otherwise the shape decides: resource type, the LOINC code of an Observation, the therapy
 *       type of a Procedure or MedicationStatement, an ICD-10-GM code of a Condition.
 * </ol>
 *
 * An empty list means the resource belongs to the wider basic data set that the MDS does not cover
 * (e.g. lymph-node counts, genetic variants, further classifications) and is only checked against
 * base FHIR R4. Stateless and thread-safe.
 */
public final class ProfileSelector {

  static final String LOINC = MdsLoinc.SYSTEM;
  static final String ICD10_GM = "http://fhir.de/CodeSystem/bfarm/icd-10-gm";
  static final String THERAPY_TYPE_CS =
      "http://dktk.dkfz.de/fhir/onco/core/CodeSystem/SYSTTherapieartCS";

  /** Observation LOINC code to profile. */
  static final Map<String, String> OBSERVATION_BY_LOINC =
      Map.ofEntries(
          Map.entry(MdsLoinc.HISTOLOGY, MdsProfiles.HISTOLOGY),
          Map.entry(MdsLoinc.GRADING, MdsProfiles.GRADING),
          Map.entry(MdsLoinc.TNM_CLINICAL, MdsProfiles.TNM_CLINICAL),
          Map.entry(MdsLoinc.TNM_PATHOLOGICAL, MdsProfiles.TNM_PATHOLOGICAL),
          Map.entry(MdsLoinc.RESIDUAL_LOCAL, MdsProfiles.RESIDUAL_STATUS),
          Map.entry(MdsLoinc.RESIDUAL_OVERALL, MdsProfiles.RESIDUAL_STATUS),
          Map.entry(MdsLoinc.DISTANT_METASTASIS, MdsProfiles.DISTANT_METASTASIS),
          Map.entry(MdsLoinc.VITAL_STATUS, MdsProfiles.VITAL_STATUS),
          Map.entry(MdsLoinc.OVERALL_TUMOR_STATUS, MdsProfiles.OVERALL_TUMOR_STATUS),
          Map.entry(MdsLoinc.LOCAL_TUMOR_STATUS, MdsProfiles.LOCAL_TUMOR_STATUS),
          Map.entry(MdsLoinc.LYMPH_NODE_STATUS, MdsProfiles.LYMPH_NODE_STATUS),
          Map.entry(MdsLoinc.METASTASIS_STATUS, MdsProfiles.METASTASIS_STATUS));

  /** Returns the MDS profile URLs the resource must validate against; empty = base R4 only. */
  public List<String> select(IBaseResource resource) {
    List<String> declared = declaredProfiles(resource);
    List<String> ours =
        declared.stream()
            .filter(MdsProfiles::isMdsProfile)
            .map(MdsProfiles::stripVersion)
            .distinct()
            .toList();
    if (!ours.isEmpty()) {
      return ours;
    }
    Set<String> mapped = new LinkedHashSet<>();
    declared.forEach(url -> MdsProfiles.mdsProfileFor(url).ifPresent(mapped::add));
    List<String> byShape = byShape(resource).map(List::of).orElse(List.of());
    if (mapped.size() > 1 && !byShape.isEmpty() && mapped.containsAll(byShape)) {
      // some exporters declare TNMc and TNMp at once; the LOINC code tells which one applies
      return byShape;
    }
    if (declared.stream().map(MdsProfiles::stripVersion).anyMatch(MdsProfiles.MII_TNM::equals)
        && !byShape.isEmpty()) {
      // MII has one TNM profile for both; its code tells clinical from pathological
      return byShape;
    }
    if (!mapped.isEmpty()) {
      return List.copyOf(mapped);
    }
    if (declared.stream().anyMatch(ProfileSelector::isMii)) {
      // an MII KDS profile without MDS counterpart (e.g. its Specimen, its therapies as
      // Procedure): its content is not MDS-shaped, so the MDS profile of the type would refuse it
      return List.of();
    }
    return byShape;
  }

  /** The profile that the shape of the resource calls for, ignoring {@code meta.profile}. */
  public Optional<String> byShape(IBaseResource resource) {
    return switch (resource.fhirType()) {
      case "Patient" -> Optional.of(MdsProfiles.PATIENT);
      case "Condition" -> conditionProfile((Condition) resource);
      case "Observation" -> observationProfile((Observation) resource);
      case "Procedure" -> procedureProfile((Procedure) resource);
      case "MedicationStatement" -> medicationStatementProfile((MedicationStatement) resource);
      case "ClinicalImpression" -> Optional.of(MdsProfiles.FOLLOW_UP);
      case "Specimen" -> Optional.of(MdsProfiles.SPECIMEN);
      default -> Optional.empty();
    };
  }

  private static boolean isMii(String url) {
    return url.startsWith(MdsProfiles.MII_ONKO_BASE) || url.startsWith(MdsProfiles.MII_PERSON_BASE);
  }

  private static List<String> declaredProfiles(IBaseResource resource) {
    List<String> urls = new ArrayList<>();
    for (var profile : resource.getMeta().getProfile()) {
      if (profile.getValueAsString() != null) {
        urls.add(profile.getValueAsString());
      }
    }
    return urls;
  }

  private static Optional<String> conditionProfile(Condition condition) {
    // the MDS knows primary diagnoses only; other conditions (e.g. causes of death) stay base R4
    return hasSystem(condition.getCode(), ICD10_GM)
        ? Optional.of(MdsProfiles.PRIMARY_DIAGNOSIS)
        : Optional.empty();
  }

  private static Optional<String> observationProfile(Observation observation) {
    for (Coding coding : observation.getCode().getCoding()) {
      if (LOINC.equals(coding.getSystem()) && coding.hasCode()) {
        String profile = OBSERVATION_BY_LOINC.get(coding.getCode());
        if (profile != null) {
          return Optional.of(profile);
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> procedureProfile(Procedure procedure) {
    for (Coding coding : procedure.getCategory().getCoding()) {
      if (THERAPY_TYPE_CS.equals(coding.getSystem())) {
        if ("OP".equals(coding.getCode())) {
          return Optional.of(MdsProfiles.SURGERY);
        }
        if ("ST".equals(coding.getCode())) {
          return Optional.of(MdsProfiles.RADIOTHERAPY);
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> medicationStatementProfile(MedicationStatement statement) {
    return statement.getCategory() != null && hasSystem(statement.getCategory(), THERAPY_TYPE_CS)
        ? Optional.of(MdsProfiles.SYSTEMIC_THERAPY)
        : Optional.empty();
  }

  private static boolean hasSystem(CodeableConcept concept, String system) {
    return concept != null
        && concept.getCoding().stream().anyMatch(coding -> system.equals(coding.getSystem()));
  }
}
