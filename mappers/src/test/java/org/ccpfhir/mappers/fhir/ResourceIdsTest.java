package org.ccpfhir.mappers.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ResourceIdsTest {

  @Test
  void stableUuidShapedAndKeyed() {
    ResourceIds a = ResourceIds.forSite("HD");
    String id = a.id("P-1", "op", "T-1", "OP-1");
    assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(ResourceIds.forSite("HD").id("P-1", "op", "T-1", "OP-1")).isEqualTo(id);
    assertThat(ResourceIds.forSite("TUE").id("P-1", "op", "T-1", "OP-1")).isNotEqualTo(id);
    ResourceIds secret = new ResourceIds("HD", "site secret".getBytes(StandardCharsets.UTF_8));
    assertThat(secret.id("P-1", "op", "T-1", "OP-1")).isNotEqualTo(id);
  }

  @Test
  void partsAreSeparatedSoConcatenationsDoNotCollide() {
    ResourceIds ids = ResourceIds.forSite("HD");
    assertThat(ids.id("P-1", "op1")).isNotEqualTo(ids.id("P-1o", "p1"));
  }

  @Test
  void fuzzyDatesKeepOnlyWhatIsKnown() {
    LocalDate d = LocalDate.of(2024, 3, 17);
    assertThat(FuzzyDate.of(d, "E").toFhir()).isEqualTo("2024-03-17");
    assertThat(FuzzyDate.of(d, "T").toFhir()).isEqualTo("2024-03");
    assertThat(FuzzyDate.of(d, "M").toFhir()).isEqualTo("2024");
    assertThat(FuzzyDate.of(d, "V").toFhir()).isEqualTo("2024");
    assertThat(Fhir.icd10Year("10 2021 GM")).isEqualTo("2021");
    assertThat(Fhir.icd10Year("Sonstige")).isNull();
  }
}
