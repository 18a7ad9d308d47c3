package org.ccpfhir.mappers.testing;

import java.util.List;
import java.util.Random;
import java.util.Set;
import org.ccpfhir.mappers.testing.DirtyExports.Dirt;
import org.ccpfhir.mappers.testing.DirtyExports.Document;
import org.ccpfhir.mappers.testing.DirtyExports.Format;

/**
 * The oBDS 3 writer of {@link DirtyExports}: per patient a diagnosis with histology, grading and
 * cTNM, a surgery with TNM and residual status, a systemic therapy and a follow-up, with the dirt
 * the patient carries.
 */
public final class DirtyObdsExports {

  private DirtyObdsExports() {}

  /** An oBDS corpus (see {@link DirtyExports#generate}). */
  public static List<Document> generate(long seed, String prefix, int documents, int perDocument) {
    return DirtyExports.generate(Format.OBDS, seed, prefix, documents, perDocument);
  }

  static String patient(String id, String name, Set<Dirt> dirt, Random random) {
    String year = dirt.contains(Dirt.DATES_AFTER_2025) ? "2026" : "2024";
    String insurance =
        dirt.contains(Dirt.IKNR_PATTERN)
            ? "<Versichertendaten_GKV><IKNR>"
                + (200000000 + random.nextInt(99999999))
                + "</IKNR><GKV_Versichertennummer>A"
                + (100000000 + random.nextInt(899999999))
                + "</GKV_Versichertennummer></Versichertendaten_GKV>"
            : "<Versichertendaten_GKV><IKNR>10"
                + (1000000 + random.nextInt(8999999))
                + "</IKNR><GKV_Versichertennummer>A"
                + (100000000 + random.nextInt(899999999))
                + "</GKV_Versichertennummer></Versichertendaten_GKV>";
    String country = dirt.contains(Dirt.ADDRESS_COUNTRY) ? "Deutschland" : "DE";
    String sex = random.nextBoolean() ? "M" : "W";
    String birth =
        (1935 + random.nextInt(55)) + "-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10);
    return """
          <Patient Patient_ID="%s">
            <Patienten_Stammdaten>
              %s
              <Nachname>Dirty%s</Nachname>
              <Vornamen>Vorname</Vornamen>
              <Geschlecht>%s</Geschlecht>
              <Geburtsdatum Datumsgenauigkeit="E">%s</Geburtsdatum>
              <Adresse><Land>%s</Land><PLZ>69120</PLZ><Ort>Heidelberg</Ort></Adresse>
            </Patienten_Stammdaten>
            <Menge_Meldung>
      %s%s%s%s
            </Menge_Meldung>
          </Patient>
      """
        .formatted(
            id,
            insurance,
            name,
            sex,
            birth,
            country,
            diagnosis(id, year, dirt),
            surgery(id, year, dirt),
            systemic(id, year, dirt),
            followUp(id, year, dirt));
  }

  private static String head(String id, String kind) {
    return """
            <Meldung Meldung_ID="%s-%s" Melder_ID="MEL-1">
              <Meldebegruendung>I</Meldebegruendung>
              <Eigene_Leistung>J</Eigene_Leistung>
              <Tumorzuordnung Tumor_ID="T-1">
                <Primaertumor_ICD><Code>C34.1</Code><Version>10 2024 GM</Version></Primaertumor_ICD>
                <Diagnosedatum Datumsgenauigkeit="E">%s</Diagnosedatum>
                <Seitenlokalisation>R</Seitenlokalisation>
              </Tumorzuordnung>
        """
        .formatted(id, kind, "%s-03-01");
  }

  static String diagnosis(String id, String year, Set<Dirt> dirt) {
    String histDate =
        dirt.contains(Dirt.NO_HISTOLOGY_DATE)
            ? ""
            : "<Tumor_Histologiedatum Datumsgenauigkeit=\"E\">"
                + year
                + "-02-27</Tumor_Histologiedatum>";
    String tnmDate = dirt.contains(Dirt.NO_TNM_DATE) ? "" : "<Datum>" + year + "-03-01</Datum>";
    String n =
        dirt.contains(Dirt.N_ONLY_SUFFIXES)
            ? "(sn)(mol+)"
            : dirt.contains(Dirt.N_SUFFIXES) ? "0(sn)(mol+)" : "1";
    String m = dirt.contains(Dirt.M_CYTOLOGY) ? "0(cy-)" : "0";
    String prefix = dirt.contains(Dirt.CTNM_WITH_P_PREFIXES) ? "p" : "c";
    String y = dirt.contains(Dirt.Y_SYMBOL_9) ? "<y_Symbol>9</y_Symbol>" : "";
    String mSymbol = dirt.contains(Dirt.M_SYMBOL_M1) ? "<m_Symbol>m1</m_Symbol>" : "";
    return head(id, "DX").formatted(year)
        + """
              <Diagnose>
                <Primaertumor_Topographie_ICD_O><Code>C34.1</Code><Version>33</Version></Primaertumor_Topographie_ICD_O>
                <Diagnosesicherung>7</Diagnosesicherung>
                <Histologie Histologie_ID="%s-H">
                  %s
                  <Morphologie_ICD_O><Code>8140/3</Code><Version>33</Version></Morphologie_ICD_O>
                  <Grading>2</Grading>
                </Histologie>
                <cTNM ID="%s-CTNM">%s<Version>8</Version>%s<c_p_u_Praefix_T>c</c_p_u_Praefix_T><T>2a</T>%s<c_p_u_Praefix_N>%s</c_p_u_Praefix_N><N>%s</N><c_p_u_Praefix_M>%s</c_p_u_Praefix_M><M>%s</M><UICC_Stadium>IIB</UICC_Stadium></cTNM>
                <Allgemeiner_Leistungszustand>1</Allgemeiner_Leistungszustand>
              </Diagnose>
            </Meldung>
        """
            .formatted(id, histDate, id, tnmDate, y, mSymbol, prefix, n, prefix, m);
  }

  static String surgery(String id, String year, Set<Dirt> dirt) {
    String tnm =
        dirt.contains(Dirt.U_PREFIX_IN_OP)
            ? "<c_p_u_Praefix_T>u</c_p_u_Praefix_T><T>1a</T><c_p_u_Praefix_N>c</c_p_u_Praefix_N><N>0</N><c_p_u_Praefix_M>c</c_p_u_Praefix_M><M>0</M>"
            : "<c_p_u_Praefix_T>p</c_p_u_Praefix_T><T>2a</T><c_p_u_Praefix_N>p</c_p_u_Praefix_N><N>1</N>";
    return head(id, "OP").formatted(year)
        + """
              <OP OP_ID="%s-OP">
                <Intention>K</Intention>
                <Datum>%s-04-02</Datum>
                <Menge_OPS><OPS><Code>5-324.a1</Code><Version>2024</Version></OPS></Menge_OPS>
                <TNM ID="%s-OPTNM"><Datum>%s-04-05</Datum><Version>8</Version>%s</TNM>
                <Residualstatus><Lokale_Beurteilung_Residualstatus>R0</Lokale_Beurteilung_Residualstatus><Gesamtbeurteilung_Residualstatus>R0</Gesamtbeurteilung_Residualstatus></Residualstatus>
                <Komplikationen><Komplikation_nein_oder_unbekannt>N</Komplikation_nein_oder_unbekannt></Komplikationen>
              </OP>
            </Meldung>
        """
            .formatted(id, year, id, year, tnm);
  }

  static String systemic(String id, String year, Set<Dirt> dirt) {
    String type = dirt.contains(Dirt.NO_THERAPY_TYPE) ? "" : "<Therapieart>CH</Therapieart>";
    return head(id, "SY").formatted(year)
        + """
              <SYST SYST_ID="%s-SY">
                <Meldeanlass>behandlungsende</Meldeanlass>
                <Intention>K</Intention>
                <Stellung_OP>A</Stellung_OP>
                %s
                <Protokoll>Carboplatin-Vinorelbin</Protokoll>
                <Beginn Datumsgenauigkeit="E">%s-05-02</Beginn>
                <Menge_Substanz><Substanz><ATC><Code>L01XA02</Code><Version>2024</Version></ATC></Substanz></Menge_Substanz>
                <Ende_Grund>E</Ende_Grund>
                <Ende>%s-08-15</Ende>
                <Nebenwirkungen><Grad_maximal2_oder_unbekannt>1</Grad_maximal2_oder_unbekannt></Nebenwirkungen>
              </SYST>
            </Meldung>
        """
            .formatted(id, type, year, year);
  }

  static String followUp(String id, String year, Set<Dirt> dirt) {
    String date =
        dirt.contains(Dirt.FUTURE_DATE) ? "2062-02-01" : (Integer.parseInt(year) + 1) + "-02-01";
    if (!dirt.contains(Dirt.FUTURE_DATE) && year.equals("2026")) {
      date = "2026-10-01";
    }
    return head(id, "FU").formatted(year)
        + """
              <Verlauf Verlauf_ID="%s-V">
                <Meldeanlass>statusmeldung</Meldeanlass>
                <Untersuchungsdatum_Verlauf>%s</Untersuchungsdatum_Verlauf>
                <Gesamtbeurteilung_Tumorstatus>V</Gesamtbeurteilung_Tumorstatus>
                <Verlauf_Lokaler_Tumorstatus>K</Verlauf_Lokaler_Tumorstatus>
                <Allgemeiner_Leistungszustand>1</Allgemeiner_Leistungszustand>
              </Verlauf>
            </Meldung>
        """
            .formatted(id, date);
  }
}
