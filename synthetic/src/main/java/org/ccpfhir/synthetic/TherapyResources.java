package org.ccpfhir.synthetic;

import static org.ccpfhir.synthetic.Fhir.concept;

import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.synthetic.Fhir.Generated;
import org.ccpfhir.synthetic.PatientCase.Radiotherapy;
import org.ccpfhir.synthetic.PatientCase.Surgery;
import org.ccpfhir.synthetic.PatientCase.SystemicTherapy;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Procedure;

/** Surgery and radiotherapy as Procedure, systemic therapies as MedicationStatement. */
final class TherapyResources {

  static final String SURGERY = "op";
  static final String RADIOTHERAPY = "st";

  /** OPS "Hochvoltstrahlentherapie"; the MDS only needs the category, the code is for realism. */
  private static final String OPS_RADIOTHERAPY = "8-522";

  private final PatientCase c;
  private final PatientIds ids;

  TherapyResources(PatientCase c, PatientIds ids) {
    this.c = c;
    this.ids = ids;
  }

  static String systemicSuffix(int i) {
    return "sys" + (i + 1);
  }

  List<Generated> build() {
    List<Generated> out = new ArrayList<>();
    if (c.surgery() != null) {
      out.add(new Generated(SURGERY, surgery(c.surgery())));
    }
    if (c.radiotherapy() != null) {
      out.add(new Generated(RADIOTHERAPY, radiotherapy(c.radiotherapy())));
    }
    for (int i = 0; i < c.systemicTherapies().size(); i++) {
      String suffix = systemicSuffix(i);
      out.add(new Generated(suffix, systemic(suffix, c.systemicTherapies().get(i))));
    }
    return out;
  }

  private Procedure surgery(Surgery s) {
    Procedure proc = new Procedure();
    proc.getMeta().addProfile(Shapes.PROFILE_SURGERY);
    proc.addExtension(Fhir.extension(Shapes.EXT_OP_INTENTION, Shapes.OP_INTENTION, s.intention()));
    proc.addIdentifier(ids.identifier(SURGERY));
    proc.setStatus(Procedure.ProcedureStatus.COMPLETED);
    proc.setCategory(concept(Shapes.THERAPY_TYPE, "OP"));
    if (s.opsCode() != null) {
      proc.setCode(concept(Shapes.OPS, String.valueOf(s.date().getYear()), s.opsCode()));
    }
    proc.setSubject(ids.patient());
    proc.setPerformed(Fhir.dateTime(s.date()));
    proc.addReasonReference(ids.condition());
    CodeableConcept outcome = concept(Shapes.RESIDUAL_LOCAL, s.residualLocal());
    outcome.addCoding(new Coding(Shapes.RESIDUAL_TOTAL, s.residualTotal(), null));
    proc.setOutcome(outcome);
    return proc;
  }

  private Procedure radiotherapy(Radiotherapy rt) {
    Procedure proc = new Procedure();
    proc.getMeta().addProfile(Shapes.PROFILE_RADIOTHERAPY);
    proc.addExtension(
        Fhir.extension(
            Shapes.EXT_RELATION_TO_SURGERY, Shapes.RELATION_TO_SURGERY, rt.relationToSurgery()));
    proc.addExtension(
        Fhir.extension(Shapes.EXT_THERAPY_INTENTION, Shapes.SYST_INTENTION, rt.intention()));
    proc.addIdentifier(ids.identifier(RADIOTHERAPY));
    proc.setStatus(
        rt.end() != null
            ? Procedure.ProcedureStatus.COMPLETED
            : Procedure.ProcedureStatus.INPROGRESS);
    proc.setCategory(concept(Shapes.THERAPY_TYPE, "ST"));
    proc.setCode(concept(Shapes.OPS, String.valueOf(rt.start().getYear()), OPS_RADIOTHERAPY));
    proc.setSubject(ids.patient());
    proc.setPerformed(Fhir.period(rt.start(), rt.end()));
    proc.addReasonReference(ids.condition());
    return proc;
  }

  private MedicationStatement systemic(String suffix, SystemicTherapy t) {
    MedicationStatement ms = new MedicationStatement();
    ms.getMeta().addProfile(Shapes.PROFILE_SYSTEMIC_THERAPY);
    ms.addExtension(
        Fhir.extension(
            Shapes.EXT_RELATION_TO_SURGERY, Shapes.RELATION_TO_SURGERY, t.relationToSurgery()));
    ms.addExtension(
        Fhir.extension(Shapes.EXT_THERAPY_INTENTION, Shapes.SYST_INTENTION, t.intention()));
    ms.addIdentifier(ids.identifier(suffix));
    ms.setStatus(
        t.end() != null
            ? MedicationStatement.MedicationStatementStatus.COMPLETED
            : MedicationStatement.MedicationStatementStatus.ACTIVE);
    ms.setCategory(concept(Shapes.THERAPY_TYPE, t.category()));
    CodeableConcept medication = new CodeableConcept().setText(t.regimen().text());
    if (t.regimen().atc() != null) {
      medication.addCoding(new Coding(Shapes.ATC, t.regimen().atc(), null));
    }
    ms.setMedication(medication);
    ms.setSubject(ids.patient());
    ms.setEffective(Fhir.period(t.start(), t.end()));
    ms.addReasonReference(ids.condition());
    return ms;
  }
}
