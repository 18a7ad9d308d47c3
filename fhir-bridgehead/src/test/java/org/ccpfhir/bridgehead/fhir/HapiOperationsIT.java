package org.ccpfhir.bridgehead.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.terminology.CodeSystems;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operations and interactions HAPI's JPA server brings along (terminology, {@code $meta},
 * {@code $validate}, {@code _history}, {@code $everything}, {@code metadata}), which the
 * operation-specific fuzz shapes did not reach: valid calls are answered, junk gets a 4xx
 * OperationOutcome, never a 5xx (issue 16).
 */
class HapiOperationsIT extends PostgresIT {

  private static final String LATERALITY_VS =
      "https://ccp-fhir.org/fhir/ValueSet/SeitenlokalisationVS";

  @BeforeEach
  void waitForTerminology() {
    awaitHealthUp();
  }

  @Test
  void postedTerminologyOperationsAnswer() {
    as("researcher")
        .body(parameters(uri("url", LATERALITY_VS)))
        .post("/ValueSet/$expand")
        .then()
        .statusCode(200)
        .body("expansion.contains.code", hasItems("L", "R"));
    as("researcher")
        .body(
            parameters(
                "{\"name\":\"valueSet\",\"resource\":{\"resourceType\":\"ValueSet\","
                    + "\"status\":\"active\",\"compose\":{\"include\":[{\"system\":\""
                    + CodeSystems.LATERALITY
                    + "\"}]}}}"))
        .post("/ValueSet/$expand")
        .then()
        .statusCode(200)
        .body("expansion.contains.code", hasItem("L"));
    as("researcher")
        .body(
            parameters(
                uri("url", LATERALITY_VS),
                uri("system", CodeSystems.LATERALITY),
                "{\"name\":\"code\",\"valueCode\":\"L\"}"))
        .post("/ValueSet/$validate-code")
        .then()
        .statusCode(200)
        .body("parameter.find { it.name == 'result' }.valueBoolean", equalTo(true));
    // the code system lookups on a CodeSystem of this test's own: other ITs sharing the store may
    // change or delete the shipped ones (admin interactions of the endpoint matrix)
    String system = "https://ccp-fhir.org/fhir/it/CodeSystem/hapi-operations-" + UUID.randomUUID();
    as("admin")
        .body(
            "{\"resourceType\":\"CodeSystem\",\"url\":\""
                + system
                + "\",\"status\":\"active\",\"content\":\"complete\","
                + "\"concept\":[{\"code\":\"L\",\"display\":\"links\"},"
                + "{\"code\":\"R\",\"display\":\"rechts\"}]}")
        .post("/CodeSystem")
        .then()
        .statusCode(201);
    as("researcher")
        .body(parameters(uri("system", system), "{\"name\":\"code\",\"valueCode\":\"L\"}"))
        .post("/CodeSystem/$lookup")
        .then()
        .statusCode(200)
        .body("parameter.name", hasItem("display"));
    as("researcher")
        .body(parameters(uri("url", system), "{\"name\":\"code\",\"valueCode\":\"Q\"}"))
        .post("/CodeSystem/$validate-code")
        .then()
        .statusCode(200)
        .body("parameter.find { it.name == 'result' }.valueBoolean", equalTo(false));
  }

  @Test
  void subsumesIsRefusedAsNotSupported() {
    for (Response response :
        List.of(
            as("researcher")
                .queryParam("system", CodeSystems.LATERALITY)
                .queryParam("codeA", "L")
                .queryParam("codeB", "R")
                .get("/CodeSystem/$subsumes"),
            as("researcher").get("/CodeSystem/$subsumes"),
            as("researcher").body(parameters()).post("/CodeSystem/$subsumes"))) {
      response
          .then()
          .statusCode(405)
          .body("resourceType", equalTo("OperationOutcome"))
          .body("issue[0].code", equalTo("not-supported"));
    }
  }

  @Test
  void adminInteractionsAnswer() {
    as("admin").get("/$meta").then().statusCode(200).body("resourceType", equalTo("Parameters"));
    as("datamanager").get("/Patient/$meta").then().statusCode(200);
    as("admin").get("/_history").then().statusCode(200).body("type", equalTo("history"));
    as("datamanager").get("/Patient/_history").then().statusCode(200);
    as("datamanager")
        .body("{\"resourceType\":\"Patient\"}")
        .post("/Patient/$validate")
        .then()
        .statusCode(200)
        .body("resourceType", equalTo("OperationOutcome"));
    as("researcher").queryParam("mode", "terminology").get("/metadata").then().statusCode(200);
  }

  @Test
  void junkGetsAClientErrorWithAnOperationOutcome() {
    String patient = "{\"resourceType\":\"Patient\"}";
    List<Call> calls =
        List.of(
            // resources of the wrong type where a terminology operation takes one
            post("researcher", "/ValueSet/$expand", parameters(resource("valueSet", patient))),
            post(
                "researcher",
                "/ValueSet/$validate-code",
                parameters(resource("valueSet", patient))),
            post("researcher", "/ValueSet/$expand", patient),
            post("researcher", "/ValueSet/$validate-code", patient),
            post(
                "researcher",
                "/ValueSet/$validate-code",
                parameters(
                    resource("valueSet", patient), "{\"name\":\"code\",\"valueCode\":\"L\"}")),
            post("researcher", "/CodeSystem/$lookup", parameters(resource("codeSystem", patient))),
            post("researcher", "/CodeSystem/$lookup", patient),
            post("researcher", "/CodeSystem/$validate-code", patient),
            post(
                "researcher",
                "/CodeSystem/$validate-code",
                parameters(resource("codeSystem", patient))),
            post("researcher", "/ConceptMap/$translate", patient),
            post(
                "researcher",
                "/ConceptMap/$translate",
                parameters(resource("conceptMap", patient))),
            // nameless, valueless and mistyped parameters
            post("researcher", "/ValueSet/$expand", parameters("{\"valueString\":\"x\"}")),
            post("researcher", "/ValueSet/$expand", parameters("{\"name\":\"url\"}")),
            post("researcher", "/ValueSet/$expand", parameters("{\"name\":\"valueSet\"}")),
            post(
                "researcher",
                "/ValueSet/$expand",
                parameters(
                    uri("url", LATERALITY_VS), "{\"name\":\"count\",\"valueString\":\"x\"}")),
            post("researcher", "/CodeSystem/$lookup", parameters()),
            post("researcher", "/CodeSystem/$validate-code", parameters()),
            post("researcher", "/ValueSet/$validate-code", parameters()),
            post("researcher", "/ConceptMap/$translate", parameters()),
            post("researcher", "/ValueSet/$expand", "{\"resourceType\":\"Parameters\","),
            get("researcher", "/ValueSet/$expand?url=x"),
            get("researcher", "/ValueSet/$expand?url=" + LATERALITY_VS + "&count=x"),
            get("researcher", "/ValueSet/$expand?url=" + LATERALITY_VS + "&offset=-1"),
            get("researcher", "/ValueSet/$validate-code"),
            get("researcher", "/CodeSystem/$lookup?system=&code="),
            get("researcher", "/CodeSystem/$lookup?coding=x"),
            get("researcher", "/CodeSystem/$validate-code?url=&code=L"),
            get("researcher", "/ValueSet/x/$expand"),
            get("researcher", "/CodeSystem/x/$lookup?code=L"),
            // admin interactions
            post("datamanager", "/Patient/$validate", parameters()),
            post(
                "datamanager",
                "/Patient/$validate",
                parameters("{\"name\":\"resource\",\"valueString\":\"x\"}")),
            post(
                "datamanager",
                "/Patient/$validate",
                parameters(
                    resource("resource", patient), "{\"name\":\"mode\",\"valueCode\":\"x\"}")),
            // the 100,000-case fuzz run (seed 20261207, cases 12805 and 14211): a second,
            // valueless resource parameter and a nameless one beside a mistyped profile were 500
            post(
                "datamanager",
                "/Patient/$validate",
                parameters(
                    resource("resource", patient),
                    "{\"valueDate\":\"<script>alert(1)</script>\"}",
                    "{\"name\":\"resource\"}")),
            post(
                "datamanager",
                "/Patient/$validate",
                parameters(
                    resource("resource", patient),
                    "{\"name\":\"profile\",\"valueAttachment\":{\"contentType\":\"application/xml\"}}",
                    "{\"name\":\"\",\"valueBase64Binary\":\"null\"}")),
            post(
                "datamanager",
                "/Patient/$validate",
                parameters(resource("resource", patient), resource("resource", patient))),
            post("datamanager", "/Patient/x/$meta-add", parameters()),
            post("datamanager", "/Patient/x/$meta-delete", parameters("{\"name\":\"meta\"}")),
            get("datamanager", "/Patient/x/$meta"),
            get("datamanager", "/Patient/x/_history"),
            get("datamanager", "/Patient/x/_history/y"),
            get("datamanager", "/Patient/_history?_since=x"),
            get("datamanager", "/Patient/_history?_at=2020-13-45"),
            get("admin", "/_history?_since=2020-13-45"),
            get("datamanager", "/Patient/x/$everything"),
            get("datamanager", "/Patient/$everything?_count=x"),
            // issue 16: HAPI's search coordinator asserts distinct conditions (500 under -ea)
            get("datamanager", "/Consent?status=active&status=active"),
            get("datamanager", "/Patient?_id=x&_id=x"));
    List<Call> lenient = new ArrayList<>();
    for (String value :
        List.of("2020-13-45", "gt2020-13-45", "zz2020-01-01", "le2020", "2020-02-30T25:61:61Z")) {
      lenient.add(get("datamanager", "/Consent?patient=" + value + "&patient=Patient%2F..%2Fx"));
      lenient.add(get("datamanager", "/Consent?patient=Patient%2F..%2Fx&patient=" + value));
    }
    lenient.addAll(
        List.of(
            // answers, not errors: unknown codes and value sets give result=false, $validate
            // reports in its OperationOutcome, HAPI reads unparseable counts and dates leniently
            get("researcher", "/ValueSet/$validate-code?url=x&code=L"),
            get("researcher", "/ConceptMap/$translate?code=x"),
            get("datamanager", "/Patient/_history?_count=x"),
            get("datamanager", "/Patient/$everything?start=2020-13-45"),
            get("datamanager", "/Consent?patient=Patient%2F..%2Fx"),
            get("datamanager", "/Observation?subject=Patient%2F..%2Fx&subject=x"),
            post("datamanager", "/Patient/$validate", "{\"resourceType\":\"Observation\"}"),
            post(
                "datamanager",
                "/Patient/$validate",
                parameters(
                    resource("resource", patient), "{\"name\":\"mode\",\"valueCode\":\"x\"}"))));
    List<String> failures = new ArrayList<>();
    for (Call call : lenient) {
      Response response = send(call);
      if (response.statusCode() >= 500 || (response.statusCode() >= 400 && !isOutcome(response))) {
        failures.add(call.method() + " " + call.path() + " -> " + response.statusCode());
      }
    }
    for (Call call : calls) {
      Response response = send(call);
      if (response.statusCode() < 400 || response.statusCode() >= 500 || !isOutcome(response)) {
        failures.add(call.method() + " " + call.path() + " -> " + response.statusCode());
      }
    }
    assertThat(failures).isEmpty();
  }

  private Response send(Call call) {
    RequestSpecification request = as(call.user()).urlEncodingEnabled(false);
    if (call.body() != null) {
      request = request.body(call.body());
    }
    return request.request(call.method(), call.path());
  }

  private static boolean isOutcome(Response response) {
    return response.getContentType().contains("json")
        && "OperationOutcome".equals(response.path("resourceType"));
  }

  private record Call(String user, String method, String path, String body) {}

  private static Call get(String user, String path) {
    return new Call(user, "GET", path, null);
  }

  private static Call post(String user, String path, String body) {
    return new Call(user, "POST", path, body);
  }

  private RequestSpecification as(String user) {
    return clients.as(user).baseUri(baseUrl()).contentType("application/fhir+json");
  }

  private static String parameters(String... parameters) {
    return "{\"resourceType\":\"Parameters\",\"parameter\":[" + String.join(",", parameters) + "]}";
  }

  private static String uri(String name, String value) {
    return "{\"name\":\"" + name + "\",\"valueUri\":\"" + value + "\"}";
  }

  private static String resource(String name, String json) {
    return "{\"name\":\"" + name + "\",\"resource\":" + json + "}";
  }
}
