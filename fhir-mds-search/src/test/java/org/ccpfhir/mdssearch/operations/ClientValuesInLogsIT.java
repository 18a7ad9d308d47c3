package org.ccpfhir.mdssearch.operations;

import java.util.Map;
import org.ccpfhir.mdssearch.MdsSearchItSupport;
import org.ccpfhir.testsupport.MarkerRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * No client value reaches the MDS database's log, at any level of its own packages (TRACE) and at
 * the configured levels of the libraries: a marker sent in count searches, broker Tasks, upload
 * operations, bodies, headers and tokens — valid, 4xx and former 5xx — is nowhere in the output.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientValuesInLogsIT extends MdsSearchItSupport {

  private static final String[] OPERATIONS = {
    "$mds-record",
    "$mds-upload",
    "$mds-withdraw",
    "$mds-subject-data",
    "$search-terms",
    "Patient/$everything"
  };

  @Test
  void aMarkerSentEverywhereIsInNoLogLine(CapturedOutput output) throws Exception {
    try (MarkerRequests requests =
        new MarkerRequests(tls.clientContext(), "https://localhost:" + port)) {
      String m = requests.marker;
      for (String user : new String[] {"researcher", "admin", null}) {
        String token = user == null ? null : token(user);
        requests.fhir("/fhir", token);
        for (String operation : OPERATIONS) {
          requests.operation("/fhir/" + operation, token);
        }
        for (String count :
            new String[] {
              "/fhir/Patient?_summary=count&gender=" + m,
              "/fhir/Condition?_summary=count&code=" + m,
              "/fhir/Condition?_summary=count&code=http://fhir.de/CodeSystem/bfarm/icd-10-gm%7C"
                  + m,
              "/fhir/Patient?_summary=count&_has:Condition:subject:code=" + m,
              "/fhir/Patient?_summary=count&birthdate=ge" + m,
              "/fhir/Patient?_summary=count&site=" + m,
              "/fhir/Task?_summary=count&status=" + m,
              "/fhir/Task/" + m
            }) {
          requests.send("GET", count, token, null, null, Map.of());
        }
        requests.send(
            "POST",
            "/fhir/Task",
            token,
            "application/fhir+json",
            "{\"resourceType\":\"Task\",\"status\":\""
                + m
                + "\",\"intent\":\"order\",\"input\":[{\"type\":{\"text\":\"criteria\"},"
                + "\"valueString\":\"Patient?gender="
                + m
                + "\"}]}",
            Map.of());
      }
      requests.login("/oauth2/token");
      Thread.sleep(1000);
      requests.assertNotIn(output.getAll());
    }
  }
}
