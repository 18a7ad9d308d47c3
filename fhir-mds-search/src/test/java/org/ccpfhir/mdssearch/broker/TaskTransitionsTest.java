package org.ccpfhir.mdssearch.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskTransitionsTest {

  @ParameterizedTest
  @CsvSource({
    "requested, received, true",
    "received, accepted, true",
    "received, rejected, true",
    "received, failed, true",
    "accepted, completed, true",
    "accepted, failed, true",
    "requested, accepted, false",
    "requested, completed, false",
    "received, completed, false",
    "rejected, accepted, false",
    "completed, accepted, false",
    "cancelled, received, false",
    "accepted, cancelled, false"
  })
  void onlyTheStateMachinesStepsAreAllowed(String from, String to, boolean allowed) {
    assertThat(TaskTransitions.allowed(from, to)).isEqualTo(allowed);
  }
}
