package org.ccpfhir.mappers.testing;

import java.time.LocalDate;

/**
 * Writes small valid oBDS documents for tests and the benchmark: per patient a diagnosis with
 * histology and cTNM, a surgery with pTNM and residual status, and a follow-up.
 */
public final class ObdsDocuments {

  private ObdsDocuments() {}

  public static final String HEAD =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <oBDS xmlns="http://www.basisdatensatz.de/oBDS/XML" Schema_Version="3.0.2">
        <Absender Absender_ID="KR-TEST" Software_ID="ccp-fhir-tests" Software_Version="1"/>
        <Meldedatum>2025-06-30</Meldedatum>
        <Menge_Patient>
      """;

  public static final String TAIL =
      """
        </Menge_Patient>
        <Menge_Melder><Melder ID="MEL-1"/></Menge_Melder>
      </oBDS>
      """;

  /** A document with {@code patients} patients of three messages each. */
  public static String document(int firstPatient, int patients) {
    StringBuilder sb = new StringBuilder(HEAD);
    for (int i = firstPatient; i < firstPatient + patients; i++) {
      sb.append(patient(i, diagnosis(i, "C34.1", "8140/3", "2"))).append("");
    }
    return sb.append(TAIL).toString();
  }

  /** Messages per patient in {@link #document}. */
  public static final int MESSAGES_PER_PATIENT = 3;

  public static String patient(int i, String diagnosisMessage) {
    LocalDate birth = LocalDate.of(1940 + i % 50, 1 + i % 12, 1 + i % 28);
    return """
          <Patient Patient_ID="P-%d">
            <Patienten_Stammdaten>
              <Versichertendaten_Sonstige><Ersatzkode>970000011</Ersatzkode></Versichertendaten_Sonstige>
              <Nachname>Testname%s</Nachname>
              <Vornamen>Vorname</Vornamen>
              <Geschlecht>%s</Geschlecht>
              <Geburtsdatum Datumsgenauigkeit="E">%s</Geburtsdatum>
              <Adresse><PLZ>69120</PLZ><Ort>Heidelberg</Ort></Adresse>
            </Patienten_Stammdaten>
            <Menge_Meldung>
      %s%s%s
            </Menge_Meldung>
          </Patient>
      """
        .formatted(
            i,
            letters(i),
            i % 2 == 0 ? "M" : "W",
            birth,
            diagnosisMessage,
            surgery(i),
            followUp(i));
  }

  static String letters(int i) {
    StringBuilder sb = new StringBuilder();
    int n = i;
    do {
      sb.append((char) ('a' + n % 26));
      n /= 26;
    } while (n > 0);
    return sb.toString();
  }

  public static String tumour(String icd, String date) {
    return """
              <Tumorzuordnung Tumor_ID="T-1">
                <Primaertumor_ICD><Code>%s</Code><Version>10 2024 GM</Version></Primaertumor_ICD>
                <Diagnosedatum Datumsgenauigkeit="E">%s</Diagnosedatum>
                <Seitenlokalisation>R</Seitenlokalisation>
              </Tumorzuordnung>
        """
        .formatted(icd, date);
  }

  public static String head(int i, String messageId) {
    return """
            <Meldung Meldung_ID="%s-%d" Melder_ID="MEL-1">
              <Meldebegruendung>I</Meldebegruendung>
              <Eigene_Leistung>J</Eigene_Leistung>
        """
        .formatted(messageId, i);
  }

  public static String diagnosis(int i, String icd, String morphology, String grading) {
    return head(i, "DX")
        + tumour(icd, "2024-03-01")
        + """
              <Diagnose>
                <Primaertumor_Topographie_ICD_O><Code>C34.1</Code><Version>33</Version></Primaertumor_Topographie_ICD_O>
                <Diagnosesicherung>7</Diagnosesicherung>
                <Histologie>
                  <Tumor_Histologiedatum Datumsgenauigkeit="E">2024-02-27</Tumor_Histologiedatum>
                  <Morphologie_ICD_O><Code>%s</Code><Version>33</Version></Morphologie_ICD_O>
                  <Grading>%s</Grading>
                </Histologie>
                <cTNM><Datum>2024-03-01</Datum><Version>8</Version><c_p_u_Praefix_T>c</c_p_u_Praefix_T><T>2a</T><c_p_u_Praefix_N>c</c_p_u_Praefix_N><N>1</N><c_p_u_Praefix_M>c</c_p_u_Praefix_M><M>0</M><UICC_Stadium>IIB</UICC_Stadium></cTNM>
                <Allgemeiner_Leistungszustand>1</Allgemeiner_Leistungszustand>
              </Diagnose>
            </Meldung>
        """
            .formatted(morphology, grading);
  }

  static String surgery(int i) {
    return head(i, "OP")
        + tumour("C34.1", "2024-03-01")
        + """
              <OP OP_ID="OP-%d">
                <Intention>K</Intention>
                <Datum>2024-04-02</Datum>
                <Menge_OPS><OPS><Code>5-324.a1</Code><Version>2024</Version></OPS></Menge_OPS>
                <TNM><Datum>2024-04-05</Datum><Version>8</Version><c_p_u_Praefix_T>p</c_p_u_Praefix_T><T>2a</T><c_p_u_Praefix_N>p</c_p_u_Praefix_N><N>1</N><UICC_Stadium>IIB</UICC_Stadium></TNM>
                <Residualstatus><Lokale_Beurteilung_Residualstatus>R0</Lokale_Beurteilung_Residualstatus><Gesamtbeurteilung_Residualstatus>R0</Gesamtbeurteilung_Residualstatus></Residualstatus>
                <Komplikationen><Komplikation_nein_oder_unbekannt>N</Komplikation_nein_oder_unbekannt></Komplikationen>
              </OP>
            </Meldung>
        """
            .formatted(i);
  }

  static String followUp(int i) {
    return head(i, "FU")
        + tumour("C34.1", "2024-03-01")
        + """
              <Verlauf Verlauf_ID="V-%d">
                <Meldeanlass>statusmeldung</Meldeanlass>
                <Untersuchungsdatum_Verlauf>2025-02-01</Untersuchungsdatum_Verlauf>
                <Gesamtbeurteilung_Tumorstatus>V</Gesamtbeurteilung_Tumorstatus>
                <Verlauf_Lokaler_Tumorstatus>K</Verlauf_Lokaler_Tumorstatus>
                <Allgemeiner_Leistungszustand>1</Allgemeiner_Leistungszustand>
              </Verlauf>
            </Meldung>
        """
            .formatted(i);
  }
}
