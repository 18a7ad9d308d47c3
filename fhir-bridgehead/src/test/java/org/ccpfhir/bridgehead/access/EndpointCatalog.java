package org.ccpfhir.bridgehead.access;

import ca.uhn.fhir.rest.server.ResourceBinding;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.method.BaseMethodBinding;
import ca.uhn.fhir.rest.server.method.OperationMethodBinding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every endpoint the bridgehead registers, as one sample request each: each FHIR interaction and
 * operation of every resource type and of the system level, and every Spring MVC mapping (including
 * Actuator).
 */
final class EndpointCatalog {

  private EndpointCatalog() {}

  /** A sample request. */
  record Probe(String method, String path) {
    String key() {
      return method + " " + path;
    }
  }

  static Set<Probe> probes(RestfulServer fhirServer, ApplicationContext context) {
    Set<Probe> probes = new LinkedHashSet<>(fhirProbes(fhirServer));
    probes.addAll(mvcProbes(context));
    return probes;
  }

  private static List<Probe> fhirProbes(RestfulServer fhirServer) {
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

  private static List<Probe> mvcProbes(ApplicationContext context) {
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
}
