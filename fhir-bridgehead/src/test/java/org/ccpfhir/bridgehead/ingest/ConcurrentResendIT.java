package org.ccpfhir.bridgehead.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpfhir.bridgehead.SiteBundles.patientOf;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/**
 * Clinical systems retry: the same transaction sent several times at once must be answered 200
 * (stored once, the others are updates) or 409/412 with an OperationOutcome, never 5xx, and leave
 * exactly one copy of every resource.
 */
class ConcurrentResendIT extends PostgresIT {

  private static final int SENDERS = 6;

  @Test
  void parallelResendsOfOneTransactionStoreOneCopyAndNeverFail() throws Exception {
    for (EntryMode mode : EntryMode.values()) {
      for (int round = 0; round < 3; round++) {
        Bundle bundle =
            new SyntheticPatientGenerator(
                    UUID.randomUUID().getMostSignificantBits(), "HD", mode, false)
                .patient(0);
        Identifier id = patientOf(bundle).getIdentifierFirstRep();
        String body = fhirContext.newJsonParser().encodeResourceToString(bundle);

        List<Response> responses = sendAtOnce(body);

        for (Response response : responses) {
          assertThat(response.statusCode())
              .as(mode + ": " + response.asString())
              .isIn(200, 201, 409, 412);
          if (response.statusCode() >= 400) {
            assertThat(response.asString()).contains("OperationOutcome");
          }
        }
        assertThat(responses).anyMatch(r -> r.statusCode() == 200);
        assertThat(count("Patient?identifier=" + id.getSystem() + "|" + id.getValue()))
            .as(mode.name())
            .isEqualTo(1);
        int perPatient = count(forPatient(id, "Observation"));
        fhir().body(body).post().then().statusCode(200);
        assertThat(count(forPatient(id, "Observation"))).as(mode.name()).isEqualTo(perPatient);
        assertThat(count(forPatient(id, "Condition")))
            .as(mode.name())
            .isEqualTo(conditions(bundle));
      }
    }
  }

  @Test
  void parallelConditionalWritesOfOnePatientStoreOneAndNeverFail() throws Exception {
    for (String how : List.of("conditional create", "conditional update")) {
      for (int round = 0; round < 3; round++) {
        Patient patient =
            patientOf(
                new SyntheticPatientGenerator(
                        UUID.randomUUID().getMostSignificantBits(), "HD", EntryMode.PUT, false)
                    .patient(0));
        patient.setId((String) null);
        Identifier id = patient.getIdentifierFirstRep();
        String body = fhirContext.newJsonParser().encodeResourceToString(patient);
        String query = "identifier=" + id.getSystem() + "|" + id.getValue();

        List<Response> responses =
            sendAtOnce(
                how.equals("conditional create")
                    ? () -> fhir().header("If-None-Exist", query).body(body).post("/Patient")
                    : () -> fhir().body(body).put("/Patient?" + query));

        for (Response response : responses) {
          assertThat(response.statusCode())
              .as(how + ": " + response.asString())
              .isIn(200, 201, 409, 412);
        }
        assertThat(count("Patient?" + query)).as(how).isEqualTo(1);
      }
    }
  }

  private List<Response> sendAtOnce(String body) throws Exception {
    return sendAtOnce(() -> fhir().body(body).post());
  }

  private List<Response> sendAtOnce(java.util.concurrent.Callable<Response> send) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Response>> futures = new ArrayList<>();
      for (int i = 0; i < SENDERS; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return send.call();
                }));
      }
      start.countDown();
      List<Response> responses = new ArrayList<>();
      for (Future<Response> future : futures) {
        responses.add(future.get());
      }
      return responses;
    } finally {
      pool.shutdownNow();
    }
  }

  private static String forPatient(Identifier id, String type) {
    return type + "?subject:Patient.identifier=" + id.getSystem() + "|" + id.getValue();
  }

  private int count(String search) {
    return fhir()
        .get("/" + search + "&_summary=count")
        .then()
        .statusCode(200)
        .extract()
        .path("total");
  }

  private static long conditions(Bundle bundle) {
    return bundle.getEntry().stream()
        .map(BundleEntryComponent::getResource)
        .filter(r -> r.fhirType().equals("Condition"))
        .count();
  }
}
