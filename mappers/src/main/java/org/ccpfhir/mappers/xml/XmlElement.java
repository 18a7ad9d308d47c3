package org.ccpfhir.mappers.xml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A schema-validated element: local name, attributes, text and child elements. A small tree keeps
 * the mappers simple (they navigate like XPath without its cost); oBDS messages are small.
 */
public final class XmlElement {

  private final String name;
  private final int line;
  private final Map<String, String> attributes;
  private final List<XmlElement> children = new ArrayList<>(4);
  private String text = "";

  XmlElement(String name, int line, Map<String, String> attributes) {
    this.name = name;
    this.line = line;
    this.attributes = attributes.isEmpty() ? Map.of() : new LinkedHashMap<>(attributes);
  }

  /** Builds an element by hand (tests, CSV-like inputs); attributes are copied. */
  public static XmlElement of(String name, Map<String, String> attributes, String text) {
    XmlElement e = new XmlElement(name, 0, attributes);
    e.text = text;
    return e;
  }

  void add(XmlElement child) {
    children.add(child);
  }

  void setText(String text) {
    this.text = text;
  }

  public String name() {
    return name;
  }

  /** Line of the start tag in the source, for error messages. */
  public int line() {
    return line;
  }

  public String text() {
    return text;
  }

  public List<XmlElement> children() {
    return Collections.unmodifiableList(children);
  }

  /** The first child with this local name, if any. */
  public Optional<XmlElement> child(String childName) {
    for (XmlElement c : children) {
      if (c.name.equals(childName)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The element at a path of child names (e.g. {@code "Menge_OPS", "OPS"}), if present. */
  public Optional<XmlElement> at(String... path) {
    XmlElement current = this;
    for (String step : path) {
      Optional<XmlElement> next = current.child(step);
      if (next.isEmpty()) {
        return Optional.empty();
      }
      current = next.get();
    }
    return Optional.of(current);
  }

  /** All children with this local name, in document order. */
  public List<XmlElement> children(String childName) {
    List<XmlElement> out = new ArrayList<>(2);
    for (XmlElement c : children) {
      if (c.name.equals(childName)) {
        out.add(c);
      }
    }
    return out;
  }

  /** Text of the element at the path, or null when absent or empty. */
  public String text(String... path) {
    return at(path).map(XmlElement::text).filter(t -> !t.isEmpty()).orElse(null);
  }

  /** An attribute value, or null. */
  public String attribute(String attributeName) {
    return attributes.get(attributeName);
  }
}
