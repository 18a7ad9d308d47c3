package org.ccpfhir.bridgehead.access;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.RestfulServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.bridgehead.access.EndpointCatalog.Probe;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Walks every endpoint the bridgehead registers — each FHIR interaction and operation of every
 * resource type, the system level, and every Spring MVC mapping including Actuator — and calls it
 * without credentials (401 expected) and as every user role the endpoint is not meant for (403
 * expected). Only the endpoints listed in {@link #PUBLIC} answer without credentials. The endpoints
 * refused to those who may post batches are refused as batch and transaction entries too.
 */
class EndpointSecurityIT extends PostgresIT {

  /** The explicitly public endpoints. */
  static final Set<String> PUBLIC =
      Set.of(
          "GET /fhir/metadata",
          "GET /actuator/health",
          "GET /actuator/health/probe",
          "POST /oauth2/token",
          "GET /oauth2/jwks",
          "GET /.well-known/openid-configuration");

  /** Demo user per role (application.yml). */
  static final Map<String, String> USER_OF_ROLE =
      Map.of(
          "admin", "admin",
          "data-manager", "datamanager",
          "site-approver", "approver",
          "researcher", "researcher",
          "linkage-admin", "linkage",
          "biobank", "biobank");

  static final Set<String> EVERY_ROLE = USER_OF_ROLE.keySet();
  static final Set<String> TERMINOLOGY = Set.of("CodeSystem", "ValueSet", "ConceptMap");

  /** The curated definitions served from the classpath: read by every role, changed by nobody. */
  static final Set<String> DEFINITIONS = Set.of("StructureDefinition", "OperationDefinition");

  @Autowired RestfulServer fhirServer;
  @Autowired ApplicationContext context;

  @Test
  void everyEndpointRefusesMissingCredentialsAndWrongRoles() throws Exception {
    Set<Probe> probes = EndpointCatalog.probes(fhirServer, context);
    assertThat(probes).hasSizeGreaterThan(1000);
    HttpClient http = HttpClient.newBuilder().sslContext(clients.sslContext()).build();
    Map<String, String> tokens = new java.util.HashMap<>();
    USER_OF_ROLE.forEach((role, user) -> tokens.put(role, clients.token(user)));

    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    inParallel(
        probes,
        probe -> {
          int anonymous = send(http, probe, null);
          boolean isPublic = PUBLIC.contains(probe.key());
          if (isPublic ? anonymous == 401 || anonymous == 403 : anonymous != 401) {
            failures.add(probe.key() + " without credentials answered " + anonymous);
          }
          if (isPublic) {
            return;
          }
          Set<String> allowed = allowedRoles(probe);
          for (String role : EVERY_ROLE) {
            if (!allowed.contains(role)) {
              int status = send(http, probe, tokens.get(role));
              if (status != 403) {
                failures.add(probe.key() + " as " + role + " answered " + status);
              }
            }
          }
        });
    assertThat(failures).isEmpty();
  }

  /**
   * Data managers and the clinical system's application may post batches and transactions, so every
   * entry must pass the rules its direct request passes: each FHIR endpoint refused to them
   * directly is wrapped as the only entry of a batch and of a transaction, and the whole request
   * must be refused.
   */
  @Test
  void everyEndpointRefusedDirectlyIsRefusedAsABatchOrTransactionEntry() throws Exception {
    HttpClient http = HttpClient.newBuilder().sslContext(clients.sslContext()).build();
    Map<String, String> tokens =
        Map.of(
            "datamanager",
            clients.token("datamanager"),
            "clinical-system",
            clients.applicationToken("clinical-system", "clinical-system-demo"));
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger wrapped = new AtomicInteger();
    List<Probe> fhirProbes =
        EndpointCatalog.probes(fhirServer, context).stream()
            .filter(probe -> probe.path().startsWith("/fhir/"))
            .toList();
    inParallel(
        fhirProbes,
        probe -> {
          for (Map.Entry<String, String> principal : tokens.entrySet()) {
            if (send(http, probe, principal.getValue()) != 403) {
              continue;
            }
            for (BundleType type : List.of(BundleType.BATCH, BundleType.TRANSACTION)) {
              wrapped.incrementAndGet();
              String body = fhirContext.newJsonParser().encodeResourceToString(wrap(probe, type));
              int status = send(http, "POST", "/fhir", principal.getValue(), body);
              if (status != 403) {
                failures.add(
                    probe.key()
                        + " in a "
                        + type.toCode()
                        + " as "
                        + principal.getKey()
                        + ": "
                        + status);
              }
            }
          }
        });
    assertThat(wrapped.get()).isGreaterThan(100);
    assertThat(failures).isEmpty();
  }

  /** A batch or transaction whose only entry is the probe's request. */
  private Bundle wrap(Probe probe, BundleType type) {
    String url = probe.path().substring("/fhir/".length());
    Bundle bundle = new Bundle().setType(type);
    BundleEntryComponent entry = bundle.addEntry();
    entry.getRequest().setMethod(HTTPVerb.fromCode(probe.method())).setUrl(url);
    if (List.of("POST", "PUT", "PATCH").contains(probe.method())) {
      entry.setResource(resourceFor(probe.method(), url));
    }
    return bundle;
  }

  private Resource resourceFor(String method, String url) {
    String[] segments = url.split("/");
    boolean plainType =
        !method.equals("PATCH")
            && fhirContext.getResourceTypes().contains(segments[0])
            && Arrays.stream(segments).noneMatch(s -> s.startsWith("$") || s.startsWith("_"));
    if (!plainType) {
      return new Parameters();
    }
    Resource resource = (Resource) fhirContext.getResourceDefinition(segments[0]).newInstance();
    if (segments.length > 1) {
      resource.setId(segments[1]);
    }
    return resource;
  }

  /** The access policy, written out independently of the rules in the application. */
  static Set<String> allowedRoles(Probe probe) {
    String path = probe.path();
    String last = path.substring(path.lastIndexOf('/') + 1);
    if (path.startsWith("/fhir/AuditEvent")) {
      return Set.of("admin");
    }
    for (String type : DEFINITIONS) {
      if (path.equals("/fhir/" + type) || path.startsWith("/fhir/" + type + "/")) {
        boolean read =
            probe.method().equals("GET") || probe.method().equals("POST") && last.equals("_search");
        return read ? EVERY_ROLE : Set.of();
      }
    }
    for (String type : TERMINOLOGY) {
      if (path.equals("/fhir/" + type) || path.startsWith("/fhir/" + type + "/")) {
        boolean read =
            probe.method().equals("GET")
                || probe.method().equals("POST") && last.startsWith("$")
                // searching the shipped CodeSystems and ValueSets: any signed-in caller
                || probe.method().equals("POST")
                    && last.equals("_search")
                    && !type.equals("ConceptMap");
        return read ? EVERY_ROLE : Set.of("admin");
      }
    }
    for (String type : List.of("Questionnaire", "QuestionnaireResponse")) {
      // forms (FormsAccessRules): data managers and admins define them, the biobank and data
      // managers enter entries, all three read
      if (path.equals("/fhir/" + type) || path.startsWith("/fhir/" + type + "/")) {
        if (probe.method().equals("GET")) {
          return Set.of("biobank", "data-manager", "admin");
        }
        if (probe.method().equals("POST") && path.equals("/fhir/" + type)
            || probe.method().equals("PUT")
                && path.lastIndexOf('/') == ("/fhir/" + type).length()) {
          return type.equals("Questionnaire")
              ? Set.of("data-manager", "admin")
              : Set.of("biobank", "data-manager");
        }
      }
    }
    if (path.equals("/fhir/Specimen") || path.startsWith("/fhir/Specimen/")) {
      // sample management (BiobankAccessRules): the biobank lists, registers and edits samples
      if (probe.method().equals("GET")) {
        return Set.of("biobank", "data-manager", "admin");
      }
      if (probe.method().equals("POST") && path.equals("/fhir/Specimen")
          || probe.method().equals("PUT") && path.lastIndexOf('/') == "/fhir/Specimen".length()) {
        return Set.of("biobank", "data-manager");
      }
    }
    if (probe.method().equals("POST") && path.equals("/fhir/$pseudonymize")
        || probe.method().equals("POST") && path.equals("/fhir/$import-obds")
        || path.equals("/fhir/$local-review-list")
        || probe.method().equals("POST") && path.equals("/fhir/$local-review-decide")
        || probe.method().equals("POST") && path.equals("/fhir/$export-study")
        || probe.method().equals("POST") && path.equals("/fhir/$withdraw")
        || path.equals("/fhir/$withdraw-status")
        || path.equals("/fhir/$withdraw-components")
        || path.equals("/fhir/$withdraw-document")) {
      return Set.of("data-manager");
    }
    if (path.equals("/fhir/$pseudonym-replacements")
        || probe.method().equals("POST") && path.equals("/fhir/$pseudonym-replacement-confirm")) {
      // the CCP applications only (client credentials; no user has the role)
      return Set.of();
    }
    if (path.equals("/fhir/$search-requests")
        || probe.method().equals("POST") && path.equals("/fhir/$search-decide")) {
      return Set.of("site-approver");
    }
    if (probe.method().equals("POST") && path.equals("/fhir/$access-request")
        || path.equals("/fhir/$access-request-export")) {
      return Set.of("data-manager");
    }
    if (path.equals("/fhir/$upload") || path.equals("/fhir/$upload-status")) {
      return Set.of("admin", "data-manager");
    }
    if (path.startsWith("/fhir/$")) {
      return Set.of("admin");
    }
    if (path.equals("/fhir") || path.startsWith("/fhir/")) {
      return probe.method().equals("GET")
          ? Set.of("data-manager", "admin")
          : Set.of("data-manager");
    }
    if (path.equals("/ccp/groups") || path.startsWith("/ccp/groups/")) {
      return Set.of("admin");
    }
    if (path.equals("/ccp/identity") || path.equals("/ccp/terms")) {
      return EVERY_ROLE;
    }
    if (path.startsWith("/actuator") && probe.method().equals("GET")) {
      return Set.of("admin");
    }
    return Set.of();
  }

  /** A check of one probe; the probes are independent of each other. */
  private interface ProbeCheck {
    void run(Probe probe) throws Exception;
  }

  /**
   * Runs the checks four at a time: the thousands of probes are independent, and each request waits
   * for its audit record's commit, so one at a time leaves both cores idle most of the time.
   */
  private static void inParallel(Collection<Probe> probes, ProbeCheck check) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (Probe probe : probes) {
        running.add(
            pool.submit(
                () -> {
                  check.run(probe);
                  return null;
                }));
      }
      for (Future<?> each : running) {
        each.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private int send(HttpClient http, Probe probe, String token) throws Exception {
    return send(http, probe.method(), probe.path(), token, "{}");
  }

  private int send(HttpClient http, String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(clients.root() + path))
            .method(
                method,
                method.equals("GET") || method.equals("DELETE")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/fhir+json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
