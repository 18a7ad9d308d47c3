package org.ccpfhir.mappers.adt;

import org.ccpfhir.mappers.fhir.Onco.Sample;
import org.ccpfhir.mappers.fhir.PatientRecord;
import org.ccpfhir.mappers.xml.XmlElement;

/**
 * ADT-GEKID DKTK {@code Biomaterial}: Probentyp, Probenart and Fixierungsart together name one
 * SampleMaterialType code.
 */
final class AdtSamples {

  private AdtSamples() {}

  static void read(XmlElement b, PatientRecord record) {
    if ("nein".equals(b.text("Patienten_mit_Biomaterial"))) {
      return;
    }
    String type = sampleMaterialType(b.text("Probenart"), b.text("Fixierungsart"));
    if (type == null) {
      return;
    }
    record.put(
        new Sample(
            b.attribute("Biomaterial_ID"),
            type,
            AdtParts.fuzzy(b.text("Entnahmedatum")),
            null,
            null,
            null,
            null));
  }

  static String sampleMaterialType(String kind, String fixation) {
    if (kind == null) {
      return null;
    }
    String fix = fixation == null ? null : fixation.startsWith("Paraffin") ? "ffpe" : "frozen";
    return switch (kind) {
      case "Tumorgewebe" -> fix == null ? "tissue-other" : "tumor-tissue-" + fix;
      case "Normalgewebe" -> fix == null ? "tissue-other" : "normal-tissue-" + fix;
      case "Vollblut" -> "whole-blood";
      case "Serum" -> "blood-serum";
      case "Plasma" -> "blood-plasma";
      case "Urin" -> "urine";
      case "Liquor" -> "csf-liquor";
      case "Knochenmark" -> "bone-marrow";
      case "DNA" -> "dna";
      case "RNA" -> "rna";
      default -> "derivative-other";
    };
  }
}
