package org.ccpfhir.mappers.adt;

import static org.ccpfhir.mappers.adt.AdtParts.date;
import static org.ccpfhir.mappers.adt.AdtParts.fuzzy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.mappers.fhir.FuzzyDate;
import org.ccpfhir.mappers.fhir.Onco.Death;
import org.ccpfhir.mappers.fhir.Onco.Diagnosis;
import org.ccpfhir.mappers.fhir.Onco.FollowUp;
import org.ccpfhir.mappers.fhir.Onco.Ops;
import org.ccpfhir.mappers.fhir.Onco.Radiotherapy;
import org.ccpfhir.mappers.fhir.Onco.Substance;
import org.ccpfhir.mappers.fhir.Onco.Surgery;
import org.ccpfhir.mappers.fhir.Onco.SystemicTherapy;
import org.ccpfhir.mappers.fhir.PatientRecord;
import org.ccpfhir.mappers.fhir.TumourRecord;
import org.ccpfhir.mappers.tolerance.TherapyTypes;
import org.ccpfhir.mappers.xml.XmlElement;

/**
 * Applies one ADT-GEKID {@code Meldung} to the patient's record. Unlike oBDS, one ADT message may
 * carry several sections (diagnosis, lists of OP, ST, SYST, follow-ups, biomaterial); each item is
 * keyed by its own id, falling back to message id and position.
 */
final class AdtMessages {

  private AdtMessages() {}

  static void apply(XmlElement meldung, int position, PatientRecord record) {
    String messageId =
        meldung.attribute("Meldung_ID") != null
            ? meldung.attribute("Meldung_ID")
            : "meldung-" + position;
    XmlElement diagnose = meldung.child("Diagnose").orElse(null);
    String tumourKey = tumourKey(meldung, diagnose);
    TumourRecord tumour = record.tumour(tumourKey);
    record.countMessage();
    meldung
        .child("Tumorzuordnung")
        .ifPresent(
            tz ->
                tumour.diagnosis(
                    new Diagnosis(
                        tz.text("Primaertumor_ICD_Code"),
                        tz.text("Primaertumor_ICD_Version"),
                        fuzzy(tz.text("Diagnosedatum")),
                        tz.text("Seitenlokalisation"),
                        null,
                        null)));
    if (diagnose != null) {
      diagnosis(diagnose, messageId, tumour);
    }
    each(meldung, "Menge_OP", "OP", (op, i) -> surgery(op, messageId + "-op" + i, tumour));
    each(meldung, "Menge_ST", "ST", (st, i) -> radiotherapy(st, messageId + "-st" + i, tumour));
    each(meldung, "Menge_SYST", "SYST", (sy, i) -> systemic(sy, messageId + "-sy" + i, tumour));
    each(
        meldung,
        "Menge_Verlauf",
        "Verlauf",
        (v, i) -> followUp(v, messageId + "-fu" + i, tumour, record));
    each(meldung, "Menge_Biomaterial", "Biomaterial", (b, i) -> AdtSamples.read(b, record));
  }

  interface Section {
    void apply(XmlElement element, int index);
  }

  private static void each(XmlElement meldung, String list, String item, Section section) {
    List<XmlElement> items = meldung.child(list).map(m -> m.children(item)).orElse(List.of());
    for (int i = 0; i < items.size(); i++) {
      section.apply(items.get(i), i + 1);
    }
  }

  private static String tumourKey(XmlElement meldung, XmlElement diagnose) {
    String fromAssignment =
        meldung.child("Tumorzuordnung").map(tz -> tz.attribute("Tumor_ID")).orElse(null);
    if (fromAssignment != null) {
      return fromAssignment;
    }
    return diagnose != null ? diagnose.attribute("Tumor_ID") : "1";
  }

  private static void diagnosis(XmlElement d, String messageId, TumourRecord tumour) {
    FuzzyDate dxDate = fuzzy(d.text("Diagnosedatum"));
    tumour.diagnosis(
        new Diagnosis(
            d.text("Primaertumor_ICD_Code"),
            d.text("Primaertumor_ICD_Version"),
            dxDate,
            d.text("Seitenlokalisation"),
            d.text("Primaertumor_Topographie_ICD_O"),
            d.text("Primaertumor_Topographie_ICD_O_Version")));
    List<XmlElement> histologies =
        d.child("Menge_Histologie").map(m -> m.children("Histologie")).orElse(List.of());
    for (int i = 0; i < histologies.size(); i++) {
      tumour.put(AdtParts.histology(histologies.get(i), messageId + "-h" + (i + 1)));
    }
    AdtParts.metastases(d, tumour);
    String where = "Diagnose[" + messageId + "]/";
    d.child("cTNM")
        .ifPresent(
            t ->
                tumour.put(
                    AdtParts.tnm(t, messageId + "-c", true, where + "cTNM", tumour.issues())));
    d.child("pTNM")
        .ifPresent(
            t ->
                tumour.put(
                    AdtParts.tnm(t, messageId + "-p", false, where + "pTNM", tumour.issues())));
  }

  private static void surgery(XmlElement op, String fallbackKey, TumourRecord tumour) {
    String key = op.attribute("OP_ID") != null ? op.attribute("OP_ID") : fallbackKey;
    LocalDate date = date(op.text("OP_Datum"));
    String version = op.text("OP_OPS_Version");
    List<Ops> ops = new ArrayList<>();
    op.child("Menge_OPS")
        .ifPresent(m -> m.children("OP_OPS").forEach(o -> ops.add(new Ops(o.text(), version))));
    tumour.put(
        new Surgery(
            key,
            op.text("OP_Intention"),
            date,
            ops,
            op.text("Residualstatus", "Lokale_Beurteilung_Residualstatus"),
            op.text("Residualstatus", "Gesamtbeurteilung_Residualstatus")));
    op.child("Histologie").ifPresent(h -> tumour.put(AdtParts.histology(h, key + "-op")));
    op.child("TNM")
        .ifPresent(
            t ->
                tumour.put(
                    AdtParts.tnm(t, key + "-op", null, "OP[" + key + "]/TNM", tumour.issues())));
  }

  private static void radiotherapy(XmlElement st, String fallbackKey, TumourRecord tumour) {
    String key = st.attribute("ST_ID") != null ? st.attribute("ST_ID") : fallbackKey;
    LocalDate start = null;
    LocalDate end = null;
    for (XmlElement b :
        st.child("Menge_Bestrahlung").map(m -> m.children("Bestrahlung")).orElse(List.of())) {
      LocalDate s = date(b.text("ST_Beginn_Datum"));
      LocalDate e = date(b.text("ST_Ende_Datum"));
      start = s != null && (start == null || s.isBefore(start)) ? s : start;
      end = e != null && (end == null || e.isAfter(end)) ? e : end;
    }
    tumour.put(
        new Radiotherapy(key, st.text("ST_Intention"), st.text("ST_Stellung_OP"), start, end));
  }

  private static void systemic(XmlElement sy, String fallbackKey, TumourRecord tumour) {
    String key = sy.attribute("SYST_ID") != null ? sy.attribute("SYST_ID") : fallbackKey;
    List<Substance> substances = new ArrayList<>();
    sy.child("Menge_Substanz")
        .ifPresent(
            m ->
                m.children("SYST_Substanz")
                    .forEach(s -> substances.add(new Substance(s.text(), null))));
    List<String> reported =
        sy
            .child("Menge_Therapieart")
            .map(m -> m.children("SYST_Therapieart").stream().map(XmlElement::text).toList())
            .orElse(List.of())
            .stream()
            .filter(t -> !t.isEmpty())
            .toList();
    List<String> types = TherapyTypes.combine(reported);
    String where = "SYST[" + key + "]/Menge_Therapieart";
    if (types.isEmpty()) {
      tumour
          .issues()
          .refused(
              "syst-therapy-type-missing",
              where,
              "the MDS systemic therapy needs its therapy type (category 1..1)");
      types = java.util.Collections.singletonList(null);
    } else if (reported.size() > 1) {
      String detail = String.join("+", reported) + " reported as " + String.join(", ", types);
      if (types.size() == 1) {
        tumour.issues().normalised("syst-therapy-type-combined", where, detail);
      } else {
        tumour.issues().normalised("syst-therapy-type-split", where, detail);
      }
    }
    for (String type : types) {
      // one statement per MDS type; the first keeps the source key, so ids stay stable
      String statementKey = type == null || type.equals(types.get(0)) ? key : key + "-" + type;
      String note =
          types.size() > 1
              ? "reported as one therapy of types " + String.join(", ", reported)
              : null;
      tumour.put(
          new SystemicTherapy(
              statementKey,
              sy.text("SYST_Intention"),
              sy.text("SYST_Stellung_OP"),
              type,
              fuzzy(sy.text("SYST_Beginn_Datum")),
              date(sy.text("SYST_Ende_Datum")),
              sy.text("SYST_Protokoll"),
              substances,
              note));
    }
  }

  private static void followUp(
      XmlElement v, String fallbackKey, TumourRecord tumour, PatientRecord record) {
    String key = v.attribute("Verlauf_ID") != null ? v.attribute("Verlauf_ID") : fallbackKey;
    LocalDate date = date(v.text("Untersuchungsdatum_Verlauf"));
    if (date != null) {
      tumour.put(
          new FollowUp(
              key,
              date,
              v.text("Gesamtbeurteilung_Tumorstatus"),
              v.text("Verlauf_Lokaler_Tumorstatus"),
              v.text("Verlauf_Tumorstatus_Lymphknoten"),
              v.text("Verlauf_Tumorstatus_Fernmetastasen")));
    }
    AdtParts.metastases(v, tumour);
    v.child("Histologie").ifPresent(h -> tumour.put(AdtParts.histology(h, key + "-fu")));
    v.child("TNM")
        .ifPresent(
            t ->
                tumour.put(
                    AdtParts.tnm(
                        t, key + "-fu", null, "Verlauf[" + key + "]/TNM", tumour.issues())));
    v.child("Tod")
        .filter(t -> t.text("Sterbedatum") != null)
        .ifPresent(
            t -> record.death(new Death(date(t.text("Sterbedatum")), t.text("Tod_tumorbedingt"))));
  }
}
