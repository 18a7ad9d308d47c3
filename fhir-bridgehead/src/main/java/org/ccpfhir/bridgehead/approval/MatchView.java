package org.ccpfhir.bridgehead.approval;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.ccpfhir.bridgehead.fhir.InternalSearches;
import org.ccpfhir.bridgehead.visibility.UnitVisibility;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;

/**
 * What an approver sees of a matching patient: the local pseudonym and MDS data (sex, birth month,
 * diagnoses) from the FHIR store — which holds no IDAT (names and exact birth dates live only in
 * the local patient list). The matches of a whole listing are read together: one Patient and one
 * Condition search per {@value #CHUNK} distinct patients, however many requests show them.
 */
public class MatchView {

  /** Patients per search: keeps the SQL IN lists well below PostgreSQL's bind limit. */
  static final int CHUNK = 1000;

  private final DaoRegistry daoRegistry;
  private final UnitVisibility visibility;

  public MatchView(DaoRegistry daoRegistry, UnitVisibility visibility) {
    this.daoRegistry = daoRegistry;
    this.visibility = visibility;
  }

  /** The shown facts of the patients ({@code Patient/<id>}); deleted ones are left out. */
  Matches read(Collection<String> patientIds) {
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(patientIds));
    Map<String, Patient> patients = new HashMap<>();
    Map<String, List<String>> diagnoses = new HashMap<>();
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
      TokenOrListParam idList = new TokenOrListParam();
      ReferenceOrListParam subjects = new ReferenceOrListParam();
      for (String id : chunk) {
        idList.add(null, idPart(id));
        subjects.addOr(new ReferenceParam("Patient/" + idPart(id)));
      }
      for (IBaseResource found : InternalSearches.all(daoRegistry, "Patient", "_id", idList)) {
        patients.put(found.getIdElement().getIdPart(), (Patient) found);
      }
      for (IBaseResource found :
          InternalSearches.all(daoRegistry, "Condition", Condition.SP_SUBJECT, subjects)) {
        Condition condition = (Condition) found;
        String code = condition.getCode().getCodingFirstRep().getCode();
        if (code != null) {
          diagnoses
              .computeIfAbsent(
                  condition.getSubject().getReferenceElement().getIdPart(), k -> new ArrayList<>())
              .add(code);
        }
      }
    }
    // department-scoped visibility: an approver sees the matches of the approver's units only
    patients.values().removeIf(visibility.forCurrentCaller().negate());
    return new Matches(patients, diagnoses);
  }

  private static String idPart(String patientId) {
    return patientId.substring(patientId.lastIndexOf('/') + 1);
  }

  /** The facts read for a listing. */
  static final class Matches {

    private final Map<String, Patient> patients;
    private final Map<String, List<String>> diagnoses;

    private Matches(Map<String, Patient> patients, Map<String, List<String>> diagnoses) {
      this.patients = patients;
      this.diagnoses = diagnoses;
    }

    /** Adds a {@code match} part for the patient; nothing when it was deleted meanwhile. */
    void addTo(Parameters.ParametersParameterComponent request, String patientId) {
      String id = idPart(patientId);
      Patient patient = patients.get(id);
      if (patient == null) {
        return;
      }
      Parameters.ParametersParameterComponent match = request.addPart().setName("match");
      match.addPart().setName("pseudonym").setValue(new StringType(pseudonym(patient)));
      if (patient.hasGender()) {
        match.addPart().setName("sex").setValue(new StringType(patient.getGender().toCode()));
      }
      if (patient.hasBirthDate()) {
        String month = patient.getBirthDateElement().getValueAsString();
        match
            .addPart()
            .setName("birthMonth")
            .setValue(new StringType(month.substring(0, Math.min(7, month.length()))));
      }
      for (String code : diagnoses.getOrDefault(id, List.of())) {
        match.addPart().setName("diagnosis").setValue(new StringType(code));
      }
    }
  }

  private static String pseudonym(Patient patient) {
    return patient.getIdentifier().stream()
        .filter(i -> i.hasSystem() && i.getSystem().contains("/sid/pseudonym/"))
        .map(Identifier::getValue)
        .findFirst()
        .orElse(patient.getIdElement().toUnqualifiedVersionless().getValue());
  }
}
