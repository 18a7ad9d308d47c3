package org.ccpfhir.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditQuerySanitizerTest {

  @Test
  void identifyingValuesNeverSurvive() {
    String sanitized =
        AuditQuerySanitizer.query(
            "name=M%C3%BCller&family=Meier&given=Anna&birthdate=1970-01-01&address=Hauptstr+1"
                + "&phone=0621&email=a%40b.de&_content=Meier&_text=Anna"
                + "&subject:Patient.name=Meier&identifier=urn:kis|12345&name=Schulz");

    assertThat(sanitized)
        .doesNotContain("Müller", "Meier", "Anna", "1970", "Hauptstr", "0621", "a@b.de")
        .doesNotContain("Schulz", "12345")
        .contains("name=***", "birthdate=***", "identifier=urn:kis|***");
  }

  @Test
  void safeParametersKeepTheirValues() {
    assertThat(
            AuditQuerySanitizer.query(
                "code=http://loinc.org|21908-9&_count=20&_summary=count&subject=Patient/123"))
        .isEqualTo("code=http://loinc.org|21908-9&_count=20&_summary=count&subject=Patient/123");
  }

  @Test
  void nameLikePathSegmentsAreMasked() {
    assertThat(AuditQuerySanitizer.path("/fhir/Patient/123/_history/2"))
        .isEqualTo("/fhir/Patient/123/_history/2");
    assertThat(AuditQuerySanitizer.path("/fhir/Patient/Zwiebelmeier"))
        .isEqualTo("/fhir/Patient/***");
    assertThat(AuditQuerySanitizer.path("/fhir/ValueSet/$expand"))
        .isEqualTo("/fhir/ValueSet/$expand");
    assertThat(AuditQuerySanitizer.path("/fhir/Patient/M%C3%BCller"))
        .isEqualTo("/fhir/Patient/***");
    assertThat(AuditQuerySanitizer.path("/oauth2/token")).isEqualTo("/oauth2/token");
  }

  @Test
  void interactionsAreNamedFromMethodAndPath() {
    java.util.List<String> bases = java.util.List.of("/fhir");
    assertThat(FhirInteractions.of("GET", "/fhir/Patient/1", bases)).isEqualTo("read");
    assertThat(FhirInteractions.of("GET", "/fhir/Patient", bases)).isEqualTo("search");
    assertThat(FhirInteractions.of("POST", "/fhir", bases)).isEqualTo("transaction");
    assertThat(FhirInteractions.of("POST", "/fhir/Patient", bases)).isEqualTo("create");
    assertThat(FhirInteractions.of("POST", "/fhir/Patient/_search", bases)).isEqualTo("search");
    assertThat(FhirInteractions.of("PUT", "/fhir/Patient/1", bases)).isEqualTo("update");
    assertThat(FhirInteractions.of("DELETE", "/fhir/Patient/1", bases)).isEqualTo("delete");
    assertThat(FhirInteractions.of("GET", "/fhir/Patient/1/_history/2", bases)).isEqualTo("vread");
    assertThat(FhirInteractions.of("GET", "/fhir/Patient/1/_history", bases)).isEqualTo("history");
    assertThat(FhirInteractions.of("POST", "/fhir/ValueSet/$expand", bases)).isEqualTo("operation");
    assertThat(FhirInteractions.of("GET", "/fhir/metadata", bases)).isEqualTo("capabilities");
    assertThat(FhirInteractions.of("GET", "/ccp/identity", bases)).isEqualTo("other");
  }
}
