package org.ccpfhir.profiles.fast;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Property;

/**
 * A {@code pattern[x]} (or a primitive {@code fixed[x]}) taken apart once, so that matching an
 * instance does not walk the pattern's HAPI object with {@code children()} (which allocates) on
 * every call.
 *
 * <p>FHIR pattern semantics: the instance must contain at least the pattern's elements with equal
 * values; for a repeating element, every pattern item must match some instance item.
 */
final class PatternNode {

  private record Child(String name, int hash, List<PatternNode> items) {}

  /** Primitive value to compare, or null for a complex pattern. */
  private final String primitive;

  private final List<Child> children = new ArrayList<>();

  private PatternNode(String primitive) {
    this.primitive = primitive;
  }

  static PatternNode primitive(String value) {
    return new PatternNode(value);
  }

  static PatternNode of(Base pattern) {
    if (pattern.isPrimitive()) {
      return new PatternNode(pattern.primitiveValue());
    }
    PatternNode node = new PatternNode(null);
    for (Property property : pattern.children()) {
      List<PatternNode> items = new ArrayList<>();
      for (Base value : property.getValues()) {
        if (value != null && !value.isEmpty()) {
          items.add(of(value));
        }
      }
      if (!items.isEmpty()) {
        String name = property.getName().replace("[x]", "");
        node.children.add(new Child(name, name.hashCode(), items));
      }
    }
    return node;
  }

  boolean matches(Base value) {
    if (primitive != null) {
      return value.isPrimitive() && primitive.equals(value.primitiveValue());
    }
    for (Child child : children) {
      Base[] values = value.getProperty(child.hash, child.name, false);
      for (PatternNode item : child.items) {
        if (!anyMatches(item, values)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean anyMatches(PatternNode item, Base[] values) {
    for (Base value : values) {
      if (value != null && item.matches(value)) {
        return true;
      }
    }
    return false;
  }

  /** Short text for messages. */
  String describe() {
    if (primitive != null) {
      return "'" + primitive + "'";
    }
    StringBuilder out = new StringBuilder("{");
    for (Child child : children) {
      if (out.length() > 1) {
        out.append(", ");
      }
      out.append(child.name).append(": ");
      child.items.forEach(item -> out.append(item.describe()));
    }
    return out.append('}').toString();
  }
}
