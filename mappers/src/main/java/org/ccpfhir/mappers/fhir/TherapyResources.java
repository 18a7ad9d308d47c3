package org.ccpfhir.mappers.fhir;

import static org.ccpfhir.mappers.fhir.Fhir.concept;

import org.ccpfhir.mappers.fhir.Onco.Ops;
import org.ccpfhir.mappers.fhir.Onco.Radiotherapy;
import org.ccpfhir.mappers.fhir.Onco.Substance;
import org.ccpfhir.mappers.fhir.Onco.Surgery;
import org.ccpfhir.mappers.fhir.Onco.SystemicTherapy;
import org.ccpfhir.profiles.MdsProfiles;
import org.ccpfhir.terminology.CodeSystems;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Procedure;

/** Surgery and radiotherapy as Procedure, systemic therapy as MedicationStatement. */
final class TherapyResources {

  static final String OPS = "http://fhir.de/CodeSystem/bfarm/ops";
  static final String ATC = "http://fhir.de/CodeSystem/bfarm/atc";

  private final Refs refs;

  TherapyResources(Refs refs) {
    this.refs = refs;
  }

  Procedure surgery(String tumourKey, Surgery s) {
    Procedure proc = new Procedure();
    proc.setId(refs.id("op", tumourKey, s.key()));
    proc.getMeta().addProfile(MdsProfiles.SURGERY);
    if (s.intention() != null) {
      proc.addExtension(
          Fhir.extension(
              MdsProfiles.EXT_OP_INTENTION, CodeSystems.SURGERY_INTENTION, s.intention()));
    }
    proc.setStatus(Procedure.ProcedureStatus.COMPLETED);
    proc.setCategory(concept(CodeSystems.THERAPY_TYPE, "OP"));
    if (!s.ops().isEmpty()) {
      CodeableConcept code = new CodeableConcept();
      for (Ops ops : s.ops()) {
        code.addCoding(new Coding(OPS, ops.code(), null).setVersion(ops.version()));
      }
      proc.setCode(code);
    }
    proc.setSubject(refs.patient());
    if (s.date() != null) {
      proc.setPerformed(Fhir.dateTime(s.date()));
    }
    proc.addReasonReference(refs.condition(tumourKey));
    if (s.residualLocal() != null || s.residualOverall() != null) {
      CodeableConcept outcome = new CodeableConcept();
      if (s.residualLocal() != null) {
        outcome.addCoding(new Coding(CodeSystems.RESIDUAL_LOCAL, s.residualLocal(), null));
      }
      if (s.residualOverall() != null) {
        outcome.addCoding(new Coding(CodeSystems.RESIDUAL_OVERALL, s.residualOverall(), null));
      }
      proc.setOutcome(outcome);
    }
    return proc;
  }

  Procedure radiotherapy(String tumourKey, Radiotherapy rt) {
    Procedure proc = new Procedure();
    proc.setId(refs.id("st", tumourKey, rt.key()));
    proc.getMeta().addProfile(MdsProfiles.RADIOTHERAPY);
    if (rt.relationToSurgery() != null) {
      proc.addExtension(
          Fhir.extension(
              MdsProfiles.EXT_RELATION_TO_SURGERY,
              CodeSystems.RELATION_TO_SURGERY,
              rt.relationToSurgery()));
    }
    if (rt.intention() != null) {
      proc.addExtension(
          Fhir.extension(
              MdsProfiles.EXT_THERAPY_INTENTION, CodeSystems.THERAPY_INTENTION, rt.intention()));
    }
    proc.setStatus(
        rt.end() != null
            ? Procedure.ProcedureStatus.COMPLETED
            : Procedure.ProcedureStatus.INPROGRESS);
    proc.setCategory(concept(CodeSystems.THERAPY_TYPE, "ST"));
    proc.setSubject(refs.patient());
    if (rt.start() != null) {
      proc.setPerformed(Fhir.period(rt.start().toString(), rt.end()));
    }
    proc.addReasonReference(refs.condition(tumourKey));
    return proc;
  }

  MedicationStatement systemic(String tumourKey, SystemicTherapy t) {
    MedicationStatement ms = new MedicationStatement();
    ms.setId(refs.id("syst", tumourKey, t.key()));
    ms.getMeta().addProfile(MdsProfiles.SYSTEMIC_THERAPY);
    if (t.relationToSurgery() != null) {
      ms.addExtension(
          Fhir.extension(
              MdsProfiles.EXT_RELATION_TO_SURGERY,
              CodeSystems.RELATION_TO_SURGERY,
              t.relationToSurgery()));
    }
    if (t.intention() != null) {
      ms.addExtension(
          Fhir.extension(
              MdsProfiles.EXT_THERAPY_INTENTION, CodeSystems.THERAPY_INTENTION, t.intention()));
    }
    ms.setStatus(
        t.end() != null
            ? MedicationStatement.MedicationStatementStatus.COMPLETED
            : MedicationStatement.MedicationStatementStatus.ACTIVE);
    if (t.type() != null) {
      // never a coding without code; a therapy without type is refused before it gets here
      ms.setCategory(concept(CodeSystems.THERAPY_TYPE, t.type()));
    }
    CodeableConcept medication = new CodeableConcept();
    StringBuilder text = new StringBuilder();
    for (Substance s : t.substances()) {
      if (s.atc() != null) {
        medication.addCoding(new Coding(ATC, s.atc(), null));
      }
      if (s.name() != null) {
        text.append(text.length() == 0 ? "" : ", ").append(s.name());
      }
    }
    if (text.length() == 0 && t.protocol() != null) {
      text.append(t.protocol());
    }
    if (text.length() == 0 && medication.getCoding().isEmpty() && t.type() != null) {
      // the profile wants a name; the category says what kind of therapy it was
      text.append(t.type());
    }
    if (text.length() > 0) {
      medication.setText(text.toString());
    }
    ms.setMedication(medication);
    ms.setSubject(refs.patient());
    if (t.start() != null) {
      ms.setEffective(Fhir.period(t.start().toFhir(), t.end()));
    }
    ms.addReasonReference(refs.condition(tumourKey));
    if (t.note() != null) {
      ms.addNote().setText(t.note());
    }
    return ms;
  }
}
