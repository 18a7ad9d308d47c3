package org.ccpfhir.mappers.testing;

import java.util.List;
import java.util.Random;
import java.util.Set;
import org.ccpfhir.mappers.testing.DirtyExports.Dirt;
import org.ccpfhir.mappers.testing.DirtyExports.Document;
import org.ccpfhir.mappers.testing.DirtyExports.Format;

/**
 * The ADT-GEKID 2.2.3 writer of {@link DirtyExports}, following the structure of the hand-written
 * fixture {@code adt/full-case.xml}: per patient a diagnosis message (histology with grading, cTNM,
 * for some a distant metastasis), a treatment-end message (surgery with TNM and residual status,
 * systemic therapy) and a follow-up, with the dirt the patient carries. Dates are {@code
 * DD.MM.YYYY}; the diagnosis date has day 00 (month precision), as registries send it.
 */
public final class DirtyAdtExports {

  static final String HEAD =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <ADT_GEKID xmlns="http://www.gekid.de/namespace" Schema_Version="2.2.3">
        <Absender Absender_ID="KR-TEST" Software_ID="ccp-fhir-tests"/>
        <Menge_Patient>
      """;

  static final String TAIL =
      """
        </Menge_Patient>
        <Menge_Melder>
          <Melder Melder_ID="MEL-1"><Meldende_Stelle>Chirurgie</Meldende_Stelle></Melder>
        </Menge_Melder>
      </ADT_GEKID>
      """;

  private DirtyAdtExports() {}

  /** An ADT-GEKID corpus (see {@link DirtyExports#generate}). */
  public static List<Document> generate(long seed, String prefix, int documents, int perDocument) {
    return DirtyExports.generate(Format.ADT, seed, prefix, documents, perDocument);
  }

  static String patient(String id, String name, Set<Dirt> dirt, Random random) {
    String year = dirt.contains(Dirt.DATES_AFTER_2025) ? "2026" : "2024";
    // a GKV institution number has 9 digits; dirty exports carry 10 (a check digit appended twice)
    String kassenNr =
        dirt.contains(Dirt.IKNR_PATTERN)
            ? "10" + (10000000 + random.nextInt(89999999))
            : "10" + (1000000 + random.nextInt(8999999));
    String sex = random.nextBoolean() ? "M" : "W";
    String birth =
        "1"
            + random.nextInt(10)
            + ".0"
            + (1 + random.nextInt(9))
            + "."
            + (1935 + random.nextInt(55));
    boolean metastasis = dirt.contains(Dirt.NO_METASTASIS_DATE) || random.nextDouble() < 0.2;
    return """
          <Patient>
            <Patienten_Stammdaten Patient_ID="%s">
              <KrankenversichertenNr>A%d</KrankenversichertenNr>
              <KrankenkassenNr>%s</KrankenkassenNr>
              <Patienten_Nachname>Dirty%s</Patienten_Nachname>
              <Patienten_Vornamen>Vorname</Patienten_Vornamen>
              <Patienten_Geschlecht>%s</Patienten_Geschlecht>
              <Patienten_Geburtsdatum>%s</Patienten_Geburtsdatum>
              <Menge_Adresse>
                <Adresse>
                  <Patienten_Strasse>Hauptstrasse</Patienten_Strasse>
                  <Patienten_Hausnummer>5</Patienten_Hausnummer>
                  <Patienten_Land>DE</Patienten_Land>
                  <Patienten_PLZ>69117</Patienten_PLZ>
                  <Patienten_Ort>Heidelberg</Patienten_Ort>
                </Adresse>
              </Menge_Adresse>
            </Patienten_Stammdaten>
            <Menge_Meldung>
      %s%s%s
            </Menge_Meldung>
          </Patient>
      """
        .formatted(
            id,
            100000000 + random.nextInt(899999999),
            kassenNr,
            name,
            sex,
            birth,
            diagnosis(id, year, dirt, metastasis),
            treatment(id, year, dirt),
            followUp(id, year, dirt));
  }

  private static String tumour(String year) {
    return """
              <Tumorzuordnung Tumor_ID="1">
                <Primaertumor_ICD_Code>C18.7</Primaertumor_ICD_Code>
                <Primaertumor_ICD_Version>10 2024 GM</Primaertumor_ICD_Version>
                <Diagnosedatum>00.03.%s</Diagnosedatum>
                <Seitenlokalisation>T</Seitenlokalisation>
              </Tumorzuordnung>
        """
        .formatted(year);
  }

  static String diagnosis(String id, String year, Set<Dirt> dirt, boolean metastasis) {
    String histDate =
        dirt.contains(Dirt.NO_HISTOLOGY_DATE)
            ? ""
            : "<Tumor_Histologiedatum>14.03." + year + "</Tumor_Histologiedatum>";
    String tnmDate =
        dirt.contains(Dirt.NO_TNM_DATE) ? "" : "<TNM_Datum>16.03." + year + "</TNM_Datum>";
    String fm =
        !metastasis
            ? ""
            : "<Menge_FM><Fernmetastase>"
                + (dirt.contains(Dirt.NO_METASTASIS_DATE)
                    ? ""
                    : "<FM_Diagnosedatum>16.03." + year + "</FM_Diagnosedatum>")
                + "<FM_Lokalisation>HEP</FM_Lokalisation></Fernmetastase></Menge_FM>";
    String n =
        dirt.contains(Dirt.N_ONLY_SUFFIXES)
            ? "(sn)(mol+)"
            : dirt.contains(Dirt.N_SUFFIXES) ? "0(sn)(mol+)" : "1";
    String m =
        dirt.contains(Dirt.M_UNCODABLE)
            ? "2(cy-)"
            : dirt.contains(Dirt.M_CYTOLOGY) ? "0(cy-)" : metastasis ? "1a" : "0";
    String prefix = dirt.contains(Dirt.CTNM_WITH_P_PREFIXES) ? "p" : "c";
    String y = dirt.contains(Dirt.Y_SYMBOL_9) ? "<TNM_y_Symbol>9</TNM_y_Symbol>" : "";
    String mSymbol = dirt.contains(Dirt.M_SYMBOL_M1) ? "<TNM_m_Symbol>m1</TNM_m_Symbol>" : "";
    return """
            <Meldung Meldung_ID="%s-DX" Melder_ID="MEL-1">
              <Meldebegruendung>I</Meldebegruendung>
              <Meldeanlass>diagnose</Meldeanlass>
        """
            .formatted(id)
        + tumour(year)
        + """
              <Diagnose Tumor_ID="1">
                <Primaertumor_ICD_Code>C18.7</Primaertumor_ICD_Code>
                <Primaertumor_ICD_Version>10 2024 GM</Primaertumor_ICD_Version>
                <Primaertumor_Topographie_ICD_O>C18.7</Primaertumor_Topographie_ICD_O>
                <Primaertumor_Topographie_ICD_O_Version>33</Primaertumor_Topographie_ICD_O_Version>
                <Diagnosedatum>00.03.%s</Diagnosedatum>
                <Diagnosesicherung>7</Diagnosesicherung>
                <Seitenlokalisation>T</Seitenlokalisation>
                <Menge_Histologie>
                  <Histologie Histologie_ID="%s-H">
                    %s
                    <Morphologie_Code>8140/3</Morphologie_Code>
                    <Morphologie_ICD_O_Version>33</Morphologie_ICD_O_Version>
                    <Grading>2</Grading>
                  </Histologie>
                </Menge_Histologie>
                %s
                <cTNM TNM_ID="%s-CT">%s<TNM_Version>8</TNM_Version>%s<TNM_c_p_u_Praefix_T>c</TNM_c_p_u_Praefix_T><TNM_T>3</TNM_T>%s<TNM_c_p_u_Praefix_N>%s</TNM_c_p_u_Praefix_N><TNM_N>%s</TNM_N><TNM_c_p_u_Praefix_M>%s</TNM_c_p_u_Praefix_M><TNM_M>%s</TNM_M><UICC>%s</UICC></cTNM>
              </Diagnose>
            </Meldung>
        """
            .formatted(
                year,
                id,
                histDate,
                fm,
                id,
                tnmDate,
                y,
                mSymbol,
                prefix,
                n,
                prefix,
                m,
                metastasis ? "IVA" : "IIIB");
  }

  static String treatment(String id, String year, Set<Dirt> dirt) {
    String tnm =
        dirt.contains(Dirt.U_PREFIX_IN_OP)
            ? "<TNM_c_p_u_Praefix_T>u</TNM_c_p_u_Praefix_T><TNM_T>1a</TNM_T><TNM_c_p_u_Praefix_N>c</TNM_c_p_u_Praefix_N><TNM_N>0</TNM_N><TNM_c_p_u_Praefix_M>c</TNM_c_p_u_Praefix_M><TNM_M>0</TNM_M>"
            : "<TNM_c_p_u_Praefix_T>p</TNM_c_p_u_Praefix_T><TNM_T>3</TNM_T><TNM_c_p_u_Praefix_N>p</TNM_c_p_u_Praefix_N><TNM_N>1b</TNM_N>";
    String r = dirt.contains(Dirt.R_SYMBOL_9) ? "<TNM_r_Symbol>9</TNM_r_Symbol>" : "";
    String types;
    if (dirt.contains(Dirt.NO_THERAPY_TYPE)) {
      types = "";
    } else if (dirt.contains(Dirt.THERAPY_TYPES_COMBINED)) {
      types =
          "<Menge_Therapieart><SYST_Therapieart>CH</SYST_Therapieart>"
              + "<SYST_Therapieart>IM</SYST_Therapieart></Menge_Therapieart>";
    } else if (dirt.contains(Dirt.THERAPY_TYPES_SPLIT)) {
      types =
          "<Menge_Therapieart><SYST_Therapieart>CH</SYST_Therapieart>"
              + "<SYST_Therapieart>HO</SYST_Therapieart></Menge_Therapieart>";
    } else {
      types = "<Menge_Therapieart><SYST_Therapieart>CH</SYST_Therapieart></Menge_Therapieart>";
    }
    return """
            <Meldung Meldung_ID="%s-TX" Melder_ID="MEL-1">
              <Meldebegruendung>I</Meldebegruendung>
              <Meldeanlass>behandlungsende</Meldeanlass>
        """
            .formatted(id)
        + tumour(year)
        + """
              <Menge_OP>
                <OP OP_ID="%s-OP">
                  <OP_Intention>K</OP_Intention>
                  <OP_Datum>04.04.%s</OP_Datum>
                  <Menge_OPS><OP_OPS>5-455.41</OP_OPS></Menge_OPS>
                  <OP_OPS_Version>2024</OP_OPS_Version>
                  <TNM TNM_ID="%s-OT"><TNM_Datum>06.04.%s</TNM_Datum>%s%s</TNM>
                  <Residualstatus>
                    <Lokale_Beurteilung_Residualstatus>R0</Lokale_Beurteilung_Residualstatus>
                  </Residualstatus>
                </OP>
              </Menge_OP>
              <Menge_SYST>
                <SYST SYST_ID="%s-SY">
                  <SYST_Intention>P</SYST_Intention>
                  <SYST_Stellung_OP>A</SYST_Stellung_OP>
                  %s
                  <SYST_Protokoll>FOLFOX</SYST_Protokoll>
                  <SYST_Beginn_Datum>02.05.%s</SYST_Beginn_Datum>
                  <Menge_Substanz><SYST_Substanz>Oxaliplatin</SYST_Substanz></Menge_Substanz>
                  <SYST_Ende_Datum>15.08.%s</SYST_Ende_Datum>
                </SYST>
              </Menge_SYST>
            </Meldung>
        """
            .formatted(id, year, id, year, r, tnm, id, types, year, year);
  }

  static String followUp(String id, String year, Set<Dirt> dirt) {
    String date =
        dirt.contains(Dirt.FUTURE_DATE)
            ? "01.02.2062"
            : year.equals("2026") ? "01.10.2026" : "01.02.2025";
    return """
            <Meldung Meldung_ID="%s-FU" Melder_ID="MEL-1">
              <Meldebegruendung>I</Meldebegruendung>
              <Meldeanlass>statusmeldung</Meldeanlass>
        """
            .formatted(id)
        + tumour(year)
        + """
              <Menge_Verlauf>
                <Verlauf Verlauf_ID="%s-V">
                  <Untersuchungsdatum_Verlauf>%s</Untersuchungsdatum_Verlauf>
                  <Gesamtbeurteilung_Tumorstatus>V</Gesamtbeurteilung_Tumorstatus>
                  <Verlauf_Lokaler_Tumorstatus>K</Verlauf_Lokaler_Tumorstatus>
                  <Verlauf_Tumorstatus_Lymphknoten>K</Verlauf_Tumorstatus_Lymphknoten>
                  <Verlauf_Tumorstatus_Fernmetastasen>K</Verlauf_Tumorstatus_Fernmetastasen>
                </Verlauf>
              </Menge_Verlauf>
            </Meldung>
        """
            .formatted(id, date);
  }
}
