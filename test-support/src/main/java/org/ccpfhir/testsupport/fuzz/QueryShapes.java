package org.ccpfhir.testsupport.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Malformed search strings (bad prefixes, dates, encodings, modifiers, chains), operation queries
 * with unknown or mistyped parameters, and paths the firewall or HAPI must refuse (traversal,
 * encoded separators, NUL, unknown types and operations).
 */
final class QueryShapes {

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

  private final Draw draw;
  private final FuzzTarget target;

  QueryShapes(Draw draw, FuzzTarget target) {
    this.draw = draw;
    this.target = target;
  }

  /** Null (nothing drawn) when the target searches nothing. */
  FuzzRequest search() {
    if (target.searches.isEmpty()) {
      return null;
    }
    List<String> types = new ArrayList<>(target.searches.keySet());
    String type = draw.pick(types);
    StringBuilder query = new StringBuilder();
    int parameters = 1 + draw.random.nextInt(3);
    for (int i = 0; i < parameters; i++) {
      List<String> names = target.searches.get(type);
      String name =
          draw.random.nextBoolean() && !names.isEmpty()
              ? draw.pick(names)
              : COMMON_SEARCH[draw.random.nextInt(COMMON_SEARCH.length)];
      query.append(i == 0 ? "?" : "&").append(encodeName(name)).append('=').append(queryValue());
    }
    return draw.request("search", "GET", Draw.fhir(type) + query, null, (String) null);
  }

  /** Null (nothing drawn) when the target has no GET operation. */
  FuzzRequest operationQuery() {
    List<FuzzTarget.Operation> gets = target.operations.stream().filter(o -> !o.post()).toList();
    if (gets.isEmpty()) {
      return null;
    }
    FuzzTarget.Operation operation = draw.pick(gets);
    StringBuilder query = new StringBuilder();
    List<String> names = new ArrayList<>(operation.parameters());
    names.add("unknown");
    int parameters = 1 + draw.random.nextInt(3);
    for (int i = 0; i < parameters; i++) {
      query.append(i == 0 ? "?" : "&").append(encodeName(draw.pick(names))).append('=');
      query.append(queryValue());
    }
    return draw.request(
        "operation-query", "GET", Draw.fhir(operation.path()) + query, null, (String) null);
  }

  FuzzRequest path() {
    String path = PATHS[draw.random.nextInt(PATHS.length)];
    String method = draw.pick(List.of("GET", "GET", "DELETE", "PUT", "POST"));
    String body =
        method.equals("PUT") || method.equals("POST") ? "{\"resourceType\":\"Patient\"}" : null;
    return draw.request("path", method, path, body == null ? null : "application/fhir+json", body);
  }

  String queryValue() {
    return draw.random.nextInt(8) == 0
        ? URLEncoder.encode(draw.string(), StandardCharsets.UTF_8)
        : QUERY_VALUES[draw.random.nextInt(QUERY_VALUES.length)];
  }

  String commonSearchName() {
    return draw.pick(List.of(COMMON_SEARCH));
  }

  static String encodeName(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("%3A", ":");
  }
}
