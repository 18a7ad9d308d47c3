package org.ccpfhir.mappers.obds;

import java.time.LocalDate;
import java.util.ArrayList;
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

/** Readers for the oBDS types that several message kinds share (dates, TNM, histology, M). */
final class ObdsParts {

  private ObdsParts() {}

  static LocalDate date(String text) {
    return text == null ? null : LocalDate.parse(text);
  }

  /** A date element with its {@code Datumsgenauigkeit}; null when absent. */
  static FuzzyDate fuzzy(XmlElement parent, String name) {
    return parent
        .child(name)
        .filter(e -> !e.text().isEmpty())
        .map(e -> FuzzyDate.of(LocalDate.parse(e.text()), e.attribute("Datumsgenauigkeit")))
        .orElse(null);
  }

  /**
   * A TNM_Typ element, normalised by {@link TnmRules}. {@code clinical} is null when the element
   * name does not say (OP, Verlauf): then the prefixes decide.
   */
  static Tnm tnm(XmlElement e, String fallbackKey, Boolean clinical, String where, Issues issues) {
    String id = e.attribute("ID");
    Tnm raw =
        new Tnm(
            id != null ? id : fallbackKey,
            true,
            date(e.text("Datum")),
            e.text("Version"),
            e.text("y_Symbol"),
            e.text("r_Symbol"),
            e.text("a_Symbol"),
            e.text("c_p_u_Praefix_T"),
            e.text("T"),
            e.text("m_Symbol"),
            e.text("c_p_u_Praefix_N"),
            e.text("N"),
            e.text("c_p_u_Praefix_M"),
            e.text("M"),
            e.text("UICC_Stadium"));
    return TnmRules.normalise(raw, clinical, where, issues);
  }

  /** A histology; without its own date it has none (no other report's date is copied in). */
  static Histology histology(XmlElement e, String fallbackKey) {
    List<Morphology> morphologies = new ArrayList<>();
    for (XmlElement m : e.children("Morphologie_ICD_O")) {
      morphologies.add(new Morphology(m.text("Code"), m.text("Version")));
    }
    FuzzyDate date = fuzzy(e, "Tumor_Histologiedatum");
    String id = e.attribute("Histologie_ID");
    return new Histology(id != null ? id : fallbackKey, date, morphologies, e.text("Grading"));
  }

  static void metastases(XmlElement parent, TumourRecord tumour) {
    parent
        .child("Menge_FM")
        .ifPresent(
            fm -> {
              for (XmlElement m : fm.children("Fernmetastase")) {
                tumour.put(new Metastasis(fuzzy(m, "Diagnosedatum"), m.text("Lokalisation")));
              }
            });
  }
}
