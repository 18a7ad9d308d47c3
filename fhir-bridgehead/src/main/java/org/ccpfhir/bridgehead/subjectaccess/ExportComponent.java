package org.ccpfhir.bridgehead.subjectaccess;

import java.util.Arrays;
import java.util.Optional;

/**
 * The places an access request looks into; each resource of the export is tagged with its code
 * (system {@link #SYSTEM}).
 */
public enum ExportComponent {
  LOCAL_PATIENT_LIST("local-patient-list", "Identifying data (local patient list)"),
  SITE_STORE("site-store", "Medical data (the site's FHIR store)"),
  CONSENT("consent", "Consents (the site's FHIR store)"),
  PSEUDONYMS("pseudonyms", "Pseudonyms (local patient list, upload state)"),
  MDS_DATABASE("mds-database", "Records in the central MDS database"),
  CENTRAL_LIST("central-list", "The central patient list (sites, linked records)");

  public static final String SYSTEM =
      "https://ccp-fhir.org/fhir/CodeSystem/access-request-component";

  private final String code;
  private final String title;

  ExportComponent(String code, String title) {
    this.code = code;
    this.title = title;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  public static Optional<ExportComponent> ofCode(String code) {
    return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
  }
}
