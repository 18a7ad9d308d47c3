package org.ccpfhir.testsupport.fuzz;

import static org.ccpfhir.testsupport.fuzz.Draw.NODES;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Operation Parameters with nameless, valueless, repeated, unknown or mistyped entries, values that
 * are not resources where a resource is wanted, and both a value and a resource in one entry.
 */
final class ParameterShapes {

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

  private final Draw draw;
  private final FuzzTarget target;

  ParameterShapes(Draw draw, FuzzTarget target) {
    this.draw = draw;
    this.target = target;
  }

  /** Null (nothing drawn) when the target has no POST operation. */
  FuzzRequest parameters() {
    List<FuzzTarget.Operation> posts =
        target.operations.stream().filter(FuzzTarget.Operation::post).toList();
    if (posts.isEmpty()) {
      return null;
    }
    FuzzTarget.Operation operation = draw.pick(posts);
    ObjectNode body = NODES.objectNode().put("resourceType", "Parameters");
    ArrayNode parameters = body.putArray("parameter");
    for (String name : operation.parameters()) {
      if (draw.random.nextInt(4) > 0) {
        parameters.add(parameter(name, 0));
      }
    }
    int mutations = 1 + draw.random.nextInt(3);
    for (int i = 0; i < mutations; i++) {
      mutateParameters(body, parameters, operation.parameters());
    }
    return draw.request(
        "parameters", "POST", Draw.fhir(operation.path()), "application/fhir+json", body);
  }

  private ObjectNode parameter(String name, int depth) {
    ObjectNode parameter = NODES.objectNode().put("name", name);
    String type = VALUE_TYPES[draw.random.nextInt(VALUE_TYPES.length)];
    switch (type) {
      case "resource" -> parameter.set("resource", resource());
      case "part" -> {
        ArrayNode parts = parameter.putArray("part");
        if (depth < 2) {
          parts.add(parameter(draw.pick(List.of("target", "pseudonym", "value", "x")), depth + 1));
        }
      }
      case "valueInteger" -> parameter.set(type, draw.number());
      case "valueBoolean" -> parameter.put(type, draw.random.nextBoolean());
      case "valueDecimal" -> parameter.set(type, draw.number());
      case "valueIdentifier" ->
          parameter.putObject(type).put("system", draw.string()).put("value", draw.string());
      case "valueReference" -> parameter.putObject(type).put("reference", draw.string());
      case "valueAttachment" ->
          parameter.putObject(type).put("contentType", "application/xml").put("data", "PGEvPg==");
      case "valueCoding" ->
          parameter.putObject(type).put("system", draw.string()).put("code", draw.string());
      default -> parameter.put(type, draw.string());
    }
    return parameter;
  }

  private ObjectNode resource() {
    return switch (draw.random.nextInt(6)) {
      case 0 ->
          NODES
              .objectNode()
              .put("resourceType", "Patient")
              .put("birthDate", draw.pick(List.of("1970-01-01", "1970", "2020-13-45", "")))
              .set(
                  "name",
                  NODES
                      .arrayNode()
                      .add(
                          NODES
                              .objectNode()
                              .put("family", draw.string())
                              .set("given", NODES.arrayNode().add(draw.string()))));
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
    switch (draw.random.nextInt(12)) {
      case 0 -> parameters.add(NODES.objectNode().put("valueString", draw.string())); // no name
      case 1 ->
          parameters.add(NODES.objectNode().put("name", draw.pickOr(names, "target"))); // no value
      case 2 -> {
        if (size > 0) {
          parameters.add(parameters.get(draw.random.nextInt(size)).deepCopy()); // duplicate
        }
      }
      case 3 -> parameters.add(parameter("unknown-" + draw.random.nextInt(3), 0));
      case 4 -> parameters.addNull();
      case 5 -> body.put("parameter", draw.string()); // not an array
      case 6 -> body.putObject("parameter").put("name", draw.pickOr(names, "x"));
      case 7 -> {
        if (size > 0 && parameters.get(draw.random.nextInt(size)) instanceof ObjectNode p) {
          p.remove("name");
        }
      }
      case 8 -> parameters.add(parameter(draw.pickOr(names, "x"), 0).put("name", ""));
      case 9 -> {
        ObjectNode nested = parameters.addObject().put("name", draw.pickOr(names, "x"));
        nested.putArray("part").addObject().put("valueString", "x"); // nameless part
      }
      case 10 -> {
        ObjectNode both = parameter(draw.pickOr(names, "x"), 0);
        both.set("resource", resource());
        both.put("valueString", draw.string()); // value and resource
        parameters.add(both);
      }
      default ->
          parameters.add(parameter(draw.pickOr(names, "x"), 0).put("valueString", draw.huge()));
    }
  }
}
