package org.ccpfhir.testsupport.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * Bodies that are not FHIR JSON: XML (malformed, foreign namespace, DOCTYPE with an external or a
 * small internal entity, UTF-16 declared), form posts (the token endpoint with broken grants, FHIR
 * searches as forms) and junk under JSON and other content types.
 */
final class MarkupShapes {

  private final Draw draw;
  private final FuzzTarget target;
  private final QueryShapes queries;

  MarkupShapes(Draw draw, FuzzTarget target, QueryShapes queries) {
    this.draw = draw;
    this.target = target;
    this.queries = queries;
  }

  FuzzRequest xml() {
    String body =
        switch (draw.random.nextInt(9)) {
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
          // one small internal entity; nested expansion (billion laughs) is LimitShapes'
          default ->
              "<!DOCTYPE r [<!ENTITY a \"aaaa\">]><Patient xmlns=\"http://hl7.org/fhir\">"
                  + "<id value=\"&a;\"/></Patient>";
        };
    return draw.request("xml", "POST", Draw.fhir(bodyPath()), "application/fhir+xml", body);
  }

  FuzzRequest form() {
    if (!target.formPaths.isEmpty() && draw.random.nextBoolean()) {
      // a few short names; many distinct long ones are LimitShapes'
      String body =
          "grant_type="
              + draw.pick(List.of("password", "client_credentials", "x", "", "password%00"))
              + "&username="
              + draw.pick(List.of("fuzz", "admin", "", "%00", "a%26b"))
              + "&password="
              + draw.pick(List.of("x", "", "%FF"))
              + (draw.random.nextBoolean()
                  ? "&client_id=" + draw.pick(List.of("x", "", "prometheus"))
                  : "");
      return draw.request(
          "form", "POST", draw.pick(target.formPaths), "application/x-www-form-urlencoded", body);
    }
    String type =
        target.searches.isEmpty()
            ? "Patient"
            : draw.pick(new ArrayList<>(target.searches.keySet()));
    String body =
        QueryShapes.encodeName(queries.commonSearchName())
            + "="
            + queries.queryValue()
            + (draw.random.nextBoolean() ? "&" + queries.queryValue() : "");
    return draw.request(
        "form", "POST", Draw.fhir(type + "/_search"), "application/x-www-form-urlencoded", body);
  }

  FuzzRequest junkBody() {
    String body =
        switch (draw.random.nextInt(8)) {
          case 0 -> "";
          case 1 -> "null";
          case 2 -> "[]";
          case 3 -> "{\"resourceType\":";
          case 4 ->
              "{\"resourceType\":\""
                  + draw.pick(List.of("Parameters", "Bundle", "Task", "Foo"))
                  + "\",\"x\":1}";
          case 5 -> draw.huge();
          case 6 -> "{\"resourceType\":\"Parameters\",\"parameter\":[" + "{},".repeat(5) + "{}]}";
          default -> "\u0000\u0001\u00ff{";
        };
    String contentType =
        draw.pick(
            List.of(
                "application/fhir+json",
                "application/json",
                "text/plain",
                "application/octet-stream"));
    return draw.request("junk-body", "POST", Draw.fhir(bodyPath()), contentType, body);
  }

  /** A path that takes a body: a resource type, the base, or a POST operation. */
  String bodyPath() {
    List<String> paths = new ArrayList<>(target.bodyPaths);
    target.operations.stream().filter(FuzzTarget.Operation::post).forEach(o -> paths.add(o.path()));
    return paths.isEmpty() ? "" : draw.pick(paths);
  }
}
