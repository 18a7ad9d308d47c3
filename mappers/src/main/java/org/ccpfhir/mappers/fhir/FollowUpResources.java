package org.ccpfhir.mappers.fhir;

import static org.ccpfhir.mappers.fhir.Fhir.concept;

import java.util.List;
import org.ccpfhir.mappers.fhir.Onco.FollowUp;
import org.ccpfhir.profiles.MdsLoinc;
import org.ccpfhir.profiles.MdsProfiles;
import org.ccpfhir.terminology.CodeSystems;
import org.hl7.fhir.r4.model.ClinicalImpression;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

/** A follow-up as ClinicalImpression with one finding Observation per reported status. */
final class FollowUpResources {

  private final Refs refs;

  FollowUpResources(Refs refs) {
    this.refs = refs;
  }

  void build(String tumourKey, FollowUp f, List<Resource> out) {
    ClinicalImpression ci = new ClinicalImpression();
    ci.setId(refs.id("fu", tumourKey, f.key()));
    ci.getMeta().addProfile(MdsProfiles.FOLLOW_UP);
    ci.setStatus(ClinicalImpression.ClinicalImpressionStatus.COMPLETED);
    ci.setSubject(refs.patient());
    ci.setEffective(Fhir.dateTime(f.date()));
    ci.addProblem(refs.condition(tumourKey));
    out.add(ci);
    status(
        tumourKey,
        f,
        "overall",
        MdsProfiles.OVERALL_TUMOR_STATUS,
        MdsLoinc.OVERALL_TUMOR_STATUS,
        CodeSystems.OVERALL_TUMOUR_STATUS,
        f.overall(),
        ci,
        out);
    status(
        tumourKey,
        f,
        "local",
        MdsProfiles.LOCAL_TUMOR_STATUS,
        MdsLoinc.LOCAL_TUMOR_STATUS,
        CodeSystems.LOCAL_TUMOUR_STATUS,
        f.local(),
        ci,
        out);
    status(
        tumourKey,
        f,
        "ln",
        MdsProfiles.LYMPH_NODE_STATUS,
        MdsLoinc.LYMPH_NODE_STATUS,
        CodeSystems.LYMPH_NODE_STATUS,
        f.lymphNodes(),
        ci,
        out);
    status(
        tumourKey,
        f,
        "met",
        MdsProfiles.METASTASIS_STATUS,
        MdsLoinc.METASTASIS_STATUS,
        CodeSystems.METASTASIS_STATUS,
        f.metastases(),
        ci,
        out);
  }

  private void status(
      String tumourKey,
      FollowUp f,
      String part,
      String profile,
      String loinc,
      String system,
      String code,
      ClinicalImpression ci,
      List<Resource> out) {
    if (code == null) {
      return;
    }
    Observation obs =
        TnmObservations.observation(
            refs.id("fu-" + part, tumourKey, f.key()),
            profile,
            loinc,
            refs.patient(),
            refs.condition(tumourKey));
    obs.setEffective(Fhir.dateTime(f.date()));
    obs.setValue(concept(system, code));
    ci.addFinding().setItemReference(Refs.ref("Observation", obs.getIdPart()));
    out.add(obs);
  }
}
