package org.ccpfhir.mappers.obds;

import java.util.Arrays;
import java.util.List;
import org.ccpfhir.mappers.fhir.Onco.Address;
import org.ccpfhir.mappers.fhir.Onco.PatientData;
import org.ccpfhir.mappers.xml.XmlElement;

/** Reads {@code Patienten_Stammdaten} (IDAT). */
final class ObdsPatients {

  private ObdsPatients() {}

  static PatientData read(String key, XmlElement s) {
    String family = s.text("Nachname");
    String prefix = s.text("Namensvorsatz");
    if (prefix != null && family != null) {
      family = prefix + " " + family;
    }
    String given = s.text("Vornamen");
    List<String> givenNames = given == null ? List.of() : Arrays.asList(given.trim().split("\\s+"));
    List<String> former =
        s
            .at("Menge_Frueherer_Name")
            .map(m -> m.children("Frueherer_Name"))
            .orElse(List.of())
            .stream()
            .map(XmlElement::text)
            .toList();
    Address address =
        s.child("Adresse")
            .map(
                a ->
                    new Address(
                        a.text("Strasse"),
                        a.text("Hausnummer"),
                        a.text("PLZ"),
                        a.text("Ort"),
                        a.text("Land")))
            .orElse(null);
    return new PatientData(
        key,
        family,
        givenNames,
        prefix,
        s.text("Titel"),
        s.text("Geburtsname"),
        former,
        ObdsParts.date(s.text("Geburtsdatum")),
        s.text("Geschlecht"),
        address);
  }
}
