package org.ccpfhir.mappers.fhir;

import java.time.LocalDate;
import org.ccpfhir.profiles.MdsLoinc;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Period;

/** Small helpers shared by the builders. */
public final class Fhir {

  private Fhir() {}

  public static CodeableConcept concept(String system, String code) {
    return new CodeableConcept(new Coding(system, code, null));
  }

  public static CodeableConcept concept(String system, String version, String code) {
    Coding coding = new Coding(system, code, null);
    if (version != null) {
      coding.setVersion(version);
    }
    return new CodeableConcept(coding);
  }

  public static CodeableConcept loinc(String code) {
    return concept(MdsLoinc.SYSTEM, code);
  }

  public static Extension extension(String url, String system, String code) {
    return new Extension(url, concept(system, code));
  }

  /** Day precision without time or zone, so output does not depend on the machine. */
  public static DateTimeType dateTime(LocalDate date) {
    return new DateTimeType(date.toString());
  }

  public static DateTimeType dateTime(FuzzyDate date) {
    return new DateTimeType(date.toFhir());
  }

  public static Period period(String start, LocalDate end) {
    Period period = new Period().setStartElement(new DateTimeType(start));
    if (end != null) {
      period.setEndElement(dateTime(end));
    }
    return period;
  }

  /** "10 2019 GM" → "2019"; other version texts ("Sonstige") give no version. */
  public static String icd10Year(String version) {
    if (version == null) {
      return null;
    }
    String[] parts = version.split(" ");
    return parts.length >= 2 && parts[1].matches("\\d{4}") ? parts[1] : null;
  }
}
