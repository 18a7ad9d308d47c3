package org.ccpfhir.mappers.adt;

import java.time.LocalDate;
import java.util.List;
import org.ccpfhir.mappers.fhir.FuzzyDate;
import org.ccpfhir.mappers.fhir.Onco.Histology;
import org.ccpfhir.mappers.fhir.Onco.Metastasis;
import org.ccpfhir.mappers.fhir.Onco.Morphology;
import org.ccpfhir.mappers.fhir.Onco.Tnm;
import org.ccpfhir.mappers.fhir.TumourRecord;
import org.ccpfhir.mappers.tolerance.Issues;
import org.ccpfhir.mappers.tolerance.TnmRules;
import org.ccpfhir.mappers.xml.XmlElement;

/** Readers for ADT-GEKID types shared by several sections: dates, TNM, histology, metastases. */
final class AdtParts {

  private AdtParts() {}

  /**
   * ADT dates are {@code TT.MM.JJJJ}; an unknown day or month is written as 00 (→ month or year
   * precision).
   */
  static FuzzyDate fuzzy(String text) {
    if (text == null) {
      return null;
    }
    int day = Integer.parseInt(text.substring(0, 2));
    int month = Integer.parseInt(text.substring(3, 5));
    int year = Integer.parseInt(text.substring(6, 10));
    if (month == 0) {
      return new FuzzyDate(LocalDate.of(year, 7, 1), FuzzyDate.Precision.YEAR);
    }
    if (day == 0) {
      return new FuzzyDate(LocalDate.of(year, month, 15), FuzzyDate.Precision.MONTH);
    }
    return FuzzyDate.exact(LocalDate.of(year, month, day));
  }

  /** A date that must be exact for the MDS element; an inexact one is taken at its estimate. */
  static LocalDate date(String text) {
    FuzzyDate d = fuzzy(text);
    return d == null ? null : d.date();
  }

  /** A TNM_Typ element, normalised by {@link TnmRules} (clinical null: the prefixes decide). */
  static Tnm tnm(XmlElement e, String fallbackKey, Boolean clinical, String where, Issues issues) {
    String id = e.attribute("TNM_ID");
    Tnm raw =
        new Tnm(
            id != null ? id : fallbackKey,
            true,
            date(e.text("TNM_Datum")),
            e.text("TNM_Version"),
            e.text("TNM_y_Symbol"),
            e.text("TNM_r_Symbol"),
            e.text("TNM_a_Symbol"),
            e.text("TNM_c_p_u_Praefix_T"),
            e.text("TNM_T"),
            e.text("TNM_m_Symbol"),
            e.text("TNM_c_p_u_Praefix_N"),
            e.text("TNM_N"),
            e.text("TNM_c_p_u_Praefix_M"),
            e.text("TNM_M"),
            e.text("UICC"));
    return TnmRules.normalise(raw, clinical, where, issues);
  }

  /** A histology; without its own date it has none (no other report's date is copied in). */
  static Histology histology(XmlElement e, String fallbackKey) {
    String code = e.text("Morphologie_Code");
    List<Morphology> morphologies =
        code == null
            ? List.of()
            : List.of(new Morphology(code, e.text("Morphologie_ICD_O_Version")));
    FuzzyDate date = fuzzy(e.text("Tumor_Histologiedatum"));
    String id = e.attribute("Histologie_ID");
    return new Histology(id != null ? id : fallbackKey, date, morphologies, e.text("Grading"));
  }

  /** Distant metastases; one without its own date stays undated. */
  static void metastases(XmlElement parent, TumourRecord tumour) {
    parent
        .child("Menge_FM")
        .ifPresent(
            fm -> {
              for (XmlElement m : fm.children("Fernmetastase")) {
                FuzzyDate date = fuzzy(m.text("FM_Diagnosedatum"));
                String location = m.text("FM_Lokalisation");
                if (location != null) {
                  tumour.put(new Metastasis(date, location));
                }
              }
            });
  }
}
