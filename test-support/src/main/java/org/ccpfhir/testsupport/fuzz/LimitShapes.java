package org.ccpfhir.testsupport.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * Requests over the request limits ({@code ccp.limits.*}, issue 16 findings 2 and 3), each of which
 * the app must refuse whole (4xx with an OperationOutcome) without parsing or remembering it:
 * bodies over the FHIR body size, strings over the string length, Bundles with more entries and
 * Parameters with more entries than allowed, JSON and XML nested deeper than allowed, XML entity
 * expansion (billion laughs, quadratic blow-up: refused, never expanded), a few MB of junk, and
 * distinct long user names at the token endpoint. Sizes are a little over the default limits, so
 * the apps under test must run with the defaults.
 *
 * <p>Bodies of a MB or more are capped per generator ({@link #BIG_BODIES}): the build's runs stay
 * quick, and a longer run (bench/fuzz.sh) still sends them in every app.
 */
final class LimitShapes {

  /** Bodies of a MB or more per generator; beyond that the big shapes send an entry flood. */
  static final int BIG_BODIES = 6;

  /** Just over the defaults of {@code LimitsProperties} (security), which the apps run with. */
  static final int FHIR_BODY = 8 * 1024 * 1024;

  static final int STRING_LENGTH = 4 * 1024 * 1024;
  static final int BUNDLE_ENTRIES = 5000;
  static final int PARAMETERS = 1000;
  static final int NESTING_DEPTH = 100;
  static final int LOGIN_NAME_LENGTH = 256;

  private static final String[] BIG_KINDS = {"oversized-body", "long-string", "big-junk"};

  private static final String[] KINDS = {
    "big-body",
    "big-body",
    "big-body",
    "entry-flood",
    "entry-flood",
    "parameter-flood",
    "deep-json",
    "deep-xml",
    "entity-expansion",
    "entity-expansion",
    "login-names",
    "login-names"
  };

  private final Draw draw;
  private final FuzzTarget target;
  private int bigBodies;

  LimitShapes(Draw draw, FuzzTarget target) {
    this.draw = draw;
    this.target = target;
  }

  FuzzRequest next() {
    String kind = KINDS[draw.random.nextInt(KINDS.length)];
    if (kind.equals("big-body")) {
      // in turn, so that a short run sends each kind once
      kind = bigBodies < BIG_BODIES ? BIG_KINDS[bigBodies++ % BIG_KINDS.length] : "entry-flood";
    }
    return switch (kind) {
      case "oversized-body" ->
          refused(
              kind,
              jsonPath(),
              "application/fhir+json",
              patientWithText(FHIR_BODY + more(1 << 20)));
      case "long-string" ->
          refused(
              kind,
              jsonPath(),
              "application/fhir+json",
              patientWithText(STRING_LENGTH + more(1 << 20)));
      case "big-junk" ->
          refused(
              kind,
              jsonPath(),
              draw.pick(List.of("application/fhir+json", "application/fhir+xml")),
              "{[<".repeat((1 << 20) / 3 + more(1 << 20)));
      case "parameter-flood" -> parameterFlood();
      case "deep-json" -> deepJson();
      case "deep-xml" -> deepXml();
      case "entity-expansion" -> entityExpansion();
      case "login-names" -> loginName();
      default -> entryFlood();
    };
  }

  private FuzzRequest entryFlood() {
    int entries = BUNDLE_ENTRIES + 1 + draw.random.nextInt(BUNDLE_ENTRIES / 5);
    StringBuilder body =
        new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"")
            .append(draw.pick(List.of("transaction", "batch", "collection")))
            .append("\",\"entry\":[");
    // the same entry over and over, as a client that re-sends a list would
    String entry =
        "{\"fullUrl\":\"urn:uuid:1\",\"resource\":{\"resourceType\":\"Patient\"},"
            + "\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}}";
    for (int i = 0; i < entries; i++) {
      body.append(i == 0 ? "" : ",").append(entry);
    }
    body.append("]}");
    String path = target.bodyPaths.contains("") ? "" : jsonPath();
    return refused("entry-flood", path, "application/fhir+json", body.toString());
  }

  private FuzzRequest parameterFlood() {
    List<FuzzTarget.Operation> posts =
        target.operations.stream().filter(FuzzTarget.Operation::post).toList();
    if (posts.isEmpty()) {
      return entryFlood();
    }
    FuzzTarget.Operation operation = draw.pick(posts);
    String name = draw.pickOr(operation.parameters(), "x");
    int count = PARAMETERS + 1 + draw.random.nextInt(PARAMETERS);
    StringBuilder body = new StringBuilder("{\"resourceType\":\"Parameters\",\"parameter\":[");
    for (int i = 0; i < count; i++) {
      body.append(i == 0 ? "" : ",")
          .append("{\"name\":\"")
          .append(name)
          .append("\",\"valueString\":\"x\"}");
    }
    body.append("]}");
    return refused("parameter-flood", operation.path(), "application/fhir+json", body.toString());
  }

  private FuzzRequest deepJson() {
    // each level is an object and an array: levels > depth/2 is over the limit
    int levels = NESTING_DEPTH / 2 + 1 + draw.random.nextInt(5 * NESTING_DEPTH);
    StringBuilder body = new StringBuilder("{\"resourceType\":\"Patient\"");
    for (int i = 0; i < levels; i++) {
      body.append(",\"extension\":[{\"url\":\"x\"");
    }
    body.append("]}".repeat(levels)).append('}');
    return refused("deep-json", jsonPath(), "application/fhir+json", body.toString());
  }

  private FuzzRequest deepXml() {
    int levels = NESTING_DEPTH + 1 + draw.random.nextInt(5 * NESTING_DEPTH);
    String body =
        "<Patient xmlns=\"http://hl7.org/fhir\">"
            + "<extension url=\"x\">".repeat(levels)
            + "</extension>".repeat(levels)
            + "</Patient>";
    return refused("deep-xml", jsonPath(), "application/fhir+xml", body);
  }

  /** Must be refused, never expanded: a few hundred bytes that would expand to GB. */
  private FuzzRequest entityExpansion() {
    String doctype;
    String use;
    if (draw.random.nextBoolean()) {
      StringBuilder laughs = new StringBuilder("<!ENTITY l0 \"lol\">");
      for (int i = 1; i <= 9; i++) {
        laughs.append("<!ENTITY l").append(i).append(" \"");
        laughs.append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
      }
      doctype = laughs.toString();
      use = "&l9;";
    } else {
      // quadratic blow-up: no nesting, one large entity used many times
      doctype = "<!ENTITY a \"" + "a".repeat(50_000) + "\">";
      use = "&a;".repeat(20_000);
    }
    String root = draw.pick(List.of("Patient", "Parameters", "Bundle"));
    String body =
        "<?xml version=\"1.0\"?><!DOCTYPE "
            + root
            + " ["
            + doctype
            + "]><"
            + root
            + " xmlns=\"http://hl7.org/fhir\"><id value=\""
            + use
            + "\"/></"
            + root
            + ">";
    return refused("entity-expansion", jsonPath(), "application/fhir+xml", body);
  }

  /** A distinct name each time: the login brake must not keep them (finding 3). */
  private FuzzRequest loginName() {
    if (target.formPaths.isEmpty()) {
      return entryFlood();
    }
    boolean over = draw.random.nextInt(4) > 0;
    int length =
        over
            ? LOGIN_NAME_LENGTH + 1 + draw.random.nextInt(64 * LOGIN_NAME_LENGTH)
            : 64 + draw.random.nextInt(LOGIN_NAME_LENGTH - 64);
    StringBuilder name = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      name.append((char) ('a' + draw.random.nextInt(26)));
    }
    String body =
        "grant_type=password&username=" + name + "&password=" + draw.pick(List.of("x", "wrong"));
    String path = draw.pick(target.formPaths);
    String type = "application/x-www-form-urlencoded";
    // a name within the length limit is an ordinary failed login (401), not a refusal
    FuzzRequest.Expect expect =
        over ? FuzzRequest.Expect.REFUSED : FuzzRequest.Expect.NO_SERVER_ERROR;
    return draw.expecting(expect, "login-names", "POST", path, type, body);
  }

  private int more(int bound) {
    return draw.random.nextInt(bound);
  }

  private static String patientWithText(int length) {
    return "{\"resourceType\":\"Patient\",\"id\":\"" + "x".repeat(length) + "\"}";
  }

  /** A path that takes a FHIR body (JSON or XML) under the FHIR body limit, not an import path. */
  private String jsonPath() {
    if (!target.bodyPaths.isEmpty()) {
      return draw.pick(target.bodyPaths);
    }
    List<String> paths = new ArrayList<>();
    target.operations.stream().filter(FuzzTarget.Operation::post).forEach(o -> paths.add(o.path()));
    return paths.isEmpty() ? "" : draw.pick(paths);
  }

  private FuzzRequest refused(String shape, String path, String contentType, String body) {
    return draw.expecting(
        FuzzRequest.Expect.REFUSED, shape, "POST", Draw.fhir(path), contentType, body);
  }
}
