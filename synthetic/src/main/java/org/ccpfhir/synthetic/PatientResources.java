package org.ccpfhir.synthetic;

import static org.ccpfhir.synthetic.Fhir.concept;
import static org.ccpfhir.synthetic.Fhir.dateTime;

import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.synthetic.Fhir.Generated;
import org.ccpfhir.synthetic.PatientCase.Tnm;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;

/** Patient, primary diagnosis and the observations that describe the tumour at diagnosis. */
final class PatientResources {

  static final String DIAGNOSIS = "dx";
  static final String HISTOLOGY = "hist";
  static final String GRADING = "grading";
  static final String TNM_CLINICAL = "tnmc";
  static final String TNM_PATHOLOGICAL = "tnmp";
  static final String VITAL_STATUS = "vital";

  private final PatientCase c;
  private final PatientIds ids;

  PatientResources(PatientCase c, PatientIds ids) {
    this.c = c;
    this.ids = ids;
  }

  List<Generated> build() {
    List<Generated> out = new ArrayList<>();
    out.add(new Generated("", patient()));
    out.add(new Generated(DIAGNOSIS, condition()));
    out.add(new Generated(HISTOLOGY, histology()));
    if (c.grading() != null) {
      out.add(new Generated(GRADING, grading()));
    }
    if (c.clinicalTnm() != null) {
      out.add(new Generated(TNM_CLINICAL, TnmObservations.tnm(ids, TNM_CLINICAL, c.clinicalTnm())));
    }
    if (c.pathologicalTnm() != null) {
      out.add(
          new Generated(
              TNM_PATHOLOGICAL, TnmObservations.tnm(ids, TNM_PATHOLOGICAL, c.pathologicalTnm())));
    }
    for (int i = 0; i < c.metastasisSites().size(); i++) {
      String suffix = metastasisSuffix(i);
      out.add(
          new Generated(
              suffix,
              TnmObservations.distantMetastasis(
                  ids, suffix, c.leadingTnm().date(), c.metastasisSites().get(i))));
    }
    out.add(new Generated(VITAL_STATUS, vitalStatus()));
    return out;
  }

  static String metastasisSuffix(int i) {
    return "fm" + (i + 1);
  }

  private Patient patient() {
    Patient p = new Patient();
    p.getMeta().addProfile(Shapes.PROFILE_PATIENT);
    p.addIdentifier()
        .setType(concept(Shapes.PSEUDONYM_ART, "Lokal"))
        .setSystem(ids.pseudonymSystem())
        .setValue(ids.pseudonym());
    p.setGender(c.gender());
    if (c.idat() == null) {
      p.setBirthDateElement(new DateType(c.birthDate().toString().substring(0, 7)));
    } else {
      PatientCase.Idat idat = c.idat();
      p.addName().setFamily(idat.family()).addGiven(idat.given());
      p.setBirthDateElement(new DateType(c.birthDate().toString()));
      p.addAddress()
          .addLine(idat.street())
          .setPostalCode(idat.postalCode())
          .setCity(idat.city())
          .setCountry("DE");
      p.addTelecom()
          .setSystem(ContactPoint.ContactPointSystem.PHONE)
          .setValue(idat.phone())
          .setUse(ContactPoint.ContactPointUse.HOME);
    }
    if (c.deceased()) {
      p.setDeceased(dateTime(c.deathDate()));
    }
    return p;
  }

  private Condition condition() {
    Condition cond = new Condition();
    cond.getMeta().addProfile(Shapes.PROFILE_PRIMARY_DIAGNOSIS);
    cond.addIdentifier(ids.identifier(DIAGNOSIS));
    cond.setCode(concept(Shapes.ICD10GM, c.icd10Version(), c.site().icd10()));
    CodeableConcept bodySite = concept(Shapes.ICDO3, Shapes.ICDO3_VERSION, c.site().topography());
    if (c.laterality() != null) {
      bodySite.addCoding(new Coding(Shapes.LATERALITY, c.laterality(), null));
    }
    cond.addBodySite(bodySite);
    cond.setSubject(ids.patient());
    cond.setOnset(dateTime(c.diagnosisDate()));
    cond.setRecordedDateElement(dateTime(c.diagnosisDate()));
    if (c.clinicalTnm() != null) {
      cond.addStage().addAssessment(ids.ref("Observation", TNM_CLINICAL));
    }
    if (c.pathologicalTnm() != null) {
      cond.addStage().addAssessment(ids.ref("Observation", TNM_PATHOLOGICAL));
    }
    cond.addEvidence().addDetail(ids.ref("Observation", HISTOLOGY));
    return cond;
  }

  /** Histology as reported by pathology: at surgery if there was one, else at diagnosis. */
  private Observation histology() {
    Observation obs =
        Fhir.observation(
            ids, HISTOLOGY, Shapes.PROFILE_HISTOLOGY, Shapes.LOINC_HISTOLOGY, findingDate(), true);
    obs.setValue(concept(Shapes.ICDO3, Shapes.ICDO3_VERSION, c.morphology()));
    if (c.grading() != null) {
      obs.addHasMember(ids.ref("Observation", GRADING));
    }
    return obs;
  }

  private Observation grading() {
    Observation obs =
        Fhir.observation(
            ids, GRADING, Shapes.PROFILE_GRADING, Shapes.LOINC_GRADING, findingDate(), true);
    obs.setValue(concept(Shapes.GRADING, c.grading()));
    return obs;
  }

  private java.time.LocalDate findingDate() {
    Tnm p = c.pathologicalTnm();
    return p != null ? p.date() : c.diagnosisDate();
  }

  private Observation vitalStatus() {
    Observation obs =
        Fhir.observation(
            ids,
            VITAL_STATUS,
            Shapes.PROFILE_VITAL_STATUS,
            Shapes.LOINC_VITAL_STATUS,
            c.vitalStatusDate(),
            false);
    obs.setValue(concept(Shapes.VITAL_STATUS, c.deceased() ? "verstorben" : "lebend"));
    return obs;
  }
}
