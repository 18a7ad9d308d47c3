package org.ccpfhir.bridgehead.export.cohort;

import static org.ccpfhir.bridgehead.export.ExportIssues.unprocessable;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ccpfhir.bridgehead.fhir.InternalSearches;
import org.ccpfhir.bridgehead.pseudonym.LocalPatientListProperties;
import org.ccpfhir.bridgehead.visibility.UnitVisibility;
import org.ccpfhir.identity.pseudonym.PseudonymSystems;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * Resolves a {@link CohortSelection} to the Patients of the site store and reads their export data
 * ({@link CohortFacts}). Every named patient must exist, otherwise nothing is exported (422 naming
 * the parameter).
 */
@Component
public class CohortReader {

  static final int CHUNK = 100;

  private final DaoRegistry daoRegistry;
  private final UnitVisibility visibility;
  private final CohortFacts facts;
  private final String localSystem;

  public CohortReader(
      DaoRegistry daoRegistry,
      CohortFacts facts,
      LocalPatientListProperties localList,
      UnitVisibility visibility) {
    this.daoRegistry = daoRegistry;
    this.visibility = visibility;
    this.facts = facts;
    this.localSystem = PseudonymSystems.of(localList.localDomain());
  }

  /** The cohort's patients, each once; at most {@code limit} of them. */
  public List<CohortPatient> read(CohortSelection selection, int limit) {
    Set<String> ids = new LinkedHashSet<>();
    if (selection.groupId() != null) {
      ids.addAll(groupMembers(selection.groupId()));
    }
    Map<String, Integer> indexOf = new LinkedHashMap<>();
    for (int i = 0; i < selection.patients().size(); i++) {
      CohortSelection.Member member = selection.patients().get(i);
      String id =
          member.identifier() != null ? byIdentifier(member.identifier(), i) : member.patientId();
      ids.add(id);
      indexOf.putIfAbsent(id, i);
    }
    if (ids.size() > limit) {
      throw unprocessable(
          "cohort", "the cohort has " + ids.size() + " patients, more than the limit of " + limit);
    }
    Map<String, Patient> patients = patients(ids, indexOf);
    return facts.of(new ArrayList<>(patients.values()), localSystem);
  }

  private List<String> groupMembers(String groupId) {
    Group group;
    try {
      group =
          daoRegistry
              .getResourceDao(Group.class)
              .read(new IdType("Group", groupId), new SystemRequestDetails());
    } catch (ResourceNotFoundException | ResourceGoneException e) {
      throw unprocessable("cohort", "the cohort Group does not exist in this store");
    }
    List<String> members = new ArrayList<>();
    for (int i = 0; i < group.getMember().size(); i++) {
      IdType entity = new IdType(group.getMember().get(i).getEntity().getReference());
      if (!"Patient".equals(entity.getResourceType()) || !entity.hasIdPart()) {
        throw unprocessable(
            "Group.member[" + i + "].entity", "a cohort Group may only reference Patients");
      }
      members.add(entity.getIdPart());
    }
    if (members.isEmpty()) {
      throw unprocessable("cohort", "the cohort Group has no members");
    }
    return members;
  }

  private String byIdentifier(Identifier identifier, int index) {
    String system = identifier.hasSystem() ? identifier.getSystem() : localSystem;
    var found =
        daoRegistry
            .getResourceDao(Patient.class)
            .search(
                SearchParameterMap.newSynchronous(
                    Patient.SP_IDENTIFIER, new TokenParam(system, identifier.getValue())),
                new SystemRequestDetails())
            .getAllResources()
            .stream()
            // a patient the caller may not see is answered like an unknown identifier
            .filter(visibility.forCurrentCaller())
            .toList();
    if (found.size() != 1) {
      throw unprocessable(
          "patient[" + index + "]",
          found.isEmpty()
              ? "no Patient with this identifier in this store"
              : "several Patients carry this identifier");
    }
    return found.get(0).getIdElement().getIdPart();
  }

  private Map<String, Patient> patients(Set<String> ids, Map<String, Integer> indexOf) {
    Map<String, Patient> byId = new LinkedHashMap<>();
    List<String> all = new ArrayList<>(ids);
    UnitVisibility.Check visible = visibility.forCurrentCaller();
    for (int from = 0; from < all.size(); from += CHUNK) {
      TokenOrListParam chunk = new TokenOrListParam();
      all.subList(from, Math.min(all.size(), from + CHUNK)).forEach(id -> chunk.add(null, id));
      SearchParameterMap query = InternalSearches.unbounded(new SearchParameterMap());
      query.add("_id", chunk);
      daoRegistry
          .getResourceDao(Patient.class)
          .search(query, new SystemRequestDetails())
          .getAllResources()
          .stream()
          // department-scoped visibility: a patient the caller may not see is unknown here
          .filter(visible)
          .forEach(p -> byId.put(p.getIdElement().getIdPart(), (Patient) p));
    }
    for (String id : all) {
      if (!byId.containsKey(id)) {
        Integer index = indexOf.get(id);
        throw unprocessable(
            index != null ? "patient[" + index + "]" : "cohort",
            "a Patient of the cohort does not exist in this store");
      }
    }
    return byId;
  }
}
