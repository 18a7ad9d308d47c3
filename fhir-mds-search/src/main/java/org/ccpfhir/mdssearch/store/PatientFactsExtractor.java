package org.ccpfhir.mdssearch.store;

import static org.ccpfhir.mdssearch.store.MdsAttributes.AGE_DECADE;
import static org.ccpfhir.mdssearch.store.MdsAttributes.ALIVE;
import static org.ccpfhir.mdssearch.store.MdsAttributes.BIRTH_DATE;
import static org.ccpfhir.mdssearch.store.MdsAttributes.CONDITION_BODY_SITE;
import static org.ccpfhir.mdssearch.store.MdsAttributes.CONDITION_CODE;
import static org.ccpfhir.mdssearch.store.MdsAttributes.CONDITION_ONSET;
import static org.ccpfhir.mdssearch.store.MdsAttributes.DECEASED;
import static org.ccpfhir.mdssearch.store.MdsAttributes.HAS;
import static org.ccpfhir.mdssearch.store.MdsAttributes.ICD10GM;
import static org.ccpfhir.mdssearch.store.MdsAttributes.LOINC_VITAL_STATUS;
import static org.ccpfhir.mdssearch.store.MdsAttributes.MEDICATION_CATEGORY;
import static org.ccpfhir.mdssearch.store.MdsAttributes.OBSERVATION_CODE;
import static org.ccpfhir.mdssearch.store.MdsAttributes.OBSERVATION_CODE_VALUE;
import static org.ccpfhir.mdssearch.store.MdsAttributes.OBSERVATION_COMPONENT;
import static org.ccpfhir.mdssearch.store.MdsAttributes.PROCEDURE_CATEGORY;
import static org.ccpfhir.mdssearch.store.MdsAttributes.PROCEDURE_CODE;
import static org.ccpfhir.mdssearch.store.MdsAttributes.SEX;
import static org.ccpfhir.mdssearch.store.MdsAttributes.SPECIMEN_COLLECTED;
import static org.ccpfhir.mdssearch.store.MdsAttributes.SPECIMEN_TYPE;
import static org.ccpfhir.mdssearch.store.MdsAttributes.UNKNOWN;
import static org.ccpfhir.mdssearch.store.MdsAttributes.VITAL_STATUS;
import static org.ccpfhir.mdssearch.store.MdsAttributes.pair;
import static org.ccpfhir.mdssearch.store.MdsAttributes.qualified;

import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;

/**
 * Reads the indexed MDS attributes of one patient's bundle (MDS-K / MDS-B shapes). Derived values
 * (age at diagnosis, vital status) are computed here, once, at upload time.
 */
public final class PatientFactsExtractor {

  public PatientFacts extract(Bundle bundle) {
    Collector collector = new Collector();
    for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
      Resource resource = entry.getResource();
      if (resource instanceof Patient patient) {
        collector.patient = patient;
      } else if (resource instanceof Condition condition) {
        collector.condition(condition);
      } else if (resource instanceof Observation observation) {
        collector.observation(observation);
      } else if (resource instanceof Specimen specimen) {
        collector.specimen(specimen);
      } else if (resource instanceof Procedure procedure) {
        collector.tokens.add(HAS + "=Procedure");
        anyCodes(procedure.getCategory()).forEach(c -> collector.add(PROCEDURE_CATEGORY, c));
        anyCodes(procedure.getCode()).forEach(c -> collector.add(PROCEDURE_CODE, c));
      } else if (resource instanceof MedicationStatement statement) {
        collector.tokens.add(HAS + "=MedicationStatement");
        anyCodes(statement.getCategory()).forEach(c -> collector.add(MEDICATION_CATEGORY, c));
      }
      // other resources (follow-up ClinicalImpressions) are stored but not indexed
    }
    return collector.facts();
  }

  /** Collects the tokens of one bundle. */
  private static final class Collector {
    private final List<String> tokens = new ArrayList<>();
    private Patient patient;
    private LocalDate firstDiagnosis;
    private boolean deceased;
    private boolean alive;

    void add(String key, String value) {
      tokens.add(key + "=" + value);
    }

    void addDate(String key, LocalDate date) {
      tokens.add(PatientFacts.DATE_MARK + key + "=" + date);
    }

    void condition(Condition condition) {
      tokens.add(HAS + "=Condition");
      List<String> codes = codes(condition.getCode(), ICD10GM);
      codes.forEach(c -> add(CONDITION_CODE, c));
      anyCodes(condition.getBodySite()).forEach(c -> add(CONDITION_BODY_SITE, c));
      LocalDate onset =
          condition.hasOnsetDateTimeType() ? day(condition.getOnsetDateTimeType()) : null;
      if (onset != null) {
        addDate(CONDITION_ONSET, onset);
        // the same date per code: "diagnosis X in period Y" on the same Condition
        codes.forEach(c -> addDate(qualified(CONDITION_ONSET, c), onset));
        if (firstDiagnosis == null || onset.isBefore(firstDiagnosis)) {
          firstDiagnosis = onset;
        }
      }
    }

    void observation(Observation observation) {
      tokens.add(HAS + "=Observation");
      List<String> values =
          observation.hasValueCodeableConcept()
              ? anyCodes(observation.getValueCodeableConcept())
              : List.of();
      for (String code : anyCodes(observation.getCode())) {
        add(OBSERVATION_CODE, code);
        values.forEach(v -> add(OBSERVATION_CODE_VALUE, pair(code, v)));
        if (LOINC_VITAL_STATUS.equals(code)) {
          deceased |= values.contains("verstorben");
          alive |= values.contains("lebend");
        }
      }
      for (Observation.ObservationComponentComponent component : observation.getComponent()) {
        List<String> componentValues =
            component.hasValueCodeableConcept()
                ? anyCodes(component.getValueCodeableConcept())
                : List.of();
        for (String code : anyCodes(component.getCode())) {
          componentValues.forEach(v -> add(OBSERVATION_COMPONENT, pair(code, v)));
        }
      }
    }

    void specimen(Specimen specimen) {
      tokens.add(HAS + "=Specimen");
      List<String> types = anyCodes(specimen.getType());
      types.forEach(c -> add(SPECIMEN_TYPE, c));
      if (specimen.getCollection().hasCollectedDateTimeType()) {
        LocalDate collected = day(specimen.getCollection().getCollectedDateTimeType());
        if (collected != null) {
          addDate(SPECIMEN_COLLECTED, collected);
          // the same date per type: "samples of type X collected in period Y" on the same Specimen
          types.forEach(t -> addDate(qualified(SPECIMEN_COLLECTED, t), collected));
        }
      }
    }

    PatientFacts facts() {
      List<String> all = new ArrayList<>();
      all.add(
          SEX
              + "="
              + (patient != null && patient.hasGender() ? patient.getGender().toCode() : UNKNOWN));
      YearMonth birth = patient != null && patient.hasBirthDate() ? birthMonth(patient) : null;
      boolean dead =
          deceased
              || patient != null
                  && (patient.hasDeceasedDateTimeType()
                      || patient.hasDeceasedBooleanType()
                          && patient.getDeceasedBooleanType().booleanValue());
      all.add(VITAL_STATUS + "=" + (dead ? DECEASED : alive ? ALIVE : UNKNOWN));
      all.add(AGE_DECADE + "=" + ageDecade(birth, firstDiagnosis));
      if (birth != null) {
        all.add(PatientFacts.DATE_MARK + BIRTH_DATE + "=" + birth.atDay(1));
      }
      all.addAll(tokens);
      return new PatientFacts(all);
    }
  }

  /** Decade of the age at the first diagnosis ({@code 60} for 60–69), or {@code unknown}. */
  static String ageDecade(YearMonth birth, LocalDate diagnosis) {
    if (birth == null || diagnosis == null || diagnosis.isBefore(birth.atDay(1))) {
      return UNKNOWN;
    }
    return Integer.toString(Math.min(ageInYears(birth.atDay(1), diagnosis) / 10 * 10, 120));
  }

  /**
   * Completed years at a diagnosis of a person born some day in the month starting at {@code
   * birthMonth}: counted from the month's first day (the store keeps no birth day), -1 when the
   * diagnosis is before it. The one rule for the age decade and the age-at-diagnosis search.
   */
  public static int ageInYears(LocalDate birthMonth, LocalDate diagnosis) {
    return diagnosis.isBefore(birthMonth) ? -1 : Period.between(birthMonth, diagnosis).getYears();
  }

  private static YearMonth birthMonth(Patient patient) {
    String text = patient.getBirthDateElement().getValueAsString();
    if (text == null || text.length() < 7) {
      return null; // year only: no age at diagnosis
    }
    return YearMonth.parse(text.substring(0, 7));
  }

  private static LocalDate day(BaseDateTimeType date) {
    String text = date.getValueAsString();
    if (text == null || text.length() < 10) {
      return text != null && text.length() == 7 ? YearMonth.parse(text).atDay(1) : null;
    }
    return LocalDate.parse(text.substring(0, 10));
  }

  private static List<String> codes(CodeableConcept concept, String system) {
    List<String> codes = new ArrayList<>();
    for (Coding coding : concept.getCoding()) {
      if (coding.hasCode() && (system == null || system.equals(coding.getSystem()))) {
        codes.add(coding.getCode());
      }
    }
    return codes;
  }

  private static List<String> anyCodes(CodeableConcept concept) {
    return codes(concept, null);
  }

  private static List<String> anyCodes(List<CodeableConcept> concepts) {
    List<String> codes = new ArrayList<>();
    concepts.forEach(c -> codes.addAll(codes(c, null)));
    return codes;
  }
}
