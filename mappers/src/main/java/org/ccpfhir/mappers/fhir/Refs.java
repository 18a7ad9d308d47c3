package org.ccpfhir.mappers.fhir;

import org.hl7.fhir.r4.model.Reference;

/** Ids of and references to one patient's resources. */
public final class Refs {

  private final ResourceIds ids;
  private final String patientKey;

  public Refs(ResourceIds ids, String patientKey) {
    this.ids = ids;
    this.patientKey = patientKey;
  }

  public String patientId() {
    return ids.id(patientKey, "Patient");
  }

  public Reference patient() {
    return new Reference("Patient/" + patientId());
  }

  public String conditionId(String tumourKey) {
    return ids.id(patientKey, "Condition", tumourKey);
  }

  public Reference condition(String tumourKey) {
    return new Reference("Condition/" + conditionId(tumourKey));
  }

  /** Id of any other resource of the patient, named by its kind and source keys. */
  public String id(String kind, String... keys) {
    String[] parts = new String[keys.length + 2];
    parts[0] = patientKey;
    parts[1] = kind;
    System.arraycopy(keys, 0, parts, 2, keys.length);
    return ids.id(parts);
  }

  public static Reference ref(String type, String id) {
    return new Reference(type + "/" + id);
  }
}
