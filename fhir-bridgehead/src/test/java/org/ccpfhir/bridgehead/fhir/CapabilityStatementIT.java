package org.ccpfhir.bridgehead.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.profiles.MdsProfiles;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.Test;

class CapabilityStatementIT extends PostgresIT {

  @Test
  void listsTheMdsProfilesAndSearchParameters() {
    CapabilityStatement statement =
        client.capabilities().ofType(CapabilityStatement.class).execute();

    List<String> supported =
        statement.getRestFirstRep().getResource().stream()
            .flatMap(r -> r.getSupportedProfile().stream())
            .map(CanonicalType::getValue)
            .toList();
    assertThat(supported).containsAll(MdsProfiles.ALL_PROFILES);
    assertThat(
            statement.getRestFirstRep().getResource().stream()
                .filter(r -> r.getType().equals("Observation"))
                .flatMap(r -> r.getSearchParam().stream())
                .map(
                    CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent
                        ::getName))
        .contains("code", "subject", "value-concept", "component-code-value-concept")
        .doesNotContain("combo-code", "combo-value-concept", "performer");
  }

  /** Every feature's FhirProvider bean is served: the one registration path misses none. */
  @Test
  void servesTheOperationsOfEveryFeature() {
    CapabilityStatement statement =
        client.capabilities().ofType(CapabilityStatement.class).execute();

    Stream<String> systemLevel =
        statement.getRestFirstRep().getOperation().stream()
            .map(CapabilityStatement.CapabilityStatementRestResourceOperationComponent::getName);
    Stream<String> typeLevel =
        statement.getRestFirstRep().getResource().stream()
            .flatMap(r -> r.getOperation().stream())
            .map(CapabilityStatement.CapabilityStatementRestResourceOperationComponent::getName);
    List<String> operations =
        Stream.concat(systemLevel, typeLevel).map(name -> name.replace("$", "")).toList();
    assertThat(operations)
        .contains(
            "pseudonymize", // pseudonym
            "local-review-list", // pseudonym
            "import-obds", // importer
            "export-study", // export
            "local-upload-setting", // consent
            "access-request", // subjectaccess
            "upload", // upload
            "withdraw", // withdrawal
            "search-decide"); // approval
    assertThat(statement.getRestFirstRep().getResource())
        .anyMatch(r -> r.getType().equals("AuditEvent"));
  }
}
