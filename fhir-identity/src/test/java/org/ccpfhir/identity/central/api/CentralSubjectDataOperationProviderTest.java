package org.ccpfhir.identity.central.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ccpfhir.identity.central.SubjectFacts;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;

class CentralSubjectDataOperationProviderTest {

  static final String CASE = "AR-ABCDEFGHIJKLMNOP";

  @Test
  void anUnknownPersonIsAnsweredWithTheCaseNumberAndNotKnownOnly() {
    Parameters answer = CentralSubjectDataOperationProvider.answer(CASE, Optional.empty());

    assertThat(answer.getParameter())
        .extracting(p -> p.getName() + " " + p.getValue().primitiveValue())
        .containsExactly("caseNumber " + CASE, "known false");
  }

  @Test
  void aKnownPersonIsAnsweredWithSiteCodesRecordDaysAndTheSitesProjectPseudonyms() {
    SubjectFacts.Facts facts =
        new SubjectFacts.Facts(
            List.of("HD", "TUE"),
            List.of(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 2)),
            1,
            Map.of("RPB-HD-G", "RPBHDG1234"),
            true);

    Parameters answer = CentralSubjectDataOperationProvider.answer(CASE, Optional.of(facts));

    assertThat(answer.getParameter("known").getValue().primitiveValue()).isEqualTo("true");
    assertThat(answer.getParameters("site"))
        .extracting(p -> p.getValue().primitiveValue())
        .containsExactly("HD", "TUE");
    assertThat(answer.getParameters("record"))
        .extracting(p -> p.getPartFirstRep().getValue().primitiveValue())
        .containsExactly("2026-03-01", "2026-04-02");
    assertThat(answer.getParameter("openLinkageReviews").getValue().primitiveValue())
        .isEqualTo("1");
    Identifier project = (Identifier) answer.getParameter("projectPseudonym").getValue();
    assertThat(project.getValue()).isEqualTo("RPBHDG1234");
    assertThat(project.getSystem()).endsWith("RPB-HD-G");
    assertThat(answer.getParameter("mdsPseudonym").getValue().primitiveValue()).isEqualTo("true");
  }
}
