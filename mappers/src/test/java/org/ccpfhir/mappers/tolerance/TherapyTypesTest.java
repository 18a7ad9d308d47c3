package org.ccpfhir.mappers.tolerance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ccpfhir.terminology.CcpTerminology;
import org.ccpfhir.terminology.CodeSystems;
import org.junit.jupiter.api.Test;

class TherapyTypesTest {

  @Test
  void chemoImmuneAndTargetedBecomeTheirCombinationCode() {
    assertThat(TherapyTypes.combine(List.of("CH", "IM"))).containsExactly("CI");
    assertThat(TherapyTypes.combine(List.of("IM", "CH"))).containsExactly("CI");
    assertThat(TherapyTypes.combine(List.of("CH", "ZS"))).containsExactly("CZ");
    assertThat(TherapyTypes.combine(List.of("ZS", "IM"))).containsExactly("IZ");
    assertThat(TherapyTypes.combine(List.of("CH", "IM", "ZS"))).containsExactly("CIZ");
    assertThat(TherapyTypes.combine(List.of("CH", "CH"))).containsExactly("CH");
  }

  @Test
  void typesWithoutCombinationCodeBecomeStatementsOfTheirOwn() {
    assertThat(TherapyTypes.combine(List.of("CH", "HO"))).containsExactly("CH", "HO");
    assertThat(TherapyTypes.combine(List.of("HO", "CH", "IM"))).containsExactly("CI", "HO");
    assertThat(TherapyTypes.combine(List.of())).isEmpty();
  }

  @Test
  void everyCodeProducedIsInTheProjectsCodeSystem() {
    var codes = CcpTerminology.get().codes(CodeSystems.THERAPY_TYPE);
    for (List<String> reported :
        List.of(
            List.of("CH", "IM", "ZS", "HO", "KM", "WS", "AS", "SO"),
            List.of("CH", "IM"),
            List.of("CH", "ZS"),
            List.of("IM", "ZS"))) {
      assertThat(codes).containsAll(TherapyTypes.combine(reported));
    }
  }
}
