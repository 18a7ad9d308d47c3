package org.ccpfhir.testsupport.fuzz;

import static org.ccpfhir.testsupport.fuzz.Draw.NODES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Mutations of the target's valid bodies (resources, transaction Bundles): dropped, duplicated,
 * retyped and nulled fields, huge numbers, bad dates, unknown entry methods, bad references.
 */
final class BodyMutations {

  private static final String[] METHODS = {"FOO", "", "post", "TRACE", "CONNECT", "PUSH"};

  private final Draw draw;
  private final FuzzTarget target;

  BodyMutations(Draw draw, FuzzTarget target) {
    this.draw = draw;
    this.target = target;
  }

  /** Null (nothing drawn) when the target has no valid body to mutate. */
  FuzzRequest bodyMutation() {
    if (target.validBodies.isEmpty() || target.bodyPaths.isEmpty()) {
      return null;
    }
    JsonNode tree;
    try {
      tree = Draw.JSON.readTree(draw.pick(target.validBodies));
    } catch (Exception e) {
      throw new IllegalStateException("a valid body of the target is not JSON", e);
    }
    int mutations = 1 + draw.random.nextInt(3);
    for (int i = 0; i < mutations; i++) {
      mutate(tree);
    }
    String type = tree.path("resourceType").asText("");
    String path =
        type.equals("Bundle") && target.bodyPaths.contains("")
            ? ""
            : target.bodyPaths.contains(type) ? type : draw.pick(target.bodyPaths);
    return draw.request("body-mutation", "POST", Draw.fhir(path), "application/fhir+json", tree);
  }

  private void mutate(JsonNode root) {
    List<Slot> slots = new ArrayList<>();
    collect(root, slots, 0);
    if (slots.isEmpty()) {
      return;
    }
    Slot slot = slots.get(draw.random.nextInt(slots.size()));
    JsonNode current = slot.get();
    switch (draw.random.nextInt(11)) {
      case 0 -> slot.remove();
      case 1 -> slot.set(NODES.nullNode());
      case 2 -> slot.set(retyped(current));
      case 3 -> slot.set(draw.number());
      case 4 ->
          slot.set(NODES.textNode(draw.pick(List.of("2020-13-45", "2020-02-30", "0000", "x"))));
      case 5 -> {
        // one duplicate; floods beyond the entry limit are LimitShapes'
        if (slot.parent instanceof ArrayNode array && array.size() < 500) {
          array.add(current.deepCopy());
        } else {
          slot.set(NODES.arrayNode().add(current.deepCopy()));
        }
      }
      case 6 -> mutateNamed(root, "method", NODES.textNode(draw.pick(List.of(METHODS))));
      case 7 ->
          mutateNamed(
              root,
              "reference",
              NODES.textNode(
                  draw.pick(
                      List.of("Patient/", "urn:uuid:missing", "../x", "Foo/1", "#x", "", "/"))));
      case 8 -> slot.set(NODES.textNode(draw.huge()));
      case 9 ->
          mutateNamed(root, "resourceType", NODES.textNode(draw.pick(List.of("Foo", "", "Task"))));
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
      if (name.equals(slot.field) && changed < 3 && draw.random.nextBoolean()) {
        // never GET: entries that read are BatchShapes' (finding 1), behind their own switch
        slot.set(value);
        changed++;
      }
    }
  }

  private JsonNode retyped(JsonNode node) {
    if (node.isTextual()) {
      return draw.random.nextBoolean()
          ? draw.number()
          : NODES.objectNode().put("value", node.asText());
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
}
