package org.ccpfhir.mappers.obds;

import static org.ccpfhir.mappers.obds.ObdsParts.date;
import static org.ccpfhir.mappers.obds.ObdsParts.fuzzy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.mappers.fhir.FuzzyDate;
import org.ccpfhir.mappers.fhir.Onco.Amount;
import org.ccpfhir.mappers.fhir.Onco.Death;
import org.ccpfhir.mappers.fhir.Onco.Diagnosis;
import org.ccpfhir.mappers.fhir.Onco.FollowUp;
import org.ccpfhir.mappers.fhir.Onco.Ops;
import org.ccpfhir.mappers.fhir.Onco.Radiotherapy;
import org.ccpfhir.mappers.fhir.Onco.Residual;
import org.ccpfhir.mappers.fhir.Onco.Sample;
import org.ccpfhir.mappers.fhir.Onco.Substance;
import org.ccpfhir.mappers.fhir.Onco.Surgery;
import org.ccpfhir.mappers.fhir.Onco.SystemicTherapy;
import org.ccpfhir.mappers.fhir.PatientRecord;
import org.ccpfhir.mappers.fhir.TumourRecord;
import org.ccpfhir.mappers.xml.XmlElement;

/**
 * Applies one oBDS {@code Meldung} to the patient's record. Every message names its tumour ({@code
 * Tumorzuordnung}); its one content element (Diagnose, Pathologie, OP, ST, SYST, Verlauf, Tod,
 * Samples) adds or replaces items keyed by the report's own ids, falling back to the message id.
 */
final class ObdsMessages {

  private ObdsMessages() {}

  static void apply(XmlElement meldung, PatientRecord record) {
    String messageId = meldung.attribute("Meldung_ID");
    XmlElement tz = meldung.child("Tumorzuordnung").orElseThrow();
    TumourRecord tumour = record.tumour(tz.attribute("Tumor_ID"));
    FuzzyDate dxDate = fuzzy(tz, "Diagnosedatum");
    tumour.diagnosis(
        new Diagnosis(
            tz.text("Primaertumor_ICD", "Code"),
            tz.text("Primaertumor_ICD", "Version"),
            dxDate,
            tz.text("Seitenlokalisation"),
            null,
            null));
    record.countMessage();
    for (XmlElement content : meldung.children()) {
      switch (content.name()) {
        case "Diagnose", "Pathologie" -> diagnosis(content, messageId, tumour);
        case "OP" -> surgery(content, messageId, tumour);
        case "ST" -> radiotherapy(content, messageId, tumour);
        case "SYST" -> systemic(content, messageId, tumour);
        case "Verlauf" -> followUp(content, messageId, tumour);
        case "Tod" ->
            record.death(
                new Death(date(content.text("Sterbedatum")), content.text("Tod_tumorbedingt")));
        case "Samples" -> samples(content, record);
        default -> {
          // Tumorzuordnung, Tumorkonferenz, Zusatzitems, remarks: not part of the MDS
        }
      }
    }
  }

  private static void diagnosis(XmlElement d, String messageId, TumourRecord tumour) {
    String topography = d.text("Primaertumor_Topographie_ICD_O", "Code");
    if (topography != null) {
      tumour.diagnosis(
          new Diagnosis(
              null,
              null,
              null,
              null,
              topography,
              d.text("Primaertumor_Topographie_ICD_O", "Version")));
    }
    d.child("Histologie").ifPresent(h -> tumour.put(ObdsParts.histology(h, messageId)));
    ObdsParts.metastases(d, tumour);
    String where = d.name() + "[" + messageId + "]/";
    d.child("cTNM")
        .ifPresent(
            t ->
                tumour.put(
                    ObdsParts.tnm(t, messageId + "-c", true, where + "cTNM", tumour.issues())));
    d.child("pTNM")
        .ifPresent(
            t ->
                tumour.put(
                    ObdsParts.tnm(t, messageId + "-p", false, where + "pTNM", tumour.issues())));
    String residual = d.text("Lokale_Beurteilung_Residualstatus");
    if (residual != null) {
      String key = d.attribute("Befund_ID") != null ? d.attribute("Befund_ID") : messageId;
      FuzzyDate date =
          d.child("Histologie").map(h -> fuzzy(h, "Tumor_Histologiedatum")).orElse(null);
      tumour.put(new Residual(key, date, residual, null));
    }
  }

  private static void surgery(XmlElement op, String messageId, TumourRecord tumour) {
    String key = op.attribute("OP_ID") != null ? op.attribute("OP_ID") : messageId;
    LocalDate date = date(op.text("Datum"));
    List<Ops> ops = new ArrayList<>();
    op.child("Menge_OPS")
        .ifPresent(
            m ->
                m.children("OPS")
                    .forEach(o -> ops.add(new Ops(o.text("Code"), o.text("Version")))));
    tumour.put(
        new Surgery(
            key,
            op.text("Intention"),
            date,
            ops,
            op.text("Residualstatus", "Lokale_Beurteilung_Residualstatus"),
            op.text("Residualstatus", "Gesamtbeurteilung_Residualstatus")));
    op.child("Histologie").ifPresent(h -> tumour.put(ObdsParts.histology(h, key + "-op")));
    op.child("TNM")
        .ifPresent(
            t ->
                tumour.put(
                    ObdsParts.tnm(t, key + "-op", null, "OP[" + key + "]/TNM", tumour.issues())));
  }

  private static void radiotherapy(XmlElement st, String messageId, TumourRecord tumour) {
    String key = st.attribute("ST_ID") != null ? st.attribute("ST_ID") : messageId;
    LocalDate start = null;
    LocalDate end = null;
    List<XmlElement> sessions =
        st.child("Menge_Bestrahlung").map(m -> m.children("Bestrahlung")).orElse(List.of());
    for (XmlElement b : sessions) {
      LocalDate s = date(b.text("Beginn"));
      LocalDate e = date(b.text("Ende"));
      if (s != null && (start == null || s.isBefore(start))) {
        start = s;
      }
      if (e != null && (end == null || e.isAfter(end))) {
        end = e;
      }
    }
    tumour.put(new Radiotherapy(key, st.text("Intention"), st.text("Stellung_OP"), start, end));
  }

  private static void systemic(XmlElement sy, String messageId, TumourRecord tumour) {
    String key = sy.attribute("SYST_ID") != null ? sy.attribute("SYST_ID") : messageId;
    List<Substance> substances = new ArrayList<>();
    sy.child("Menge_Substanz")
        .ifPresent(
            m ->
                m.children("Substanz")
                    .forEach(
                        s ->
                            substances.add(
                                new Substance(s.text("Bezeichnung"), s.text("ATC", "Code")))));
    String type = sy.text("Therapieart");
    if (type == null) {
      tumour
          .issues()
          .refused(
              "syst-therapy-type-missing",
              "SYST[" + key + "]/Therapieart",
              "the MDS systemic therapy needs its therapy type (category 1..1)");
    }
    tumour.put(
        new SystemicTherapy(
            key,
            sy.text("Intention"),
            sy.text("Stellung_OP"),
            type,
            fuzzy(sy, "Beginn"),
            date(sy.text("Ende")),
            sy.text("Protokoll"),
            substances));
  }

  private static void followUp(XmlElement v, String messageId, TumourRecord tumour) {
    String key = v.attribute("Verlauf_ID") != null ? v.attribute("Verlauf_ID") : messageId;
    LocalDate date = date(v.text("Untersuchungsdatum_Verlauf"));
    tumour.put(
        new FollowUp(
            key,
            date,
            v.text("Gesamtbeurteilung_Tumorstatus"),
            v.text("Verlauf_Lokaler_Tumorstatus"),
            v.text("Verlauf_Tumorstatus_Lymphknoten"),
            v.text("Verlauf_Tumorstatus_Fernmetastasen")));
    ObdsParts.metastases(v, tumour);
    v.child("Histologie").ifPresent(h -> tumour.put(ObdsParts.histology(h, key + "-fu")));
    v.child("TNM")
        .ifPresent(
            t ->
                tumour.put(
                    ObdsParts.tnm(
                        t, key + "-fu", null, "Verlauf[" + key + "]/TNM", tumour.issues())));
  }

  private static void samples(XmlElement samples, PatientRecord record) {
    for (XmlElement s : samples.children("Sample")) {
      String collected = s.text("Collectiontime");
      String amount = s.text("SpecimenQuantity", "QuantityValue");
      record.put(
          new Sample(
              s.attribute("Sample_ID"),
              s.text("Sampletype"),
              collected == null ? null : FuzzyDate.exact(LocalDate.parse(collected)),
              s.text("BodySite", "Code"),
              s.text("BodySite", "Version"),
              s.text("Status"),
              s.attribute("Parent_ID"),
              amount == null
                  ? null
                  : new Amount(new BigDecimal(amount), s.text("SpecimenQuantity", "Unit")),
              s.text("Project")));
    }
  }
}
