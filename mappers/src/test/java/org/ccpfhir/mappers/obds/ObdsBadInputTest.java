package org.ccpfhir.mappers.obds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
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

  @Test
  void schemaViolationNamesRuleAndElementButNotTheValue() {
    String xml = ObdsDocuments.document(1, 1).replace("<Geschlecht>M</", "<Geschlecht>Q</");
    xml = xml.replace("<Geschlecht>W</", "<Geschlecht>Q</");
    MappingException e = reject(xml);
    assertThat(e.first().rule()).isEqualTo("cvc-enumeration-valid");
    assertThat(e.first().line()).isEqualTo(lineOf(xml, "<Geschlecht>Q"));
    assertThat(e.first().detail()).contains("Geschlecht");
  }

  @Test
  void identifyingValuesNeverAppearInTheMessage() {
    String xml =
        ObdsDocuments.document(1, 1)
            .replaceFirst("<Nachname>[^<]*</Nachname>", "<Nachname>Schmidt42#</Nachname>")
            .replaceFirst(
                "<Geburtsdatum Datumsgenauigkeit=\"E\">[^<]*<",
                "<Geburtsdatum Datumsgenauigkeit=\"E\">1950-02-30<");
    MappingException e = reject(xml);
    assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(e.getMessage()).doesNotContain("Schmidt").doesNotContain("1950-02-30");
    assertThat(e.problems().toString()).doesNotContain("Schmidt").doesNotContain("1950-02-30");
  }

  @Test
  void missingRequiredElement() {
    String xml =
        ObdsDocuments.document(1, 1).replaceFirst("<Diagnosesicherung>7</Diagnosesicherung>", "");
    MappingException e = reject(xml);
    assertThat(e.first().rule()).isEqualTo("cvc-complex-type.2.4.a");
    assertThat(e.first().detail()).contains("Diagnosesicherung");
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
