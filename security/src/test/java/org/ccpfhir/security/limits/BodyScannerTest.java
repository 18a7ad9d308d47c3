package org.ccpfhir.security.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class BodyScannerTest {

  private final BodyScanner scanner =
      new BodyScanner(
          new LimitsProperties(
              DataSize.ofMegabytes(8),
              DataSize.ofMegabytes(64),
              List.of(),
              DataSize.ofKilobytes(16),
              10,
              5,
              20,
              1000,
              256,
              1024));

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String jsonBundle(int entries) {
    StringBuilder b =
        new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[");
    for (int i = 0; i < entries; i++) {
      b.append(i > 0 ? "," : "")
          .append("{\"resource\":{\"resourceType\":\"Patient\",\"name\":[{\"given\":[\"A\"]}]}}");
    }
    return b.append("]}").toString();
  }

  @Test
  void aBundleWithinTheLimitsPasses() {
    assertThat(scanner.scan(bytes(jsonBundle(10)), true)).isEmpty();
  }

  @Test
  void aJsonBundleOverTheEntryLimitIsNamed() {
    assertThat(scanner.scan(bytes(jsonBundle(11)), true))
        .hasValueSatisfying(m -> assertThat(m.message()).contains("ccp.limits.bundle-entries"));
  }

  @Test
  void otherArraysAreNotCountedAsEntries() {
    String many = "\"x\",".repeat(50) + "\"x\"";
    assertThat(scanner.scan(bytes("{\"resourceType\":\"Patient\",\"given\":[" + many + "]}"), true))
        .isEmpty();
  }

  @Test
  void deepJsonNestingIsNamed() {
    String deep = "{\"a\":".repeat(21) + "1" + "}".repeat(21);
    assertThat(scanner.scan(bytes(deep), true))
        .hasValueSatisfying(m -> assertThat(m.message()).contains("ccp.limits.nesting-depth"));
    String ok = "{\"a\":".repeat(19) + "1" + "}".repeat(19);
    assertThat(scanner.scan(bytes(ok), true)).isEmpty();
  }

  @Test
  void aNullExtensionAnywhereIsNamedWithItsLine() {
    // HAPI's JSON parser fails on these with a NullPointerException; once that code is hot the JVM
    // throws it without a stack trace, and the error can no longer be told from one of our own
    for (String body :
        new String[] {
          "{\"resourceType\":\"Patient\",\"extension\":[null]}",
          "{\"resourceType\":\"Patient\",\n\"modifierExtension\":[null]}",
          "{\"resourceType\":\"Patient\",\"_gender\":{\"extension\":[null]}}",
          "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\","
              + "\"identifier\":[{\"type\":{\"coding\":[{\"code\":\"x\",\"extension\":[{\"url\":\"u\"},"
              + "null]}]}}]}}]}",
          "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"p\",\"resource\":"
              + "{\"resourceType\":\"Patient\",\"extension\":[{\"url\":\"u\",\"extension\":[null]}]}}]}"
        }) {
      assertThat(scanner.scan(bytes(body), true))
          .as(body)
          .hasValueSatisfying(
              m -> {
                assertThat(m.message())
                    .containsPattern("named '(modifierE|e)xtension' at line \\d");
                assertThat(m.type()).isEqualTo(IssueType.STRUCTURE);
              });
      assertThat(scanner.scan(bytes(body), false)).as(body).isPresent();
    }
  }

  @Test
  void nullsWhereFhirJsonAllowsThemPass() {
    // primitive arrays carry null where only the extension part (the _name array) has a value
    String body =
        "{\"resourceType\":\"Patient\",\"name\":[{\"given\":[\"a\",null],"
            + "\"_given\":[null,{\"extension\":[{\"url\":\"u\",\"valueString\":\"x\"}]}]}]}";
    assertThat(scanner.scan(bytes(body), true)).isEmpty();
  }

  @Test
  void aLongStringIsNamedUnlessStringsAreNotChecked() {
    String body = "{\"resourceType\":\"Patient\",\"id\":\"" + "a".repeat(1001) + "\"}";
    assertThat(scanner.scan(bytes(body), true))
        .hasValueSatisfying(m -> assertThat(m.message()).contains("ccp.limits.string-length"));
    assertThat(scanner.scan(bytes(body), false)).isEmpty();
  }

  @Test
  void tooManyParametersAreNamed() {
    String p = "{\"name\":\"x\",\"valueString\":\"y\"},".repeat(5) + "{\"name\":\"x\"}";
    assertThat(
            scanner.scan(
                bytes("{\"resourceType\":\"Parameters\",\"parameter\":[" + p + "]}"), true))
        .hasValueSatisfying(m -> assertThat(m.message()).contains("ccp.limits.parameters"));
  }

  @Test
  void xmlBundleEntriesDepthAndValuesAreChecked() {
    String entry = "<entry><resource><Patient><id value=\"p\"/></Patient></resource></entry>";
    String bundle = "<Bundle xmlns=\"http://hl7.org/fhir\"><type value=\"batch\"/>%s</Bundle>";
    assertThat(scanner.scan(bytes(bundle.formatted(entry.repeat(10))), true)).isEmpty();
    assertThat(scanner.scan(bytes(bundle.formatted(entry.repeat(11))), true))
        .hasValueSatisfying(m -> assertThat(m.message()).contains("ccp.limits.bundle-entries"));
    String deep = "<a>".repeat(21) + "</a>".repeat(21);
    assertThat(scanner.scan(bytes(deep), true))
        .hasValueSatisfying(m -> assertThat(m.message()).contains("ccp.limits.nesting-depth"));
    String longValue = "<Patient><id value=\"" + "a".repeat(1001) + "\"/></Patient>";
    assertThat(scanner.scan(bytes(longValue), true))
        .hasValueSatisfying(m -> assertThat(m.message()).contains("ccp.limits.string-length"));
  }

  @Test
  void singleQuotedJsonThatHapiAcceptsIsScannedToo() {
    String body = "{'resourceType':'Bundle','entry':[" + "{},".repeat(10) + "{}]}";
    assertThat(scanner.scan(bytes(body), true))
        .hasValueSatisfying(m -> assertThat(m.message()).contains("ccp.limits.bundle-entries"));
  }

  @Test
  void malformedBodiesAreLeftToTheParser() {
    assertThat(scanner.scan(bytes("{\"resourceType\":"), true)).isEmpty();
    assertThat(scanner.scan(bytes("<Patient><id"), true)).isEmpty();
    assertThat(scanner.scan(bytes("not json"), true)).isEmpty();
  }
}
