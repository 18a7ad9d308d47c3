package org.ccpfhir.bridgehead.access;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.ResourceBinding;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.method.BaseMethodBinding;
import ca.uhn.fhir.rest.server.method.OperationMethodBinding;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.ccpfhir.bridgehead.PostgresIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Walks every endpoint the bridgehead registers — each FHIR interaction and operation of every
 * resource type, the system level, and every Spring MVC mapping including Actuator — and calls it
 * without credentials (401 expected) and as every user role the endpoint is not meant for (403
 * expected). Only the endpoints listed in {@link #PUBLIC} answer without credentials.
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
          "linkage-admin", "linkage");

  static final Set<String> EVERY_ROLE = USER_OF_ROLE.keySet();
  static final Set<String> TERMINOLOGY = Set.of("CodeSystem", "ValueSet", "ConceptMap");

  @Autowired RestfulServer fhirServer;
  @Autowired ApplicationContext context;

  record Probe(String method, String path) {
    String key() {
      return method + " " + path;
    }
  }

  @Test
  void everyEndpointRefusesMissingCredentialsAndWrongRoles() throws Exception {
    Set<Probe> probes = new LinkedHashSet<>(fhirProbes());
    probes.addAll(mvcProbes());
    assertThat(probes).hasSizeGreaterThan(1000);
    HttpClient http = HttpClient.newBuilder().sslContext(trustingNetworkCa()).build();
    Map<String, String> tokens = new java.util.HashMap<>();
    USER_OF_ROLE.forEach((role, user) -> tokens.put(role, clients.token(user)));

    List<String> failures = new ArrayList<>();
    for (Probe probe : probes) {
      int anonymous = send(http, probe, null);
      boolean isPublic = PUBLIC.contains(probe.key());
      if (isPublic ? anonymous == 401 || anonymous == 403 : anonymous != 401) {
        failures.add(probe.key() + " without credentials answered " + anonymous);
      }
      if (isPublic) {
        continue;
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
    }
    assertThat(failures).isEmpty();
  }

  /** The access policy, written out independently of the rules in the application. */
  static Set<String> allowedRoles(Probe probe) {
    String path = probe.path();
    String last = path.substring(path.lastIndexOf('/') + 1);
    if (path.startsWith("/fhir/AuditEvent")) {
      return Set.of("admin");
    }
    for (String type : TERMINOLOGY) {
      if (path.equals("/fhir/" + type) || path.startsWith("/fhir/" + type + "/")) {
        boolean read =
            probe.method().equals("GET") || (probe.method().equals("POST") && last.startsWith("$"));
        return read ? EVERY_ROLE : Set.of("admin");
      }
    }
    if (path.startsWith("/fhir/$")) {
      return Set.of("admin");
    }
    if (path.equals("/fhir") || path.startsWith("/fhir/")) {
      return probe.method().equals("GET")
          ? Set.of("data-manager", "admin")
          : Set.of("data-manager");
    }
    if (path.equals("/ccp/identity")) {
      return EVERY_ROLE;
    }
    if (path.startsWith("/actuator") && probe.method().equals("GET")) {
      return Set.of("admin");
    }
    return Set.of();
  }

  private List<Probe> fhirProbes() {
    List<Probe> probes = new ArrayList<>();
    probes.add(new Probe("GET", "/fhir/metadata"));
    for (ResourceBinding binding : fhirServer.getResourceBindings()) {
      String type = "/fhir/" + binding.getResourceName();
      for (BaseMethodBinding method : binding.getMethodBindings()) {
        probes.addAll(probesFor(method, type));
      }
    }
    for (BaseMethodBinding method : fhirServer.getServerBindings()) {
      probes.addAll(probesFor(method, "/fhir"));
    }
    return probes;
  }

  private static List<Probe> probesFor(BaseMethodBinding method, String type) {
    String instance = type + "/probe-1";
    if (method instanceof OperationMethodBinding operation) {
      List<Probe> probes = new ArrayList<>();
      String name = operation.getName();
      if (operation.isCanOperateAtTypeLevel() || operation.isCanOperateAtServerLevel()) {
        probes.add(new Probe("GET", type + "/" + name));
        probes.add(new Probe("POST", type + "/" + name));
      }
      if (operation.isCanOperateAtInstanceLevel()) {
        probes.add(new Probe("GET", instance + "/" + name));
        probes.add(new Probe("POST", instance + "/" + name));
      }
      return probes;
    }
    return switch (method.getRestOperationType()) {
      case READ -> List.of(new Probe("GET", instance));
      case VREAD -> List.of(new Probe("GET", instance + "/_history/1"));
      case SEARCH_TYPE, SEARCH_SYSTEM ->
          List.of(new Probe("GET", type), new Probe("POST", type + "/_search"));
      case CREATE -> List.of(new Probe("POST", type));
      case UPDATE -> List.of(new Probe("PUT", instance));
      case DELETE -> List.of(new Probe("DELETE", instance));
      case PATCH -> List.of(new Probe("PATCH", instance));
      case HISTORY_TYPE, HISTORY_SYSTEM -> List.of(new Probe("GET", type + "/_history"));
      case HISTORY_INSTANCE -> List.of(new Probe("GET", instance + "/_history"));
      case TRANSACTION, BATCH -> List.of(new Probe("POST", type));
      case VALIDATE -> List.of(new Probe("POST", type + "/$validate"));
      case METADATA -> List.of(new Probe("GET", "/fhir/metadata"));
      default -> List.of(new Probe("GET", type), new Probe("POST", type));
    };
  }

  private List<Probe> mvcProbes() {
    List<Probe> probes = new ArrayList<>();
    for (RequestMappingInfoHandlerMapping mapping :
        context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
      for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
        Set<String> methods = new LinkedHashSet<>();
        info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
        if (methods.isEmpty()) {
          methods.addAll(List.of("GET", "POST"));
        }
        for (String pattern : info.getPatternValues()) {
          String path = pattern.replaceAll("\\{\\*?[^}]*}", "probe").replace("**", "probe");
          methods.forEach(m -> probes.add(new Probe(m, path)));
        }
      }
    }
    return probes;
  }

  private int send(HttpClient http, Probe probe, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(clients.root() + probe.path()))
            .method(
                probe.method(),
                probe.method().equals("GET") || probe.method().equals("DELETE")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString("{}"))
            .header("Content-Type", "application/fhir+json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private SSLContext trustingNetworkCa() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("network-ca", tls.caCertificate());
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, factory.getTrustManagers(), null);
    return ssl;
  }
}
