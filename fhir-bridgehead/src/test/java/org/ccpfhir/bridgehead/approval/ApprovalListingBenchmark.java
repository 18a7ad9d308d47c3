package org.ccpfhir.bridgehead.approval;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.bridgehead.searchagent.persistence.SearchAgentRepository;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Latency of the approver's listing (bench/listing.sh, not part of the build: the name matches
 * neither *Test nor *IT): a store of {@code bench.patients} synthetic patients, {@code
 * bench.requests} search requests with {@code bench.matches} matches each (spread over the
 * patients), then {@code bench.calls} sequential {@code $search-requests} calls as the approver
 * after a warm-up; prints p50, p95 and max in ms.
 */
class ApprovalListingBenchmark extends PostgresIT {

  private static final String CHECKED =
      "org.ccpfhir.bridgehead.ingest.IngestRequestInterceptor.checked";

  @Autowired SearchAgentRepository repository;

  @Autowired DaoRegistry daos;

  @Autowired org.ccpfhir.bridgehead.visibility.UnitVisibility visibility;

  @Autowired ApprovalService approvals;

  @Test
  void listing() {
    int patients = Integer.getInteger("bench.patients", 500);
    int requests = Integer.getInteger("bench.requests", 100);
    int matches = Integer.getInteger("bench.matches", 100);
    int calls = Integer.getInteger("bench.calls", 100);

    long fill = System.nanoTime();
    List<String> ids = createPatients(patients);
    long now = System.currentTimeMillis();
    for (int r = 0; r < requests; r++) {
      int from = r * Math.max(1, patients / requests);
      List<String> matched =
          IntStream.range(0, Math.min(matches, patients))
              .mapToObj(i -> ids.get((from + i) % patients))
              .toList();
      String task = "bench-" + UUID.randomUUID();
      ReceivedRequests.insert(repository, task, matched, now, now + r);
    }
    System.out.printf(
        "listing bench: %d patients, %d requests x %d matches ready in %d s%n",
        patients, requests, matches, (System.nanoTime() - fill) / 1_000_000_000L);

    for (int i = 0; i < 10; i++) {
      call();
    }
    // where the time goes: the store reads of one listing, batched (now) and per match (before)
    List<String> shown =
        repository.all(requests).stream().flatMap(r -> r.matches().stream()).toList();
    MatchView view = new MatchView(daos, visibility);
    List<Double> batched = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      long start = System.nanoTime();
      view.read(shown);
      batched.add((System.nanoTime() - start) / 1e6);
    }
    Collections.sort(batched);
    long before = System.nanoTime();
    SystemRequestDetails system = new SystemRequestDetails();
    for (String id : shown) {
      daos.getResourceDao(Patient.class).read(new IdType(id), system);
      daos.getResourceDao(Condition.class)
          .search(
              SearchParameterMap.newSynchronous(Condition.SP_SUBJECT, new ReferenceParam(id)),
              system)
          .getAllResources();
    }
    System.out.printf(
        "listing bench: store reads of one listing (%d matches): batched p50 %.0f ms, max %.0f ms;"
            + " a read and a search per match (before) %d ms%n",
        shown.size(),
        batched.get(batched.size() / 2),
        batched.get(batched.size() - 1),
        (System.nanoTime() - before) / 1_000_000L);
    // where the rest goes, in-process: building the listing (store reads included), then
    // encoding it with HAPI's JSON parser and with ListingJsonWriter
    ApprovalOperationProvider provider = new ApprovalOperationProvider(approvals, view);
    List<Double> build = new ArrayList<>();
    List<Double> hapiEncode = new ArrayList<>();
    List<Double> ownEncode = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      long start = System.nanoTime();
      org.hl7.fhir.r4.model.Parameters listing = provider.requests();
      build.add((System.nanoTime() - start) / 1e6);
      start = System.nanoTime();
      fhirContext.newJsonParser().encodeResourceToString(listing);
      hapiEncode.add((System.nanoTime() - start) / 1e6);
      start = System.nanoTime();
      try (com.fasterxml.jackson.core.JsonGenerator json =
          new com.fasterxml.jackson.core.JsonFactory()
              .createGenerator(java.io.OutputStream.nullOutputStream())) {
        ListingJsonWriter.write(listing, json);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      ownEncode.add((System.nanoTime() - start) / 1e6);
    }
    Collections.sort(build);
    Collections.sort(hapiEncode);
    Collections.sort(ownEncode);
    System.out.printf(
        "listing bench: in-process p50 of 20: build the listing %.0f ms, encode with HAPI %.0f ms,"
            + " with ListingJsonWriter %.0f ms%n",
        build.get(10), hapiEncode.get(10), ownEncode.get(10));
    // the listing as served (ListingJsonWriter) and, interleaved under the same load, the same
    // listing encoded by HAPI (_summary=false leaves it to HAPI): the baseline of this run
    List<Double> millis = new ArrayList<>();
    List<Double> baseline = new ArrayList<>();
    double loadBefore = load();
    for (int i = 0; i < calls; i++) {
      for (boolean hapi : i % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
        long start = System.nanoTime();
        int size = hapi ? call("false") : call(null);
        (hapi ? baseline : millis).add((System.nanoTime() - start) / 1e6);
        assertThat(size).isGreaterThan(requests * matches * 20);
      }
    }
    double loadAfter = load();
    Collections.sort(millis);
    Collections.sort(baseline);
    System.out.printf(
        "listing bench: %d calls, p50 %.0f ms, p95 %.0f ms, max %.0f ms (spread p25-p75 %.0f-%.0f"
            + " ms)%n",
        calls,
        millis.get(calls / 2),
        millis.get((int) Math.ceil(calls * 0.95) - 1),
        millis.get(calls - 1),
        millis.get(calls / 4),
        millis.get(calls * 3 / 4));
    System.out.printf(
        "listing bench: baseline (HAPI's encoder, same run) p50 %.0f ms, p95 %.0f ms, max %.0f ms"
            + " (spread p25-p75 %.0f-%.0f ms); ratio p50 %.2f, p95 %.2f; load %.2f -> %.2f on %d"
            + " cores%n",
        baseline.get(calls / 2),
        baseline.get((int) Math.ceil(calls * 0.95) - 1),
        baseline.get(calls - 1),
        baseline.get(calls / 4),
        baseline.get(calls * 3 / 4),
        millis.get(calls / 2) / baseline.get(calls / 2),
        millis.get((int) Math.ceil(calls * 0.95) - 1)
            / baseline.get((int) Math.ceil(calls * 0.95) - 1),
        loadBefore,
        loadAfter,
        Runtime.getRuntime().availableProcessors());
  }

  private static double load() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private int call() {
    return call(null);
  }

  private int call(String summary) {
    io.restassured.specification.RequestSpecification request = clients.as("approver");
    if (summary != null) {
      request = request.queryParam("_summary", summary);
    }
    return request
        .get("/fhir/$search-requests")
        .then()
        .statusCode(200)
        .extract()
        .asString()
        .length();
  }

  /** Through the DAO, without profile validation (ingest speed is bench/ingest.sh's subject). */
  private List<String> createPatients(int count) {
    SyntheticPatientGenerator generator =
        new SyntheticPatientGenerator(
            UUID.randomUUID().getMostSignificantBits(), "HD", EntryMode.POST, false);
    List<String> ids = new ArrayList<>();
    for (int from = 0; from < count; from += 50) {
      Bundle transaction =
          SyntheticPatientGenerator.merge(
              generator.patients(from, Math.min(50, count - from)).toList());
      SystemRequestDetails request = new SystemRequestDetails();
      Set<Resource> checked = Collections.newSetFromMap(new IdentityHashMap<>());
      transaction.getEntry().forEach(e -> checked.add(e.getResource()));
      request.getUserData().put(CHECKED, Collections.synchronizedSet(checked));
      @SuppressWarnings("unchecked")
      IFhirSystemDao<Bundle, ?> system = (IFhirSystemDao<Bundle, ?>) daos.getSystemDao();
      for (Bundle.BundleEntryComponent entry :
          system.transaction(request, transaction).getEntry()) {
        IdType id = new IdType(entry.getResponse().getLocation());
        if ("Patient".equals(id.getResourceType())) {
          ids.add("Patient/" + id.getIdPart());
        }
      }
    }
    return ids;
  }
}
