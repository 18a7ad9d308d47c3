package org.ccpfhir.synthetic;

import java.time.LocalDate;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Resource;

/** Small helpers for building the generated resources. */
final class Fhir {

  private Fhir() {}

  /** A resource of the bundle with the suffix that names it (see {@link PatientIds}). */
  record Generated(String suffix, Resource resource) {}

  static CodeableConcept concept(String system, String code) {
    return new CodeableConcept(new Coding(system, code, null));
  }

  static CodeableConcept concept(String system, String version, String code) {
    return new CodeableConcept(new Coding(system, code, null).setVersion(version));
  }

  static CodeableConcept loinc(String code) {
    return concept(Shapes.LOINC, code);
  }

  static Extension extension(String url, String system, String code) {
    return new Extension(url, concept(system, code));
  }

  /** Day precision, no time and no zone, so output does not depend on the machine. */
  static DateTimeType dateTime(LocalDate date) {
    return new DateTimeType(date.toString());
  }

  static Period period(LocalDate start, LocalDate end) {
    Period period = new Period().setStartElement(dateTime(start));
    if (end != null) {
      period.setEndElement(dateTime(end));
    }
    return period;
  }

  /** An Observation with the parts all MDS observations share. */
  static Observation observation(
      PatientIds ids,
      String suffix,
      String profile,
      String loincCode,
      LocalDate effective,
      boolean focusOnDiagnosis) {
    Observation obs = new Observation();
    obs.getMeta().addProfile(profile);
    obs.addIdentifier(ids.identifier(suffix));
    obs.setStatus(Observation.ObservationStatus.FINAL);
    obs.setCode(loinc(loincCode));
    obs.setSubject(ids.patient());
    if (focusOnDiagnosis) {
      obs.addFocus(ids.condition());
    }
    obs.setEffective(dateTime(effective));
    return obs;
  }
}
