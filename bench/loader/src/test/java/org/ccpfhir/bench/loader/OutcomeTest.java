package org.ccpfhir.bench.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutcomeTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void successfulTransactionStoresEveryEntry() {
    BundleFile bundle = new BundleFile("a.json", new byte[0], 7, false);

    Outcome outcome = Outcome.of(bundle, 200, utf8("{\"resourceType\":\"Bundle\"}"));

    assertThat(outcome.stored()).isEqualTo(7);
    assertThat(outcome.failed()).isZero();
  }

  @Test
  void refusedTransactionReportsTheOperationOutcome() {
    BundleFile bundle = new BundleFile("a.json", new byte[0], 7, false);
    String body =
        """
        {"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"invariant",
         "expression":["Bundle.entry[2].resource"],"diagnostics":"birthDate too precise"}]}
        """;

    Outcome outcome = Outcome.of(bundle, 422, utf8(body));

    assertThat(outcome.stored()).isZero();
    assertThat(outcome.failed()).isEqualTo(7);
    assertThat(outcome.report())
        .contains("HTTP 422", "error/invariant at Bundle.entry[2].resource", "birthDate");
  }

  @Test
  void batchCountsFailedEntriesOneByOne() {
    BundleFile bundle = new BundleFile("b.json", new byte[0], 3, true);
    String body =
        """
        {"resourceType":"Bundle","type":"batch-response","entry":[
          {"response":{"status":"201 Created"}},
          {"response":{"status":"400 Bad Request","outcome":{"resourceType":"OperationOutcome",
            "issue":[{"severity":"error","code":"processing","diagnostics":"bad"}]}}},
          {"response":{"status":"200 OK"}}]}
        """;

    Outcome outcome = Outcome.of(bundle, 200, utf8(body));

    assertThat(outcome.stored()).isEqualTo(2);
    assertThat(outcome.failed()).isEqualTo(1);
    assertThat(outcome.report()).contains("400 Bad Request", "bad");
  }
}
