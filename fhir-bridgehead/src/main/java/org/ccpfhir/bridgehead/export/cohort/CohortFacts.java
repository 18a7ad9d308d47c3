package org.ccpfhir.bridgehead.export.cohort;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.ccpfhir.bridgehead.fhir.InternalSearches;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * Reads the export data of a set of Patients: the first primary diagnosis (the Condition with an
 * ICD-10-GM code and the earliest onset) and the latest histology, grading and vital-status
 * Observations, in chunks of {@value CohortReader#CHUNK} patients per search.
 */
@Component
public class CohortFacts {

  static final Set<String> ICD10_SYSTEMS =
      Set.of(
          "http://fhir.de/CodeSystem/bfarm/icd-10-gm", "http://fhir.de/CodeSystem/dimdi/icd-10-gm");
  static final String LOINC = "http://loinc.org";
  static final String HISTOLOGY = "59847-4";
  static final String GRADING = "59542-1";
  static final String VITAL_STATUS = "75186-7";

  private final DaoRegistry daoRegistry;

  public CohortFacts(DaoRegistry daoRegistry) {
    this.daoRegistry = daoRegistry;
  }

  /** One {@link CohortPatient} per Patient, in the given order. */
  public List<CohortPatient> of(List<Patient> patients, String localSystem) {
    List<CohortPatient> out = new ArrayList<>();
    for (int from = 0; from < patients.size(); from += CohortReader.CHUNK) {
      List<Patient> chunk =
          patients.subList(from, Math.min(patients.size(), from + CohortReader.CHUNK));
      Map<String, Condition> diagnoses = firstDiagnoses(chunk);
      Map<String, Map<String, Observation>> latest = latestObservations(chunk);
      for (Patient patient : chunk) {
        String id = patient.getIdElement().getIdPart();
        Condition diagnosis = diagnoses.get(id);
        Map<String, Observation> observations = latest.getOrDefault(id, Map.of());
        out.add(
            new CohortPatient(
                localPseudonym(patient, localSystem),
                patient.hasBirthDate() ? month(patient.getBirthDateElement()) : null,
                patient.hasGender() ? patient.getGender().toCode() : null,
                patient.getAddress().stream()
                    .map(a -> a.getPostalCode())
                    .filter(Objects::nonNull)
                    .findFirst()
                    .orElse(null),
                diagnosis == null ? null : month(onset(diagnosis)),
                diagnosis == null ? null : icd10(diagnosis.getCode()),
                valueCode(observations.get(HISTOLOGY)),
                valueCode(observations.get(GRADING)),
                valueCode(observations.get(VITAL_STATUS))));
      }
    }
    return out;
  }

  private static String localPseudonym(Patient patient, String localSystem) {
    return patient.getIdentifier().stream()
        .filter(i -> localSystem.equals(i.getSystem()) && i.hasValue())
        .map(i -> i.getValue())
        .findFirst()
        .orElse("Patient/" + patient.getIdElement().getIdPart());
  }

  private Map<String, Condition> firstDiagnoses(List<Patient> chunk) {
    SearchParameterMap query = InternalSearches.unbounded(new SearchParameterMap());
    query.add(Condition.SP_SUBJECT, subjects(chunk));
    Map<String, Condition> first = new HashMap<>();
    for (IBaseResource found : search(Condition.class, query)) {
      Condition condition = (Condition) found;
      if (icd10(condition.getCode()) == null || onset(condition) == null) {
        continue;
      }
      first.merge(
          subjectId(condition.getSubject().getReference()),
          condition,
          (a, b) -> onset(b).getValue().before(onset(a).getValue()) ? b : a);
    }
    return first;
  }

  private Map<String, Map<String, Observation>> latestObservations(List<Patient> chunk) {
    TokenOrListParam codes = new TokenOrListParam();
    List.of(HISTOLOGY, GRADING, VITAL_STATUS).forEach(code -> codes.add(LOINC, code));
    SearchParameterMap query = InternalSearches.unbounded(new SearchParameterMap());
    query.add(Observation.SP_SUBJECT, subjects(chunk));
    query.add(Observation.SP_CODE, codes);
    Map<String, Map<String, Observation>> latest = new HashMap<>();
    Comparator<Observation> byTime =
        Comparator.comparing(
            o ->
                o.hasEffectiveDateTimeType()
                    ? o.getEffectiveDateTimeType().getValue()
                    : new Date(0));
    for (IBaseResource found : search(Observation.class, query)) {
      Observation observation = (Observation) found;
      String code = loincCode(observation);
      if (code == null) {
        continue;
      }
      latest
          .computeIfAbsent(subjectId(observation.getSubject().getReference()), k -> new HashMap<>())
          .merge(code, observation, (a, b) -> byTime.compare(b, a) > 0 ? b : a);
    }
    return latest;
  }

  private List<IBaseResource> search(
      Class<? extends IBaseResource> type, SearchParameterMap query) {
    return daoRegistry
        .getResourceDao(type)
        .search(query, new SystemRequestDetails())
        .getAllResources();
  }

  private static ReferenceOrListParam subjects(List<Patient> chunk) {
    ReferenceOrListParam subjects = new ReferenceOrListParam();
    chunk.forEach(
        p -> subjects.addOr(new ReferenceParam("Patient/" + p.getIdElement().getIdPart())));
    return subjects;
  }

  private static String subjectId(String reference) {
    return reference == null ? "" : reference.substring(reference.lastIndexOf('/') + 1);
  }

  private static BaseDateTimeType onset(Condition condition) {
    if (condition.hasOnsetDateTimeType()) {
      return condition.getOnsetDateTimeType();
    }
    return condition.hasRecordedDate() ? condition.getRecordedDateElement() : null;
  }

  /** The month as written (no time-zone shift of a date-only value). */
  private static YearMonth month(BaseDateTimeType date) {
    return date == null || date.getYear() == null
        ? null
        : YearMonth.of(date.getYear(), date.getMonth() + 1);
  }

  private static String icd10(CodeableConcept code) {
    return code.getCoding().stream()
        .filter(c -> ICD10_SYSTEMS.contains(c.getSystem()) && c.hasCode())
        .map(Coding::getCode)
        .findFirst()
        .orElse(null);
  }

  private static String loincCode(Observation observation) {
    return observation.getCode().getCoding().stream()
        .filter(c -> LOINC.equals(c.getSystem()))
        .map(Coding::getCode)
        .filter(c -> HISTOLOGY.equals(c) || GRADING.equals(c) || VITAL_STATUS.equals(c))
        .findFirst()
        .orElse(null);
  }

  private static String valueCode(Observation observation) {
    if (observation == null || !observation.hasValueCodeableConcept()) {
      return null;
    }
    return observation.getValueCodeableConcept().getCodingFirstRep().getCode();
  }
}
