package org.ccpfhir.bridgehead.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
}
