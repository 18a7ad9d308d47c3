package org.ccpfhir.mappers.obds;

import java.util.List;
import org.ccpfhir.mappers.fhir.Onco.Histology;
import org.ccpfhir.mappers.fhir.Onco.Morphology;
import org.ccpfhir.mappers.fhir.PatientRecord;
import org.ccpfhir.mappers.fhir.TumourRecord;
import org.ccpfhir.mappers.xml.XmlElement;

/**
 * Every message may repeat the tumour's morphology in {@code Tumorzuordnung}. It becomes a
 * histology only for a tumour that no message reported a full histology for (then without grading).
 */
final class MorphologyFallback {

  private MorphologyFallback() {}

  static void apply(List<XmlElement> meldungen, PatientRecord record) {
    for (int i = meldungen.size() - 1; i >= 0; i--) {
      XmlElement tz = meldungen.get(i).child("Tumorzuordnung").orElseThrow();
      String code = tz.text("Morphologie_ICD_O", "Code");
      TumourRecord tumour = record.tumour(tz.attribute("Tumor_ID"));
      if (code != null && tumour.histologies().isEmpty()) {
        tumour.put(
            new Histology(
                tz.attribute("Tumor_ID") + "-tumorzuordnung",
                // the diagnosis date is not the histology's date: none rather than a copied one
                null,
                List.of(new Morphology(code, tz.text("Morphologie_ICD_O", "Version"))),
                null));
      }
    }
  }
}
