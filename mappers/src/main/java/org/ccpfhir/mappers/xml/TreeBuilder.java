package org.ccpfhir.mappers.xml;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.helpers.DefaultHandler;

/** Builds the {@link XmlElement} tree behind the schema validator and knows the current path. */
final class TreeBuilder extends DefaultHandler {

  private final Deque<XmlElement> stack = new ArrayDeque<>();
  private final Deque<StringBuilder> texts = new ArrayDeque<>();
  private Locator locator;
  private XmlElement root;

  @Override
  public void setDocumentLocator(Locator locator) {
    this.locator = locator;
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes atts) {
    Map<String, String> attributes = Map.of();
    if (atts.getLength() > 0) {
      attributes = new LinkedHashMap<>();
      for (int i = 0; i < atts.getLength(); i++) {
        attributes.put(atts.getLocalName(i), atts.getValue(i));
      }
    }
    XmlElement element =
        new XmlElement(localName, locator == null ? 0 : locator.getLineNumber(), attributes);
    if (stack.isEmpty()) {
      root = element;
    } else {
      stack.peek().add(element);
    }
    stack.push(element);
    texts.push(new StringBuilder());
  }

  @Override
  public void characters(char[] ch, int start, int length) {
    if (!texts.isEmpty()) {
      texts.peek().append(ch, start, length);
    }
  }

  @Override
  public void endElement(String uri, String localName, String qName) {
    XmlElement element = stack.pop();
    StringBuilder text = texts.pop();
    if (element.children().isEmpty()) {
      element.setText(text.toString().trim());
    }
  }

  /** Slash-separated local names from the root to the element being read, for error messages. */
  String currentPath() {
    StringBuilder path = new StringBuilder();
    stack.descendingIterator().forEachRemaining(e -> path.append('/').append(e.name()));
    return path.toString();
  }

  /**
   * The patient being read: the element at {@code /root/Menge_Patient/Patient} (both oBDS and
   * ADT-GEKID), or null outside every patient.
   */
  XmlElement unit() {
    if (stack.size() < 3) {
      return null;
    }
    var it = stack.descendingIterator();
    it.next();
    XmlElement list = it.next();
    XmlElement third = it.next();
    return list.name().equals("Menge_Patient") && third.name().equals("Patient") ? third : null;
  }

  /** The current path below the patient ({@code Menge_Meldung/Meldung/Diagnose/…}). */
  String pathInUnit() {
    StringBuilder path = new StringBuilder();
    int depth = 0;
    for (var it = stack.descendingIterator(); it.hasNext(); depth++) {
      XmlElement e = it.next();
      if (depth >= 3) {
        path.append(path.length() == 0 ? "" : "/").append(e.name());
      }
    }
    return path.toString();
  }

  XmlElement root() {
    return root;
  }
}
