package org.ccpfhir.bridgehead.approval;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.bridgehead.searchagent.persistence.SearchAgentRepository;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The approver's listing reads the store a fixed number of times, however many matches it shows.
 */
class ApprovalListingIT extends PostgresIT {

  @Autowired SearchAgentRepository repository;

  @Autowired IInterceptorService interceptors;

  @Test
  void storeSearchesOfTheListingDoNotGrowWithTheMatches() {
    List<String> patients = createPatients(20);
    insertRequest(patients.subList(0, 1));
    int withOneMatch = searchesOfListing(patients.get(0));
    insertRequest(patients);
    int withTwentyMore = searchesOfListing(patients.get(19));

    assertThat(withOneMatch).isPositive();
    assertThat(withTwentyMore).isEqualTo(withOneMatch);
  }

  @Test
  void theListingIsWrittenAsHapiWritesIt() {
    List<String> patients = createPatients(5);
    insertRequest(patients);
    // ListingJsonWriter answers the plain call; _summary=false (the same content) is left to HAPI
    String written = listing(clients.as("approver"));
    String byHapi = listing(clients.as("approver").queryParam("_summary", "false"));
    assertThat(written).contains("\"match\"", "\"pseudonym\"", "\"diagnosis\"");
    assertThat(written).isEqualTo(byHapi);
    assertThat(listing(clients.as("approver").queryParam("_format", "xml")))
        .startsWith("<Parameters");
  }

  private static String listing(io.restassured.specification.RequestSpecification request) {
    return request.get("/fhir/$search-requests").then().statusCode(200).extract().asString();
  }

  /** Store searches run by one listing call (on the server's request threads only). */
  private int searchesOfListing(String patientShown) {
    AtomicInteger searches = new AtomicInteger();
    Object counter =
        new Object() {
          @ca.uhn.fhir.interceptor.api.Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
          public void search() {
            if (Thread.currentThread().getName().contains("nio")) {
              searches.incrementAndGet();
            }
          }

          @ca.uhn.fhir.interceptor.api.Hook(Pointcut.STORAGE_PREACCESS_RESOURCES)
          public void access() {
            if (Thread.currentThread().getName().contains("nio")) {
              searches.incrementAndGet();
            }
          }
        };
    interceptors.registerInterceptor(counter);
    String listing;
    try {
      listing =
          clients
              .as("approver")
              .get("/fhir/$search-requests")
              .then()
              .statusCode(200)
              .extract()
              .asString();
    } finally {
      interceptors.unregisterInterceptor(counter);
    }
    assertThat(listing).contains("\"pseudonym\"", "\"diagnosis\"");
    return searches.get();
  }

  private void insertRequest(List<String> matches) {
    long now = System.currentTimeMillis();
    String task = "listing-" + UUID.randomUUID();
    ReceivedRequests.insert(repository, task, matches, now, now);
  }

  private List<String> createPatients(int count) {
    SyntheticPatientGenerator generator =
        new SyntheticPatientGenerator(
            UUID.randomUUID().getMostSignificantBits(), "HD", EntryMode.POST, false);
    Bundle bundle =
        SyntheticPatientGenerator.merge(
            IntStream.range(0, count).mapToObj(generator::patient).toList());
    Bundle response = client.transaction().withBundle(bundle).execute();
    List<String> ids = new ArrayList<>();
    for (Bundle.BundleEntryComponent entry : response.getEntry()) {
      IdType id = new IdType(entry.getResponse().getLocation());
      if ("Patient".equals(id.getResourceType())) {
        ids.add("Patient/" + id.getIdPart());
      }
    }
    assertThat(ids).hasSize(count);
    return ids;
  }
}
