package org.ccpfhir.bridgehead.withdrawal;

import java.util.Arrays;
import java.util.List;

/**
 * The steps of a withdrawal, in the order they run (Task.output type codes of the CodeSystem
 * {@value #SYSTEM}). What a step needs of the patient is obtained before a later step deletes it:
 * the global pseudonym and what the MDS database holds are read first, the local patient list,
 * which resolves the local pseudonym, goes last of this site's own steps. A withdrawal received
 * here then waits until every other site the central list informed has confirmed; every withdrawal
 * waits until the CCP applications holding a pseudonym of the patient here confirmed; one the
 * central list told this site of ends with this site's own confirmation to the central list.
 */
public enum WithdrawalStep {
  SITE_CONSENT("site-consent", "Site consent revoked, upload stopped"),
  MDS_DATABASE("mds-database", "MDS database"),
  CENTRAL_LIST("central-list", "Central patient list"),
  PROJECT_PSEUDONYMS("project-pseudonyms", "Local project pseudonyms"),
  SITE_STORE("site-store", "Site FHIR store"),
  LOCAL_LIST("local-list", "Local patient list"),
  NETWORK_SITES("network-sites", "Other sites holding the person"),
  APPLICATIONS("applications", "CCP applications"),
  NOTICE_CONFIRMATION("central-confirmation", "Confirmed to the central patient list");

  public static final String SYSTEM = "https://ccp-fhir.org/fhir/CodeSystem/withdrawal-step";

  private static final List<WithdrawalStep> RECEIVED_HERE =
      Arrays.stream(values()).filter(s -> s != NOTICE_CONFIRMATION).toList();
  private static final List<WithdrawalStep> NOTIFIED =
      Arrays.stream(values()).filter(s -> s != NETWORK_SITES).toList();

  /** The steps a withdrawal runs, in order. */
  public static List<WithdrawalStep> of(boolean notified) {
    return notified ? NOTIFIED : RECEIVED_HERE;
  }

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
