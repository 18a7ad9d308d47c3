package org.ccpfhir.bridgehead.access;

import java.util.List;
import org.ccpfhir.bridgehead.identity.IdentityNetwork;
import org.ccpfhir.network.NetworkIT;
import org.ccpfhir.security.audit.AuditRecorder;
import org.ccpfhir.testsupport.MarkerRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * No client value reaches the bridgehead's log, at any level of its own packages (TRACE) and at the
 * configured levels of the libraries: a marker sent in search values, ids, operation parameters,
 * bodies, headers and tokens — as valid requests, 4xx and former 5xx — is nowhere in the output.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientValuesInLogsIT extends NetworkIT {

  private static final String[] OPERATIONS = {
    "$access-request",
    "$access-request-export",
    "$export-study",
    "$import-obds",
    "$local-review-decide",
    "$local-review-list",
    "$local-upload-setting",
    "$pseudonymize",
    "$search-decide",
    "$search-requests",
    "$upload",
    "$upload-status",
    "$withdraw",
    "$withdraw-status",
    "$withdraw-components",
    "$withdraw-document",
    "$pseudonym-replacements",
    "$pseudonym-replacement-confirm",
    "Patient/$validate"
  };

  private static final String[] IDENTITY_OPERATIONS = {
    "$control-number-ticket",
    "$linkage-review-decide",
    "$linkage-review-list",
    "$project-pseudonym",
    "$redeem-ticket",
    "$reencrypt",
    "$register-control-numbers",
    "$withdraw-identity",
    "$withdrawal-notices",
    "$withdrawal-notice-confirm",
    "$withdrawal-case",
    "$subject-data"
  };

  @Autowired AuditRecorder auditRecorder;

  /** The identity apps (same JVM, same output) called with the bridgehead's certificate. */
  private void identityNetwork(MarkerRequests bridgehead) {
    IdentityNetwork network = IdentityNetwork.shared();
    for (var app : List.of(network.generator, network.centralList)) {
      MarkerRequests requests =
          bridgehead.to(tls.clientContext(), "https://localhost:" + IdentityNetwork.port(app));
      requests.fhir("/fhir", null);
      for (String operation : IDENTITY_OPERATIONS) {
        requests.operation("/fhir/" + operation, null);
      }
      requests.login("/oauth2/token");
    }
  }

  @Test
  void aMarkerSentEverywhereIsInNoLogLine(CapturedOutput output) throws Exception {
    try (MarkerRequests requests = new MarkerRequests(clients.sslContext(), clients.root())) {
      for (String user : new String[] {"datamanager", "admin", "approver"}) {
        String token = clients.token(user);
        requests.fhir("/fhir", token);
        for (String operation : OPERATIONS) {
          requests.operation("/fhir/" + operation, token);
        }
      }
      requests.fhir("/fhir", null);
      requests.login("/oauth2/token");
      identityNetwork(requests);
      requests.send(
          "GET", "/actuator/health?" + requests.marker, null, null, null, java.util.Map.of());
      auditRecorder.flush();
      // background work triggered by the requests (audit writer, agents) logs on other threads
      Thread.sleep(1000);
      requests.assertNotIn(output.getAll());
    }
  }
}
