package org.ccpfhir.security.fhir.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.UriParam;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.junit.jupiter.api.Test;

class DefinitionLinksInterceptorTest {

  private static final String IMPORT = "https://example.org/fhir/OperationDefinition/import-obds";
  private static final String PROFILE = "https://example.org/fhir/StructureDefinition/my-patient";

  private final ServedDefinitions definitions =
      new ServedDefinitions(
          List.of(
              (OperationDefinition)
                  new OperationDefinition()
                      .setCode("import-obds")
                      .setUrl(IMPORT)
                      .setName("ImportObds")
                      .setId("import-obds"),
              (CodeSystem)
                  new CodeSystem()
                      .setUrl("https://example.org/fhir/CodeSystem/grading")
                      .setVersion("1.0")
                      .setName("GradingCS")
                      .setId("GradingCS")),
          Map.of("Patient", List.of(PROFILE)));

  @Test
  void pointsOwnOperationsAtTheCuratedDefinitionAndListsProfiles() {
    CapabilityStatement statement = new CapabilityStatement();
    CapabilityStatementRestComponent rest = statement.addRest();
    rest.addOperation()
        .setName("import-obds")
        .setDefinition("http://localhost/OperationDefinition/-s-import-obds");
    rest.addOperation()
        .setName("expunge")
        .setDefinition("http://localhost/OperationDefinition/-s-expunge");
    CapabilityStatementRestResourceComponent patient = rest.addResource().setType("Patient");
    patient.addSupportedProfile(PROFILE);

    new DefinitionLinksInterceptor(definitions).link(statement);

    assertThat(rest.getOperation().get(0).getDefinition()).isEqualTo(IMPORT);
    // HAPI's own operations keep HAPI's definitions
    assertThat(rest.getOperation().get(1).getDefinition()).endsWith("-s-expunge");
    // listed once, even when already there
    assertThat(patient.getSupportedProfile())
        .extracting(CanonicalType::getValue)
        .containsExactly(PROFILE);
  }

  @Test
  void readsByIdAndSearchesByUrlNameAndVersion() {
    assertThat(definitions.read("CodeSystem", "GradingCS")).isPresent();
    assertThat(definitions.read("CodeSystem", "import-obds")).isEmpty();
    assertThat(definitions.operationDefinition(new IdType("OperationDefinition/import-obds")))
        .isNotNull();
    assertThat(definitions.operationDefinition(new IdType("OperationDefinition/-s-expunge")))
        .isNull();
    assertThat(
            definitions.search(
                "CodeSystem",
                new UriParam("https://example.org/fhir/CodeSystem/grading|1.0"),
                null,
                null,
                null))
        .hasSize(1);
    assertThat(
            definitions.search(
                "CodeSystem",
                new UriParam("https://example.org/fhir/CodeSystem/grading|2.0"),
                null,
                null,
                null))
        .isEmpty();
    assertThat(definitions.search("CodeSystem", null, new StringParam("grad"), null, null))
        .hasSize(1);
    assertThat(definitions.search("CodeSystem", null, new StringParam("CS"), null, null)).isEmpty();
  }

  @Test
  void handsOutCopies() {
    definitions.read("CodeSystem", "GradingCS").orElseThrow().setName("changed");

    assertThat(definitions.read("CodeSystem", "GradingCS").orElseThrow().getName())
        .isEqualTo("GradingCS");
  }
}
