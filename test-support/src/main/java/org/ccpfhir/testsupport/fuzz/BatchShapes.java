package org.ccpfhir.testsupport.fuzz;

import static org.ccpfhir.testsupport.fuzz.Draw.NODES;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Batch and transaction Bundles whose entries GET, POST or DELETE what the caller may not reach
 * directly ({@link FuzzTarget#protectedEntry}: the audit trail, another role's operations), mixed
 * with an entry the caller may make. Issue 16, finding 1: every access rule applies to every entry
 * as to the direct request, so the app refuses the Bundle or each protected entry (4xx) and never
 * answers an AuditEvent ({@link FuzzRequest.Expect#ENTRIES_REFUSED}). Drawn only when {@link
 * HostileRequests#BATCH_ENTRY_RULES} is on.
 */
final class BatchShapes {

  private final Draw draw;
  private final FuzzTarget target;

  BatchShapes(Draw draw, FuzzTarget target) {
    this.draw = draw;
    this.target = target;
  }

  /** Null (nothing drawn) when the target names no protected entry. */
  FuzzRequest next() {
    if (target.protectedEntries.isEmpty()) {
      return null;
    }
    String type = draw.pick(List.of("batch", "transaction"));
    ObjectNode bundle = NODES.objectNode().put("resourceType", "Bundle").put("type", type);
    ArrayNode entries = bundle.putArray("entry");
    int count = 1 + draw.random.nextInt(3);
    for (int i = 0; i < count; i++) {
      FuzzTarget.Entry entry = draw.pick(target.protectedEntries);
      ObjectNode node = entries.addObject();
      if (entry.method().equals("POST") || entry.method().equals("PUT")) {
        node.put("fullUrl", "urn:uuid:00000000-0000-0000-0000-00000000000" + i);
        node.set("resource", resourceFor(entry.url()));
      }
      node.putObject("request").put("method", entry.method()).put("url", entry.url());
    }
    return draw.expecting(
        FuzzRequest.Expect.ENTRIES_REFUSED,
        "batch-entries",
        "POST",
        Draw.fhir(""),
        "application/fhir+json",
        Draw.text(bundle));
  }

  private ObjectNode resourceFor(String url) {
    String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
    if (path.startsWith("$") || path.contains("/$")) {
      ObjectNode parameters = NODES.objectNode().put("resourceType", "Parameters");
      parameters.putArray("parameter").addObject().put("name", "x").put("valueString", "x");
      return parameters;
    }
    String type = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
    ObjectNode resource = NODES.objectNode().put("resourceType", type);
    if (type.equals("AuditEvent")) {
      // a plausible record: refused for the caller's role, not for its content
      resource.putObject("type").put("system", "http://dicom.nema.org/resources/ontology/DCM");
      resource.put("recorded", "2026-01-01T00:00:00Z");
      resource.putArray("agent").addObject().put("requestor", true);
      resource.putObject("source").putObject("observer").put("display", "fuzz");
    }
    return resource;
  }
}
