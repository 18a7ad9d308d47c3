package org.ccpfhir.synthetic;

import static org.ccpfhir.synthetic.Fhir.concept;

import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.synthetic.Fhir.Generated;
import org.ccpfhir.synthetic.PatientCase.FollowUp;
import org.ccpfhir.synthetic.PatientCase.Sample;
import org.hl7.fhir.r4.model.ClinicalImpression;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Specimen;

/** Follow-ups (ClinicalImpression with four status findings) and biosamples. */
final class FollowUpResources {

  private final PatientCase c;
  private final PatientIds ids;

  FollowUpResources(PatientCase c, PatientIds ids) {
    this.c = c;
    this.ids = ids;
  }

  static String followUpSuffix(int i) {
    return "fu" + (i + 1);
  }

  static String specimenSuffix(int i) {
    return "spec" + (i + 1);
  }

  List<Generated> build() {
    List<Generated> out = new ArrayList<>();
    for (int i = 0; i < c.followUps().size(); i++) {
      followUp(followUpSuffix(i), c.followUps().get(i), out);
    }
    for (int i = 0; i < c.samples().size(); i++) {
      out.add(new Generated(specimenSuffix(i), specimen(specimenSuffix(i), c.samples().get(i))));
    }
    return out;
  }

  private void followUp(String suffix, FollowUp f, List<Generated> out) {
    ClinicalImpression ci = new ClinicalImpression();
    ci.getMeta().addProfile(Shapes.PROFILE_FOLLOW_UP);
    ci.addIdentifier(ids.identifier(suffix));
    ci.setStatus(ClinicalImpression.ClinicalImpressionStatus.COMPLETED);
    ci.setSubject(ids.patient());
    ci.setEffective(Fhir.dateTime(f.date()));
    ci.addProblem(ids.condition());
    List<Generated> findings =
        List.of(
            status(
                suffix + "-overall",
                f,
                Shapes.PROFILE_OVERALL_STATUS,
                Shapes.LOINC_OVERALL_STATUS,
                Shapes.OVERALL_STATUS,
                f.overall()),
            status(
                suffix + "-local",
                f,
                Shapes.PROFILE_LOCAL_STATUS,
                Shapes.LOINC_LOCAL_STATUS,
                Shapes.LOCAL_STATUS,
                f.local()),
            status(
                suffix + "-ln",
                f,
                Shapes.PROFILE_LYMPH_NODE_STATUS,
                Shapes.LOINC_LYMPH_NODE_STATUS,
                Shapes.LYMPH_NODE_STATUS,
                f.lymphNodes()),
            status(
                suffix + "-met",
                f,
                Shapes.PROFILE_METASTASIS_STATUS,
                Shapes.LOINC_METASTASIS_STATUS,
                Shapes.METASTASIS_STATUS,
                f.metastases()));
    for (Generated finding : findings) {
      ci.addFinding().setItemReference(ids.ref("Observation", finding.suffix()));
    }
    out.add(new Generated(suffix, ci));
    out.addAll(findings);
  }

  private Generated status(
      String suffix, FollowUp f, String profile, String loinc, String system, String code) {
    Observation obs = Fhir.observation(ids, suffix, profile, loinc, f.date(), true);
    obs.setValue(concept(system, code));
    return new Generated(suffix, obs);
  }

  private Specimen specimen(String suffix, Sample s) {
    Specimen sp = new Specimen();
    sp.getMeta().addProfile(Shapes.PROFILE_SPECIMEN);
    sp.addIdentifier(ids.identifier(suffix));
    sp.setStatus(Specimen.SpecimenStatus.AVAILABLE);
    sp.setType(concept(Shapes.SAMPLE_MATERIAL_TYPE, s.type()));
    sp.setSubject(ids.patient());
    sp.getCollection().setCollected(Fhir.dateTime(s.collected()));
    if (s.topography() != null) {
      sp.getCollection().setBodySite(concept(Shapes.ICDO3, Shapes.ICDO3_VERSION, s.topography()));
    }
    return sp;
  }
}
