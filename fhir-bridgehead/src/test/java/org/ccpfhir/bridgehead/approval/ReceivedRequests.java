package org.ccpfhir.bridgehead.approval;

import java.util.List;
import org.ccpfhir.bridgehead.searchagent.persistence.LocalSearchRequest;
import org.ccpfhir.bridgehead.searchagent.persistence.SearchAgentRepository;

/** Search requests as the agent stores them on receipt, with their matches, for listing tests. */
final class ReceivedRequests {

  private ReceivedRequests() {}

  /** A received, undecided request of a researcher with these matches, expiring in a day. */
  static void insert(
      SearchAgentRepository repository,
      String task,
      List<String> matches,
      long now,
      long received) {
    repository.insert(
        new LocalSearchRequest(
            task,
            task + "-request",
            "researcher",
            "Condition.code=C50",
            null,
            now + 86_400_000L,
            "",
            "received",
            List.of(),
            false,
            null,
            null,
            null,
            null,
            null,
            null,
            false,
            received),
        now);
    repository.saveMatches(task, matches, null, now);
  }
}
