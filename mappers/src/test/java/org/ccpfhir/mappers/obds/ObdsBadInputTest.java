package org.ccpfhir.mappers.obds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.ccpfhir.mappers.MappedFile;
import org.ccpfhir.mappers.MappedFile.MappedPatient;
import org.ccpfhir.mappers.MappedFile.RefusedPatient;
import org.ccpfhir.mappers.MappingException;
import org.ccpfhir.mappers.fhir.PatientBundleBuilder;
import org.ccpfhir.mappers.fhir.ResourceIds;
import org.ccpfhir.mappers.testing.ObdsDocuments;
import org.junit.jupiter.api.Test;

class ObdsBadInputTest {

  static final ObdsMapper MAPPER =
      new ObdsMapper(new PatientBundleBuilder(ResourceIds.forSite("HD")));

  static MappingException reject(String xml) {
    return catchThrowableOfType(
        () -> MAPPER.map(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "bad.xml"),
        MappingException.class);
  }

  static int lineOf(String xml, String needle) {
    String before = xml.substring(0, xml.indexOf(needle));
    return (int) before.chars().filter(c -> c == '\n').count() + 1;
  }

  @Test
  void notWellFormed() {
    String xml = ObdsDocuments.document(1, 1).replace("</Nachname>", "</Name>");
    MappingException e = reject(xml);
    assertThat(e).isNotNull();
    assertThat(e.source()).isEqualTo("bad.xml");
    assertThat(e.first().rule()).isEqualTo("not-well-formed");
    assertThat(e.first().line()).isEqualTo(lineOf(xml, "</Name>"));
    assertThat(e.first().column()).isPositive();
    assertThat(e.getMessage()).startsWith("bad.xml:" + e.first().line() + ":");
  }

  @Test
  void wrongNamespace() {
    String xml =
        ObdsDocuments.document(1, 1)
            .replace("http://www.basisdatensatz.de/oBDS/XML", "http://example.org/other");
    MappingException e = reject(xml);
    assertThat(e.first().rule()).isEqualTo("wrong-root-element");
    assertThat(e.first().line()).isEqualTo(2);
    assertThat(e.getMessage()).contains("http://example.org/other");
  }

  static MappedFile map(String xml) throws MappingException {
    return MAPPER.map(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "bad.xml");
  }

  @Test
  void aSchemaViolationInsideAPatientRefusesThatPatientOnly() throws Exception {
    String xml = ObdsDocuments.document(1, 3).replaceFirst("<Geschlecht>W</", "<Geschlecht>Q</");

    MappedFile mapped = map(xml);

    assertThat(mapped.mapped()).extracting(MappedPatient::sourceId).containsExactly("P-2", "P-3");
    assertThat(mapped.refused()).hasSize(1);
    RefusedPatient refused = mapped.refused().get(0);
    assertThat(refused.sourceId()).isEqualTo("P-1");
    assertThat(refused.reason().rule()).isEqualTo("cvc-enumeration-valid");
    assertThat(refused.reason().element()).isEqualTo("Patienten_Stammdaten/Geschlecht");
    assertThat(refused.reason().detail())
        .startsWith("line " + lineOf(xml, "<Geschlecht>Q") + ", column ")
        .doesNotContain("'Q'");
  }

  @Test
  void aSchemaViolationOutsideEveryPatientRejectsTheDocument() {
    String xml =
        ObdsDocuments.document(1, 2).replace("<Meldedatum>2025-06-30<", "<Meldedatum>gestern<");
    MappingException e = reject(xml);
    assertThat(e).isNotNull();
    assertThat(e.first().line()).isEqualTo(lineOf(xml, "<Meldedatum>"));
  }

  @Test
  void identifyingValuesNeverAppearInTheRefusal() throws Exception {
    String xml =
        ObdsDocuments.document(1, 1)
            .replaceFirst("<Nachname>[^<]*</Nachname>", "<Nachname>Schmidt42#</Nachname>")
            .replaceFirst(
                "<Geburtsdatum Datumsgenauigkeit=\"E\">[^<]*<",
                "<Geburtsdatum Datumsgenauigkeit=\"E\">1950-02-30<");
    MappedFile mapped = map(xml);
    assertThat(mapped.refused()).hasSize(1);
    assertThat(mapped.refused().get(0).issues()).hasSizeGreaterThanOrEqualTo(1);
    assertThat(mapped.refused().toString()).doesNotContain("Schmidt").doesNotContain("1950-02-30");
  }

  @Test
  void missingRequiredElement() throws Exception {
    String xml =
        ObdsDocuments.document(1, 1).replaceFirst("<Diagnosesicherung>7</Diagnosesicherung>", "");
    RefusedPatient refused = map(xml).refused().get(0);
    assertThat(refused.reason().rule()).isEqualTo("cvc-complex-type.2.4.a");
    assertThat(refused.reason().detail()).contains("Diagnosesicherung");
  }

  @Test
  void doctypeIsRefused() {
    String xml =
        ObdsDocuments.document(1, 1)
            .replace(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<?xml version=\"1.0\"?><!DOCTYPE oBDS [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>");
    MappingException e = reject(xml);
    assertThat(e.first().rule()).isEqualTo("not-well-formed");
  }
}
