package org.ccpfhir.bridgehead.withdrawal;

/**
 * The steps of a withdrawal, in the order they run (Task.output type codes of the CodeSystem
 * {@value #SYSTEM}). What a step needs of the patient is obtained before a later step deletes it:
 * the global pseudonym and what the MDS database holds are read first, the local patient list,
 * which resolves the local pseudonym, goes last.
 */
public enum WithdrawalStep {
  SITE_CONSENT("site-consent", "Site consent revoked, upload stopped"),
  MDS_DATABASE("mds-database", "MDS database"),
  CENTRAL_LIST("central-list", "Central patient list"),
  PROJECT_PSEUDONYMS("project-pseudonyms", "Local project pseudonyms"),
  SITE_STORE("site-store", "Site FHIR store"),
  LOCAL_LIST("local-list", "Local patient list");

  public static final String SYSTEM = "https://ccp-fhir.org/fhir/CodeSystem/withdrawal-step";

  private final String code;
  private final String display;

  WithdrawalStep(String code, String display) {
    this.code = code;
    this.display = display;
  }

  public String code() {
    return code;
  }

  public String display() {
    return display;
  }
}
