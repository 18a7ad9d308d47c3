package org.ccpfhir.security.testsupport.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded generator of hostile requests against one app ({@link FuzzTarget}): operation Parameters
 * with nameless, valueless, repeated, unknown or mistyped entries; mutations of valid bodies
 * (dropped, duplicated, retyped and nulled fields, huge numbers, bad dates, unknown entry methods,
 * bad references); malformed search strings; paths the firewall or HAPI must refuse; XML bodies
 * (malformed, DOCTYPE, external entities); form posts. Plain Java with {@link Random}: the same
 * seed gives the same requests, so a failure printed with its seed and index replays.
 *
 * <p>Shapes that expose findings owned by other work are not generated yet (each named where it
 * would be): batch Bundles with GET entries (issue 16, finding 1: rules per batch entry),
 * concurrent re-sends (finding 5; requests here are sequential), bodies beyond a few hundred KB,
 * many duplicated entries or entity expansion (finding 2: limits, OutOfMemoryError), and many
 * distinct long user names at the login (finding 3: the login brake keeps every name).
 */
public final class HostileRequests {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Finding 2 (limits, OOM) is not this generator's: bodies stay below this size. */
  static final int MAX_BODY = 256 * 1024;

  private static final String[] SHAPES = {
    "parameters",
    "parameters",
    "parameters",
    "body-mutation",
    "body-mutation",
    "body-mutation",
    "search",
    "search",
    "operation-query",
    "path",
    "xml",
    "form",
    "junk-body"
  };

  private static final String[] VALUE_TYPES = {
    "valueString",
    "valueCode",
    "valueInteger",
    "valueBoolean",
    "valueDate",
    "valueDateTime",
    "valueDecimal",
    "valueBase64Binary",
    "valueIdentifier",
    "valueReference",
    "valueAttachment",
    "valueCoding",
    "valueUri",
    "resource",
    "part"
  };

  private static final String[] STRINGS = {
    "",
    " ",
    "x",
    "BK-L",
    "BK-G",
    "HD",
    "TUE",
    "0",
    "-1",
    "2020-01-01",
    "2020-13-45",
    "1.5",
    "true",
    "null",
    "AR-AAAAAAAAAAAAAAAA",
    "Patient/1",
    "Group/1",
    "urn:uuid:1",
    "../../x",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\u00fc\u00e4\u00f6\u00df",
    "\uD83D\uDE00",
    "\u202Eevil",
    "a\tb\nc",
    "%00",
    "\\",
    "{}",
    "[]"
  };

  private static final String[] QUERY_VALUES = {
    "x",
    "",
    "-1",
    "0",
    "99999999999999999999",
    "1e309",
    "2020-13-45",
    "zz2020-01-01",
    "gt2020-13-45",
    "eq",
    "ap",
    "le2020",
    "2020-02-30T25:61:61Z",
    "%00",
    "a%00b",
    "%FF%FE",
    "%C3%BC",
    "a%2Fb",
    "Patient%2F..%2Fx",
    "%7C",
    "a%7Cb%7Cc",
    "*",
    "%5B%5D",
    "%7B%7D",
    "null",
    "true",
    "urn:uuid:x",
    "Patient/",
    "..%2F..%2Fetc%2Fpasswd",
    "%27%20OR%201%3D1--",
    "%3Cscript%3E",
    "1,2,3",
    "-_id",
    "name:contains",
    "9223372036854775808"
  };

  private static final String[] COMMON_SEARCH = {
    "_id",
    "_count",
    "_sort",
    "_include",
    "_revinclude",
    "_summary",
    "_elements",
    "_filter",
    "_has:Observation:subject:code",
    "_lastUpdated",
    "_total",
    "_format",
    "_pretty",
    "_contained",
    "_offset",
    "_tag:not",
    "identifier:of-type",
    "birthdate:missing",
    "subject:Patient.name",
    "name:exact",
    "unknown-param",
    "_text",
    "_content",
    "_list"
  };

  private static final String[] PATHS = {
    "/index.html/../fhir/Patient",
    "/fhir/../fhir/Patient",
    "/fhir//Patient",
    "/fhir/Patient/..",
    "/fhir/Patient/%2e%2e/Observation",
    "/fhir/Patient%2FObservation",
    "/fhir/Patient;x=1",
    "/fhir/Patient/%00",
    "/fhir/Patient/%FF",
    "/fhir/$does-not-exist",
    "/fhir/Patient/$nope",
    "/fhir/Patient/x/_history/y",
    "/fhir/Patient/_history/1",
    "/fhir/NotAType/1",
    "/fhir/Patient/" + "9".repeat(40),
    "/fhir/Patient/a%20b",
    "/fhir/%24pseudonymize",
    "/fhir/metadata/x",
    "/fhir/Patient/1/$everything",
    "/fhir/_history",
    "/fhir/Patient/./1",
    "/fhir/Patient/%5C..%5C",
    "/fhir/Patient/1/_history/1/x",
    "/fhir/Patient?_format=%FF",
    "/fhir/Patient/1?_elements=%00",
    "/fhir/Patient?_count=-1",
    "/fhir/Patient?_count=x",
    "/fhir/Patient?_sort=%00",
    "/fhir/Patient/1/Observation",
    "/fhir/Patient/%252e%252e"
  };

  private static final String[] METHODS = {"FOO", "", "post", "TRACE", "CONNECT", "PUSH"};

  private final long seed;
  private final Random random;
  private final FuzzTarget target;
  private long index;

  public HostileRequests(long seed, FuzzTarget target) {
    this.seed = seed;
    this.random = new Random(seed);
    this.target = target;
  }

  public long seed() {
    return seed;
  }

  /** The next request; deterministic for the seed and the number of requests drawn before. */
  public FuzzRequest next() {
    String shape = SHAPES[random.nextInt(SHAPES.length)];
    FuzzRequest request =
        switch (shape) {
          case "parameters" -> parameters();
          case "body-mutation" -> bodyMutation();
          case "search" -> search();
          case "operation-query" -> operationQuery();
          case "path" -> path();
          case "xml" -> xml();
          case "form" -> form();
          default -> junkBody();
        };
    index++;
    return request;
  }

  // ---------------------------------------------------------------- operation Parameters

  private FuzzRequest parameters() {
    List<FuzzTarget.Operation> posts =
        target.operations.stream().filter(FuzzTarget.Operation::post).toList();
    if (posts.isEmpty()) {
      return junkBody();
    }
    FuzzTarget.Operation operation = pick(posts);
    ObjectNode body = NODES.objectNode().put("resourceType", "Parameters");
    ArrayNode parameters = body.putArray("parameter");
    for (String name : operation.parameters()) {
      if (random.nextInt(4) > 0) {
        parameters.add(parameter(name, 0));
      }
    }
    int mutations = 1 + random.nextInt(3);
    for (int i = 0; i < mutations; i++) {
      mutateParameters(body, parameters, operation.parameters());
    }
    return request("parameters", "POST", fhir(operation.path()), "application/fhir+json", body);
  }

  private ObjectNode parameter(String name, int depth) {
    ObjectNode parameter = NODES.objectNode().put("name", name);
    String type = VALUE_TYPES[random.nextInt(VALUE_TYPES.length)];
    switch (type) {
      case "resource" -> parameter.set("resource", resource());
      case "part" -> {
        ArrayNode parts = parameter.putArray("part");
        if (depth < 2) {
          parts.add(parameter(pick(List.of("target", "pseudonym", "value", "x")), depth + 1));
        }
      }
      case "valueInteger" -> parameter.set(type, number());
      case "valueBoolean" -> parameter.put(type, random.nextBoolean());
      case "valueDecimal" -> parameter.set(type, number());
      case "valueIdentifier" ->
          parameter.putObject(type).put("system", string()).put("value", string());
      case "valueReference" -> parameter.putObject(type).put("reference", string());
      case "valueAttachment" ->
          parameter.putObject(type).put("contentType", "application/xml").put("data", "PGEvPg==");
      case "valueCoding" -> parameter.putObject(type).put("system", string()).put("code", string());
      default -> parameter.put(type, string());
    }
    return parameter;
  }

  private ObjectNode resource() {
    return switch (random.nextInt(6)) {
      case 0 ->
          NODES
              .objectNode()
              .put("resourceType", "Patient")
              .put("birthDate", pick(List.of("1970-01-01", "1970", "2020-13-45", "")))
              .set(
                  "name",
                  NODES
                      .arrayNode()
                      .add(
                          NODES
                              .objectNode()
                              .put("family", string())
                              .set("given", NODES.arrayNode().add(string()))));
      case 1 -> {
        ObjectNode patient = NODES.objectNode().put("resourceType", "Patient");
        patient.putObject("_birthDate").putArray("extension").addObject().put("url", "x");
        yield patient;
      }
      case 2 -> {
        ObjectNode patient = NODES.objectNode().put("resourceType", "Patient");
        patient.putArray("extension").addNull();
        yield patient;
      }
      case 3 -> NODES.objectNode().put("resourceType", "Bundle").put("type", "collection");
      case 4 -> NODES.objectNode().put("resourceType", "Observation").put("status", "x");
      default -> NODES.objectNode().put("resourceType", "Parameters");
    };
  }

  private void mutateParameters(ObjectNode body, ArrayNode parameters, List<String> names) {
    int size = parameters.size();
    switch (random.nextInt(12)) {
      case 0 -> parameters.add(NODES.objectNode().put("valueString", string())); // no name
      case 1 -> parameters.add(NODES.objectNode().put("name", pickOr(names, "target"))); // no value
      case 2 -> {
        if (size > 0) {
          parameters.add(parameters.get(random.nextInt(size)).deepCopy()); // duplicate
        }
      }
      case 3 -> parameters.add(parameter("unknown-" + random.nextInt(3), 0));
      case 4 -> parameters.addNull();
      case 5 -> body.put("parameter", string()); // not an array
      case 6 -> body.putObject("parameter").put("name", pickOr(names, "x"));
      case 7 -> {
        if (size > 0 && parameters.get(random.nextInt(size)) instanceof ObjectNode p) {
          p.remove("name");
        }
      }
      case 8 -> parameters.add(parameter(pickOr(names, "x"), 0).put("name", ""));
      case 9 -> {
        ObjectNode nested = parameters.addObject().put("name", pickOr(names, "x"));
        nested.putArray("part").addObject().put("valueString", "x"); // nameless part
      }
      case 10 -> {
        ObjectNode both = parameter(pickOr(names, "x"), 0);
        both.set("resource", resource());
        both.put("valueString", string()); // value and resource
        parameters.add(both);
      }
      default -> parameters.add(parameter(pickOr(names, "x"), 0).put("valueString", huge()));
    }
  }

  // ---------------------------------------------------------------- body mutations

  private FuzzRequest bodyMutation() {
    if (target.validBodies.isEmpty() || target.bodyPaths.isEmpty()) {
      return junkBody();
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(pick(target.validBodies));
    } catch (Exception e) {
      throw new IllegalStateException("a valid body of the target is not JSON", e);
    }
    int mutations = 1 + random.nextInt(3);
    for (int i = 0; i < mutations; i++) {
      mutate(tree);
    }
    String type = tree.path("resourceType").asText("");
    String path =
        type.equals("Bundle") && target.bodyPaths.contains("")
            ? ""
            : target.bodyPaths.contains(type) ? type : pick(target.bodyPaths);
    return request("body-mutation", "POST", fhir(path), "application/fhir+json", tree);
  }

  private void mutate(JsonNode root) {
    List<Slot> slots = new ArrayList<>();
    collect(root, slots, 0);
    if (slots.isEmpty()) {
      return;
    }
    Slot slot = slots.get(random.nextInt(slots.size()));
    JsonNode current = slot.get();
    switch (random.nextInt(11)) {
      case 0 -> slot.remove();
      case 1 -> slot.set(NODES.nullNode());
      case 2 -> slot.set(retyped(current));
      case 3 -> slot.set(number());
      case 4 -> slot.set(NODES.textNode(pick(List.of("2020-13-45", "2020-02-30", "0000", "x"))));
      case 5 -> {
        // finding 2 (entry limits) is not ours: one duplicate, never a flood
        if (slot.parent instanceof ArrayNode array && array.size() < 500) {
          array.add(current.deepCopy());
        } else {
          slot.set(NODES.arrayNode().add(current.deepCopy()));
        }
      }
      case 6 -> mutateNamed(root, "method", NODES.textNode(pick(List.of(METHODS))));
      case 7 ->
          mutateNamed(
              root,
              "reference",
              NODES.textNode(
                  pick(List.of("Patient/", "urn:uuid:missing", "../x", "Foo/1", "#x", "", "/"))));
      case 8 -> slot.set(NODES.textNode(huge()));
      case 9 -> mutateNamed(root, "resourceType", NODES.textNode(pick(List.of("Foo", "", "Task"))));
      default -> {
        if (current instanceof ObjectNode object) {
          object.putArray("extension").addNull();
        } else {
          slot.set(NODES.objectNode());
        }
      }
    }
  }

  /** Sets every field {@code name} in the tree (first 3 found) to {@code value}. */
  private void mutateNamed(JsonNode root, String name, JsonNode value) {
    List<Slot> slots = new ArrayList<>();
    collect(root, slots, 0);
    int changed = 0;
    for (Slot slot : slots) {
      if (name.equals(slot.field) && changed < 3 && random.nextBoolean()) {
        // finding 1 (rules per batch entry) is not ours: never turn entries into GETs
        slot.set(value);
        changed++;
      }
    }
  }

  private JsonNode retyped(JsonNode node) {
    if (node.isTextual()) {
      return random.nextBoolean() ? number() : NODES.objectNode().put("value", node.asText());
    }
    if (node.isNumber() || node.isBoolean()) {
      return NODES.textNode(node.asText() + "x");
    }
    if (node.isArray()) {
      return node.isEmpty() ? NODES.textNode("x") : node.get(0).deepCopy();
    }
    if (node.isObject()) {
      return NODES.arrayNode().add(node.deepCopy()).add(NODES.textNode("x"));
    }
    return NODES.booleanNode(true);
  }

  private JsonNode number() {
    return switch (random.nextInt(6)) {
      case 0 -> NODES.numberNode(new java.math.BigInteger("99999999999999999999999999"));
      case 1 -> NODES.numberNode(-1);
      case 2 -> NODES.numberNode(Long.MAX_VALUE);
      case 3 -> NODES.numberNode(new java.math.BigDecimal("1e400"));
      case 4 -> NODES.numberNode(0.000001);
      default -> NODES.numberNode(Integer.MIN_VALUE);
    };
  }

  private record Slot(JsonNode parent, String field, int index) {
    JsonNode get() {
      return field != null ? parent.get(field) : parent.get(index);
    }

    void set(JsonNode value) {
      if (field != null) {
        ((ObjectNode) parent).set(field, value);
      } else {
        ((ArrayNode) parent).set(index, value);
      }
    }

    void remove() {
      if (field != null) {
        ((ObjectNode) parent).remove(field);
      } else {
        ((ArrayNode) parent).remove(index);
      }
    }
  }

  private static void collect(JsonNode node, List<Slot> slots, int depth) {
    if (depth > 40) {
      return;
    }
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        slots.add(new Slot(object, field.getKey(), -1));
        collect(field.getValue(), slots, depth + 1);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        slots.add(new Slot(array, null, i));
        collect(array.get(i), slots, depth + 1);
      }
    }
  }

  // ---------------------------------------------------------------- searches, queries, paths

  private FuzzRequest search() {
    if (target.searches.isEmpty()) {
      return path();
    }
    List<String> types = new ArrayList<>(target.searches.keySet());
    String type = pick(types);
    StringBuilder query = new StringBuilder();
    int parameters = 1 + random.nextInt(3);
    for (int i = 0; i < parameters; i++) {
      List<String> names = target.searches.get(type);
      String name =
          random.nextBoolean() && !names.isEmpty()
              ? pick(names)
              : COMMON_SEARCH[random.nextInt(COMMON_SEARCH.length)];
      query.append(i == 0 ? "?" : "&").append(encodeName(name)).append('=').append(queryValue());
    }
    return request("search", "GET", fhir(type) + query, null, (String) null);
  }

  private FuzzRequest operationQuery() {
    List<FuzzTarget.Operation> gets = target.operations.stream().filter(o -> !o.post()).toList();
    if (gets.isEmpty()) {
      return search();
    }
    FuzzTarget.Operation operation = pick(gets);
    StringBuilder query = new StringBuilder();
    List<String> names = new ArrayList<>(operation.parameters());
    names.add("unknown");
    int parameters = 1 + random.nextInt(3);
    for (int i = 0; i < parameters; i++) {
      query.append(i == 0 ? "?" : "&").append(encodeName(pick(names))).append('=');
      query.append(queryValue());
    }
    return request("operation-query", "GET", fhir(operation.path()) + query, null, (String) null);
  }

  private String queryValue() {
    return random.nextInt(8) == 0
        ? URLEncoder.encode(string(), StandardCharsets.UTF_8)
        : QUERY_VALUES[random.nextInt(QUERY_VALUES.length)];
  }

  private static String encodeName(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("%3A", ":");
  }

  private FuzzRequest path() {
    String path = PATHS[random.nextInt(PATHS.length)];
    String method = pick(List.of("GET", "GET", "DELETE", "PUT", "POST"));
    String body =
        method.equals("PUT") || method.equals("POST") ? "{\"resourceType\":\"Patient\"}" : null;
    return request("path", method, path, body == null ? null : "application/fhir+json", body);
  }

  // ---------------------------------------------------------------- XML, forms, junk

  private FuzzRequest xml() {
    String body =
        switch (random.nextInt(9)) {
          case 0 ->
              "<Parameters xmlns=\"http://hl7.org/fhir\"><parameter><valueString value=\"x\"/>"
                  + "</parameter></Parameters>";
          case 1 ->
              "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                  + "<Patient xmlns=\"http://hl7.org/fhir\"><id value=\"&x;\"/></Patient>";
          case 2 -> "<Patient xmlns=\"http://hl7.org/fhir\"><birthDate value=\"2020-13-45\"/>";
          case 3 -> "<Patient xmlns=\"urn:not-fhir\"><gender value=\"x\"/></Patient>";
          case 4 ->
              "<Bundle xmlns=\"http://hl7.org/fhir\"><type value=\"transaction\"/><entry>"
                  + "<request><method value=\"FOO\"/><url value=\"Patient\"/></request></entry></Bundle>";
          case 5 ->
              "<?xml version=\"1.0\" encoding=\"UTF-16\"?><Patient xmlns=\"http://hl7.org/fhir\"/>";
          case 6 -> "<![CDATA[x]]>";
          case 7 ->
              "<Parameters xmlns=\"http://hl7.org/fhir\"><parameter><name value=\"target\"/>"
                  + "</parameter></Parameters>";
          // finding 2 (bounded memory) is not ours: internal entities, never nested expansion
          default ->
              "<!DOCTYPE r [<!ENTITY a \"aaaa\">]><Patient xmlns=\"http://hl7.org/fhir\">"
                  + "<id value=\"&a;\"/></Patient>";
        };
    String path = xmlPath();
    return request("xml", "POST", fhir(path), "application/fhir+xml", body);
  }

  private String xmlPath() {
    List<String> paths = new ArrayList<>(target.bodyPaths);
    target.operations.stream().filter(FuzzTarget.Operation::post).forEach(o -> paths.add(o.path()));
    return paths.isEmpty() ? "" : pick(paths);
  }

  private FuzzRequest form() {
    if (!target.formPaths.isEmpty() && random.nextBoolean()) {
      // finding 3 (login brake keeps every failed name): a few short names only
      String body =
          "grant_type="
              + pick(List.of("password", "client_credentials", "x", "", "password%00"))
              + "&username="
              + pick(List.of("fuzz", "admin", "", "%00", "a%26b"))
              + "&password="
              + pick(List.of("x", "", "%FF"))
              + (random.nextBoolean() ? "&client_id=" + pick(List.of("x", "", "prometheus")) : "");
      return request(
          "form", "POST", pick(target.formPaths), "application/x-www-form-urlencoded", body);
    }
    String type =
        target.searches.isEmpty() ? "Patient" : pick(new ArrayList<>(target.searches.keySet()));
    String body =
        encodeName(pick(List.of(COMMON_SEARCH)))
            + "="
            + queryValue()
            + (random.nextBoolean() ? "&" + queryValue() : "");
    return request(
        "form", "POST", fhir(type + "/_search"), "application/x-www-form-urlencoded", body);
  }

  private FuzzRequest junkBody() {
    String body =
        switch (random.nextInt(8)) {
          case 0 -> "";
          case 1 -> "null";
          case 2 -> "[]";
          case 3 -> "{\"resourceType\":";
          case 4 ->
              "{\"resourceType\":\""
                  + pick(List.of("Parameters", "Bundle", "Task", "Foo"))
                  + "\",\"x\":1}";
          case 5 -> huge();
          case 6 -> "{\"resourceType\":\"Parameters\",\"parameter\":[" + "{},".repeat(5) + "{}]}";
          default -> "\u0000\u0001\u00ff{";
        };
    String contentType =
        pick(
            List.of(
                "application/fhir+json",
                "application/json",
                "text/plain",
                "application/octet-stream"));
    return request("junk-body", "POST", fhir(xmlPath()), contentType, body);
  }

  // ---------------------------------------------------------------- helpers

  private String string() {
    return STRINGS[random.nextInt(STRINGS.length)];
  }

  private String huge() {
    return "x".repeat(1000 + random.nextInt(20_000));
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private String pickOr(List<String> values, String fallback) {
    return values.isEmpty() ? fallback : pick(values);
  }

  private static String fhir(String path) {
    return path.isEmpty() ? "/fhir" : "/fhir/" + path;
  }

  private FuzzRequest request(
      String shape, String method, String path, String contentType, JsonNode body) {
    String text;
    try {
      text = JSON.writeValueAsString(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return request(shape, method, path, contentType, text);
  }

  private FuzzRequest request(
      String shape, String method, String path, String contentType, String body) {
    String bounded = body != null && body.length() > MAX_BODY ? body.substring(0, MAX_BODY) : body;
    return new FuzzRequest(index, shape, method, path, contentType, bounded);
  }
}
