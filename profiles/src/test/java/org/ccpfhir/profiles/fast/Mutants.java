package org.ccpfhir.profiles.fast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Derives mutants from a resource's JSON: every element deleted, every repetition duplicated, every
 * code and system replaced, choice types swapped, primitives broken, prohibited and misplaced
 * content added. Working on JSON keeps the mutations independent of the validators' model walk.
 */
final class Mutants {

  record Mutant(String description, String json) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CHOICE =
      Pattern.compile("(value|effective|onset|performed|collected|medication|abatement)[A-Z].*");
  private static final Pattern DATE = Pattern.compile("\\d{4}(-\\d{2}(-\\d{2}.*)?)?");

  private Mutants() {}

  static List<Mutant> of(String json) {
    JsonNode root = read(json);
    List<Mutant> out = new ArrayList<>();
    List<List<Object>> paths = new ArrayList<>();
    collect(root, new ArrayList<>(), paths);
    for (List<Object> path : paths) {
      Object last = path.get(path.size() - 1);
      String where = path.toString();
      out.add(mutate(root, path, "delete " + where, Mutants::delete));
      if (last instanceof Integer) {
        out.add(mutate(root, path, "duplicate " + where, Mutants::duplicate));
      }
      JsonNode node = at(root, path);
      if (node.isTextual() && last instanceof String name) {
        String text = node.asText();
        if (name.equals("code")) {
          out.add(mutate(root, path, "unknown code " + where, set(new TextNode("zz-unknown"))));
        }
        if (name.equals("system")) {
          out.add(
              mutate(
                  root, path, "other system " + where, set(new TextNode("http://example.org/cs"))));
        }
        if (name.equals("reference")) {
          out.add(mutate(root, path, "reference type " + where, set(new TextNode("Device/x"))));
          out.add(mutate(root, path, "local reference " + where, set(new TextNode("#x"))));
        }
        if (DATE.matcher(text).matches()) {
          out.add(mutate(root, path, "bad date " + where, set(new TextNode("2020-13-45"))));
          out.add(mutate(root, path, "full date " + where, set(new TextNode("1970-01-01"))));
          out.add(mutate(root, path, "no tz " + where, set(new TextNode("2020-01-01T10:00:00"))));
        }
        if (!name.equals("resourceType")) {
          out.add(mutate(root, path, "blank " + where, set(new TextNode(" x  y "))));
        }
      }
      if (last instanceof String name && CHOICE.matcher(name).matches()) {
        String prefix = name.replaceAll("[A-Z].*", "");
        out.add(rename(root, path, prefix + "String", new TextNode("x"), "choice string " + where));
        ObjectNode period = JSON.createObjectNode().put("start", "2020-01-01");
        out.add(rename(root, path, prefix + "Period", period, "choice period " + where));
      }
    }
    out.addAll(additions(root));
    return out;
  }

  private static List<Mutant> additions(JsonNode root) {
    List<Mutant> out = new ArrayList<>();
    Map<String, String> prohibited =
        Map.of(
            "name", "[{\"family\":\"Muster\"}]",
            "address", "[{\"city\":\"Heidelberg\"}]",
            "telecom", "[{\"system\":\"phone\",\"value\":\"1\"}]",
            "photo", "[{\"title\":\"x\"}]",
            "contact", "[{\"name\":{\"family\":\"x\"}}]",
            "status", "\"nonsense\"",
            "language", "\"de\"",
            "text",
                "{\"status\":\"generated\",\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">x</div>\"}");
    prohibited.forEach(
        (name, value) -> {
          ObjectNode copy = root.deepCopy();
          copy.set(name, read(value));
          out.add(new Mutant("add " + name, copy.toString()));
        });
    String[] extensions = {
      "{\"url\":\"https://ccp-fhir.org/fhir/StructureDefinition/ext-op-intention\","
          + "\"valueCodeableConcept\":{\"coding\":[{\"system\":\"http://dktk.dkfz.de/fhir/onco/core/CodeSystem/OPIntentionCS\",\"code\":\"K\"}]}}",
      "{\"url\":\"https://ccp-fhir.org/fhir/StructureDefinition/ext-op-intention\",\"valueString\":\"K\"}",
      "{\"url\":\"http://example.org/unknown\",\"valueString\":\"x\"}",
      "{\"url\":\"http://example.org/unknown\"}",
      "{\"url\":\"http://hl7.org/fhir/StructureDefinition/data-absent-reason\",\"valueCode\":\"unknown\"}",
      "{\"url\":\"http://hl7.org/fhir/StructureDefinition/data-absent-reason\",\"valueCode\":\"zz\"}"
    };
    for (String extension : extensions) {
      ObjectNode copy = root.deepCopy();
      ArrayNode list =
          copy.has("extension") ? (ArrayNode) copy.get("extension") : copy.putArray("extension");
      list.add(read(extension));
      out.add(new Mutant("add extension " + extension, copy.toString()));
      ObjectNode modifier = root.deepCopy();
      modifier.putArray("modifierExtension").add(read(extension));
      out.add(new Mutant("add modifierExtension " + extension, modifier.toString()));
    }
    return out;
  }

  private static void collect(JsonNode node, List<Object> path, List<List<Object>> out) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (field.getKey().equals("resourceType")) {
          continue;
        }
        List<Object> child = new ArrayList<>(path);
        child.add(field.getKey());
        out.add(child);
        collect(field.getValue(), child, out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        List<Object> child = new ArrayList<>(path);
        child.add(i);
        out.add(child);
        collect(node.get(i), child, out);
      }
    }
  }

  private static Mutant mutate(
      JsonNode root, List<Object> path, String description, Mutation mutation) {
    JsonNode copy = root.deepCopy();
    JsonNode parent = at(copy, path.subList(0, path.size() - 1));
    mutation.apply(parent, path.get(path.size() - 1));
    return new Mutant(description, copy.toString());
  }

  private static Mutant rename(
      JsonNode root, List<Object> path, String name, JsonNode value, String description) {
    JsonNode copy = root.deepCopy();
    ObjectNode parent = (ObjectNode) at(copy, path.subList(0, path.size() - 1));
    parent.remove((String) path.get(path.size() - 1));
    parent.set(name, value);
    return new Mutant(description, copy.toString());
  }

  private interface Mutation {
    void apply(JsonNode parent, Object key);
  }

  private static void delete(JsonNode parent, Object key) {
    if (key instanceof Integer index) {
      ((ArrayNode) parent).remove(index);
    } else {
      ((ObjectNode) parent).remove((String) key);
    }
  }

  private static void duplicate(JsonNode parent, Object key) {
    ArrayNode array = (ArrayNode) parent;
    array.insert((Integer) key, array.get((Integer) key).deepCopy());
  }

  private static Mutation set(JsonNode value) {
    return (parent, key) -> {
      if (key instanceof Integer index) {
        ((ArrayNode) parent).set(index, value);
      } else {
        ((ObjectNode) parent).set((String) key, value);
      }
    };
  }

  private static JsonNode at(JsonNode root, List<Object> path) {
    JsonNode node = root;
    for (Object step : path) {
      node = step instanceof Integer index ? node.get(index) : node.get((String) step);
    }
    return node;
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static void forEach(String json, Consumer<Mutant> action) {
    of(json).forEach(action);
  }
}
