package org.ccpfhir.bridgehead.export.cohort;

import java.util.List;
import org.hl7.fhir.r4.model.Identifier;

/**
 * Which patients to export: the members of a Group in the store, and/or patients named one by one.
 *
 * @param groupId id of a Group of Patient references, or null
 * @param patients the {@code patient} parameters in request order
 */
public record CohortSelection(String groupId, List<Member> patients) {

  public CohortSelection {
    patients = List.copyOf(patients);
  }

  public boolean isEmpty() {
    return groupId == null && patients.isEmpty();
  }

  /**
   * One named patient: by identifier (e.g. its BK-L pseudonym; without system the site's local
   * pseudonym system) or by Patient resource id — exactly one of the two is set.
   */
  public record Member(Identifier identifier, String patientId) {

    public static Member of(Identifier identifier) {
      return new Member(identifier, null);
    }

    public static Member of(String patientId) {
      return new Member(null, patientId);
    }
  }
}
