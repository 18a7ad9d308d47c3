package org.ccpfhir.mappers.adt;

import java.util.Arrays;
import java.util.List;
import org.ccpfhir.mappers.fhir.Onco.Address;
import org.ccpfhir.mappers.fhir.Onco.PatientData;
import org.ccpfhir.mappers.xml.XmlElement;

/** Reads ADT {@code Patienten_Stammdaten} (IDAT); the first address is the current one. */
final class AdtPatients {

  private AdtPatients() {}

  static PatientData read(String key, XmlElement s) {
    String given = s.text("Patienten_Vornamen");
    List<String> former =
        s
            .at("Menge_Frueherer_Name")
            .map(m -> m.children("Patienten_Frueherer_Name"))
            .orElse(List.of())
            .stream()
            .map(XmlElement::text)
            .toList();
    Address address =
        s.at("Menge_Adresse", "Adresse")
            .map(
                a ->
                    new Address(
                        a.text("Patienten_Strasse"),
                        a.text("Patienten_Hausnummer"),
                        a.text("Patienten_PLZ"),
                        a.text("Patienten_Ort"),
                        a.text("Patienten_Land")))
            .orElse(null);
    return new PatientData(
        key,
        s.text("Patienten_Nachname"),
        given == null ? List.of() : Arrays.asList(given.trim().split("\\s+")),
        null,
        s.text("Patienten_Titel"),
        s.text("Patienten_Geburtsname"),
        former,
        AdtParts.date(s.text("Patienten_Geburtsdatum")),
        s.text("Patienten_Geschlecht"),
        address);
  }
}
