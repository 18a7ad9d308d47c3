package org.ccpfhir.bridgehead.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.ccpfhir.network.NetworkIT;
import org.ccpfhir.profiles.subjectaccess.CentralSubjectDataContract;
import org.ccpfhir.testsupport.SecureClients;
import org.ccpfhir.testsupport.fuzz.FuzzRun;
import org.ccpfhir.testsupport.fuzz.FuzzTarget;
import org.junit.jupiter.api.Test;

/**
 * Seeded hostile requests against the identity app in both of its network roles (central patient
 * list, control-number generator), each a real Spring Boot app of {@link IdentityNetwork}, called
 * over mutual TLS as the bridgehead of site TUE: no 5xx, every 4xx an OperationOutcome, healthy
 * afterwards. Seed printed; replay with {@code -Dfuzz.seed=S}.
 */
class IdentityFuzzIT extends NetworkIT {

  @Test
  void theCentralListAnswersHostileRequestsWithClientErrors() {
    IdentityNetwork network = IdentityNetwork.shared();
    FuzzTarget target =
        new FuzzTarget("central-list")
            .post("$project-pseudonym", "pseudonym", "project")
            .post("$reencrypt", "pseudonym", "target")
            .post("$withdraw-identity", "pseudonym", "mode")
            .post("$withdrawal-notices")
            .post("$withdrawal-notice-confirm", "notice", "outcome", "detail")
            .post("$withdrawal-case", "case")
            .post("$register-control-numbers", "site", "controlNumbers")
            .post("$redeem-ticket", "ticket")
            .post("$linkage-review-decide", "review", "decision")
            .get("$linkage-review-list")
            // admin only (§5.3): a site's certificate must never reach them, whatever the body
            .get("$partner-departure-inventory", "site")
            .post("$partner-departure", "site", "continuedConsent")
            .post("$partner-departure-confirm", "site", "receipt")
            .post(CentralSubjectDataContract.OPERATION, "caseNumber", "pseudonym")
            .search("AuditEvent", "date", "agent")
            .hapiBuiltIns()
            .formPaths("/oauth2/token")
            .protectedEntry("GET", "AuditEvent")
            .protectedEntry("POST", "AuditEvent");
    assertClean(run(network.centralList, network, target, 300));
  }

  @Test
  void theGeneratorAnswersHostileRequestsWithClientErrors() {
    IdentityNetwork network = IdentityNetwork.shared();
    FuzzTarget target =
        new FuzzTarget("generator")
            .post(
                "$control-number-ticket",
                "patient",
                "firstName",
                "lastName",
                "formerName",
                "birthDate",
                "sex")
            .search("AuditEvent", "date", "agent")
            .hapiBuiltIns()
            .formPaths("/oauth2/token")
            .protectedEntry("GET", "AuditEvent")
            .protectedEntry("POST", "AuditEvent");
    assertClean(run(network.generator, network, target, 300));
  }

  private FuzzRun.Result run(
      org.springframework.context.ConfigurableApplicationContext app,
      IdentityNetwork network,
      FuzzTarget target,
      int cases) {
    return new FuzzRun(
            "https://localhost:" + IdentityNetwork.port(app),
            SecureClients.mutualTls(
                network.siteTue.privateKey(), network.siteTue.chain(), tls.caCertificate()),
            request -> request)
        .run(target, FuzzRun.seed(), FuzzRun.cases(cases, 0.15));
  }

  static void assertClean(FuzzRun.Result result) {
    assertThat(result.failures()).as(result.summary()).isEmpty();
    assertThat(result.healthyAfter()).as("health after the run").isTrue();
  }
}
