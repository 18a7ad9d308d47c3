package org.ccpfhir.bridgehead.searchagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.ccpfhir.profiles.task.SearchTasks;
import org.junit.jupiter.api.Test;

/** What the approvers read as "Request from …" (issue 23 finding 7). */
class RequesterTest {

  @Test
  void loginNameFirstThenWhatTheResearcherStated() {
    assertThat(SearchAgent.requester("researcher", Map.of())).isEqualTo("researcher");
    assertThat(
            SearchAgent.requester(
                "researcher",
                Map.of(
                    SearchTasks.REQUESTER_NAME, "Dr. Anna Muster",
                    SearchTasks.REQUESTER_INSTITUTION, "DKFZ",
                    SearchTasks.PROJECT, "Cohort 2026")))
        .isEqualTo("researcher — Dr. Anna Muster, DKFZ, project Cohort 2026");
    // three details at the broker's limit still fit the stored column
    String longest = "x".repeat(SearchTasks.MAX_REQUESTER_DETAIL);
    assertThat(
            SearchAgent.requester(
                "researcher",
                Map.of(
                    SearchTasks.REQUESTER_NAME, longest,
                    SearchTasks.REQUESTER_INSTITUTION, longest,
                    SearchTasks.PROJECT, longest)))
        .hasSize(200)
        .startsWith("researcher — xxx")
        .endsWith("…");
  }
}
