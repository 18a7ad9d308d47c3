package org.ccpfhir.synthetic;

import java.time.LocalDate;
import java.util.List;
import org.ccpfhir.mappers.fhir.FuzzyDate;
import org.ccpfhir.mappers.fhir.Onco.Address;
import org.ccpfhir.mappers.fhir.Onco.Death;
import org.ccpfhir.mappers.fhir.Onco.Diagnosis;
import org.ccpfhir.mappers.fhir.Onco.FollowUp;
import org.ccpfhir.mappers.fhir.Onco.Histology;
import org.ccpfhir.mappers.fhir.Onco.Metastasis;
import org.ccpfhir.mappers.fhir.Onco.Morphology;
import org.ccpfhir.mappers.fhir.Onco.Ops;
import org.ccpfhir.mappers.fhir.Onco.PatientData;
import org.ccpfhir.mappers.fhir.Onco.Pseudonym;
import org.ccpfhir.mappers.fhir.Onco.Radiotherapy;
import org.ccpfhir.mappers.fhir.Onco.Sample;
import org.ccpfhir.mappers.fhir.Onco.Substance;
import org.ccpfhir.mappers.fhir.Onco.Surgery;
import org.ccpfhir.mappers.fhir.Onco.SystemicTherapy;
import org.ccpfhir.mappers.fhir.Onco.Tnm;
import org.ccpfhir.mappers.fhir.PatientRecord;
import org.ccpfhir.mappers.fhir.TumourRecord;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;

/**
 * A sampled {@link PatientCase} as the format-neutral record the oBDS and ADT readers produce, so
 * that the mappers' builders — the one writer of the MDS shapes — turn it into FHIR. The keys are
 * the suffixes of the readable ids ({@link PatientIds}).
 */
final class CaseRecords {

  /** ICD-O-3 second edition, first revision: the version the catalogue's codes are from. */
  static final String ICDO3_VERSION = "33";

  private static final String TUMOUR = "dx";
  private static final String HISTOLOGY = "hist";

  private CaseRecords() {}

  static PatientRecord record(PatientCase c, PatientIds ids) {
    PatientRecord record = new PatientRecord(ids.base());
    record.pseudonym(new Pseudonym(ids.pseudonymSystem(), c.pseudonym()));
    record.data(patientData(c, ids));
    if (c.deceased()) {
      record.death(new Death(c.deathDate(), null));
    }
    TumourRecord tumour = record.tumour(TUMOUR);
    tumour.diagnosis(
        new Diagnosis(
            c.site().icd10(),
            "10 " + c.icd10Version() + " GM",
            FuzzyDate.exact(c.diagnosisDate()),
            c.laterality(),
            c.site().topography(),
            ICDO3_VERSION));
    // as reported by pathology: at surgery if there was one, else at diagnosis
    PatientCase.Tnm pathological = c.pathologicalTnm();
    LocalDate finding = pathological != null ? pathological.date() : c.diagnosisDate();
    tumour.put(
        new Histology(
            HISTOLOGY,
            FuzzyDate.exact(finding),
            List.of(new Morphology(c.morphology(), ICDO3_VERSION)),
            c.grading()));
    if (c.clinicalTnm() != null) {
      tumour.put(tnm("tnmc", c.clinicalTnm()));
    }
    if (pathological != null) {
      tumour.put(tnm("tnmp", pathological));
    }
    for (String location : c.metastasisSites()) {
      tumour.put(new Metastasis(FuzzyDate.exact(c.leadingTnm().date()), location));
    }
    therapies(c, tumour);
    for (int i = 0; i < c.followUps().size(); i++) {
      PatientCase.FollowUp f = c.followUps().get(i);
      tumour.put(
          new FollowUp(
              "fu" + (i + 1), f.date(), f.overall(), f.local(), f.lymphNodes(), f.metastases()));
    }
    for (int i = 0; i < c.samples().size(); i++) {
      PatientCase.Sample s = c.samples().get(i);
      String topography = s.topography();
      record.put(
          new Sample(
              ids.sampleKey(i),
              s.type(),
              FuzzyDate.exact(s.collected()),
              topography,
              topography == null ? null : ICDO3_VERSION,
              null,
              null));
    }
    return record;
  }

  /** Without IDAT only birth date and sex: the builders then write the birth month only. */
  private static PatientData patientData(PatientCase c, PatientIds ids) {
    PatientCase.Idat idat = c.idat();
    String sex = c.gender() == AdministrativeGender.MALE ? "M" : "W";
    if (idat == null) {
      return new PatientData(
          ids.base(), null, List.of(), null, null, null, List.of(), c.birthDate(), sex, null);
    }
    return new PatientData(
        ids.base(),
        idat.family(),
        List.of(idat.given()),
        null,
        null,
        null,
        List.of(),
        c.birthDate(),
        sex,
        new Address(idat.street(), null, idat.postalCode(), idat.city(), "DE"));
  }

  private static Tnm tnm(String key, PatientCase.Tnm t) {
    return new Tnm(
        key,
        !t.pathological(),
        t.date(),
        t.version(),
        t.ySymbol(),
        t.rSymbol(),
        null,
        t.tPrefix(),
        t.t(),
        t.mSymbol(),
        t.nPrefix(),
        t.n(),
        t.mPrefix(),
        t.m(),
        t.stage());
  }

  private static void therapies(PatientCase c, TumourRecord tumour) {
    PatientCase.Surgery s = c.surgery();
    if (s != null) {
      List<Ops> ops =
          s.opsCode() == null
              ? List.of()
              : List.of(new Ops(s.opsCode(), String.valueOf(s.date().getYear())));
      tumour.put(
          new Surgery("op", s.intention(), s.date(), ops, s.residualLocal(), s.residualTotal()));
    }
    PatientCase.Radiotherapy rt = c.radiotherapy();
    if (rt != null) {
      tumour.put(
          new Radiotherapy("st", rt.intention(), rt.relationToSurgery(), rt.start(), rt.end()));
    }
    for (int i = 0; i < c.systemicTherapies().size(); i++) {
      PatientCase.SystemicTherapy t = c.systemicTherapies().get(i);
      TumorEntity.Regimen regimen = t.regimen();
      // a single substance has its ATC code; a regimen (FOLFOX, …) is a protocol name
      boolean substance = regimen.atc() != null;
      tumour.put(
          new SystemicTherapy(
              "sys" + (i + 1),
              t.intention(),
              t.relationToSurgery(),
              t.category(),
              FuzzyDate.exact(t.start()),
              t.end(),
              substance ? null : regimen.text(),
              substance ? List.of(new Substance(regimen.text(), regimen.atc())) : List.of()));
    }
  }
}
