package org.ccpfhir.security.limits;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Checks the shape of a JSON or XML body against {@link LimitsProperties} with a streaming reader
 * (memory in the order of the nesting depth), before any parser builds a tree from it.
 *
 * <p>Why not Jackson's StreamReadConstraints in HAPI: HAPI 8.8's JSON parser reads through one
 * static ObjectMapper (JacksonStructure) with constraints of its own, not configurable per app; its
 * XML parser uses woodstox with fixed settings.
 *
 * <p>A body that is not well-formed is passed on: the component's parser refuses it with its own
 * message. Thread-safe.
 */
final class BodyScanner {

  private static final Set<String> EXTENSION_LISTS = Set.of("extension", "modifierExtension");

  /**
   * Why a body is refused before parsing.
   *
   * @param type the OperationOutcome issue type (too costly for a limit, structure for a body no
   *     FHIR parser may be given)
   * @param message what and where, never a value of the body
   */
  record Refusal(IssueType type, String message) {}

  private final LimitsProperties limits;
  private final JsonFactory json;
  private final XMLInputFactory xml;

  BodyScanner(LimitsProperties limits) {
    this.limits = limits;
    // As lenient as HAPI's parser (JacksonStructure: single quotes, leading plus), or a body
    // this scanner cannot read would reach HAPI unchecked. Jackson's own guards one step beyond
    // ours, so that our message (naming the property) wins.
    this.json =
        JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(limits.nestingDepth() + 1)
                    .maxStringLength(Integer.MAX_VALUE)
                    .build())
            .build();
    this.xml = XMLInputFactory.newFactory();
    xml.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    xml.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    xml.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
  }

  /**
   * @param body the whole request body
   * @param checkStrings whether string values are limited (not for import documents)
   * @return what exceeds a limit, naming the limit; empty if the body is within all limits
   */
  Optional<Refusal> scan(byte[] body, boolean checkStrings) {
    int first = firstSignificant(body);
    if (first < 0) {
      return Optional.empty();
    }
    if (body[first] == '{' || body[first] == '[') {
      return scanJson(body, checkStrings);
    }
    if (body[first] == '<') {
      return scanXml(body, checkStrings);
    }
    return Optional.empty();
  }

  private Optional<Refusal> scanJson(byte[] body, boolean checkStrings) {
    // per open array: the name of its field and how many elements it has so far
    Deque<String> arrayNames = new ArrayDeque<>();
    Deque<int[]> arrayCounts = new ArrayDeque<>();
    Deque<Boolean> inArray = new ArrayDeque<>();
    try (JsonParser parser = json.createParser(body)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME) {
          continue;
        }
        if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          if (Boolean.TRUE.equals(inArray.pop())) {
            arrayNames.pop();
            arrayCounts.pop();
          }
          continue;
        }
        if (!inArray.isEmpty() && inArray.peek()) {
          int count = ++arrayCounts.peek()[0];
          Optional<Refusal> tooMany = countLimit(arrayNames.peek(), count);
          if (tooMany.isPresent()) {
            return tooMany;
          }
        }
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          if (inArray.size() >= limits.nestingDepth()) {
            return Optional.of(costly(tooDeep(parser.currentLocation().getLineNr())));
          }
          boolean array = token == JsonToken.START_ARRAY;
          inArray.push(array);
          if (array) {
            String name = parser.getParsingContext().getParent().getCurrentName();
            arrayNames.push(name == null ? "" : name);
            arrayCounts.push(new int[1]);
          }
        } else if (checkStrings
            && token == JsonToken.VALUE_STRING
            && parser.getTextLength() > limits.stringLength()) {
          return Optional.of(costly(tooLong(parser.currentLocation().getLineNr())));
        } else if (token == JsonToken.VALUE_NULL
            && !inArray.isEmpty()
            && inArray.peek()
            && EXTENSION_LISTS.contains(arrayNames.peek())) {
          return Optional.of(
              new Refusal(
                  IssueType.STRUCTURE,
                  nullExtension(arrayNames.peek(), parser.currentLocation().getLineNr())));
        }
      }
      return Optional.empty();
    } catch (StreamConstraintsException e) {
      return Optional.of(
          costly("the body exceeds a limit of the JSON reader (number length or similar)"));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Optional<Refusal> scanXml(byte[] body, boolean checkStrings) {
    Deque<int[]> childCounts = new ArrayDeque<>(); // per open element: entry, parameter children
    XMLStreamReader reader = null;
    try {
      reader = xml.createXMLStreamReader(new ByteArrayInputStream(body));
      long text = 0;
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          text = 0;
          if (childCounts.size() >= limits.nestingDepth()) {
            return Optional.of(costly(tooDeep(reader.getLocation().getLineNumber())));
          }
          if (!childCounts.isEmpty()) {
            String name = reader.getLocalName();
            int[] counts = childCounts.peek();
            int index = "entry".equals(name) ? 0 : "parameter".equals(name) ? 1 : -1;
            if (index >= 0) {
              Optional<Refusal> tooMany = countLimit(name, ++counts[index]);
              if (tooMany.isPresent()) {
                return tooMany;
              }
            }
          }
          childCounts.push(new int[2]);
          if (checkStrings) {
            for (int i = 0; i < reader.getAttributeCount(); i++) {
              if (reader.getAttributeValue(i).length() > limits.stringLength()) {
                return Optional.of(costly(tooLong(reader.getLocation().getLineNumber())));
              }
            }
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          childCounts.pop();
          text = 0;
        } else if (checkStrings
            && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)) {
          text += reader.getTextLength();
          if (text > limits.stringLength()) {
            return Optional.of(costly(tooLong(reader.getLocation().getLineNumber())));
          }
        }
      }
      return Optional.empty();
    } catch (XMLStreamException | RuntimeException e) {
      return Optional.empty();
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (XMLStreamException e) {
          // nothing held
        }
      }
    }
  }

  private Optional<Refusal> countLimit(String name, int count) {
    if ("entry".equals(name) && count > limits.bundleEntries()) {
      return Optional.of(
          costly(
              "more than "
                  + limits.bundleEntries()
                  + " entries in a list named 'entry' (ccp.limits.bundle-entries); split the"
                  + " Bundle"));
    }
    if ("parameter".equals(name) && count > limits.parameters()) {
      return Optional.of(
          costly(
              "more than "
                  + limits.parameters()
                  + " elements in a list named 'parameter' (ccp.limits.parameters)"));
    }
    return Optional.empty();
  }

  /**
   * FHIR JSON allows {@code null} in an array only where a primitive array and its {@code _name}
   * twin align; an extension list never holds one. HAPI 8.8's JSON parser fails on it with a
   * NullPointerException, and once that code is hot the JVM throws it without a stack trace, so the
   * error handler can no longer tell the client's error from ours (found by the 100,000-case fuzz
   * run: 192 answers 500 after case 26,000). Refused here, before any parser.
   */
  private static String nullExtension(String list, int line) {
    return "a null element in a list named '"
        + list
        + "' at line "
        + line
        + ": not valid FHIR JSON (an extension list holds extensions only)";
  }

  private static Refusal costly(String message) {
    return new Refusal(IssueType.TOOCOSTLY, message);
  }

  private String tooDeep(int line) {
    return "nesting deeper than "
        + limits.nestingDepth()
        + " levels (ccp.limits.nesting-depth) at line "
        + line;
  }

  private String tooLong(int line) {
    return "a value longer than "
        + limits.stringLength()
        + " characters (ccp.limits.string-length) at line "
        + line;
  }

  private static int firstSignificant(byte[] body) {
    int i = 0;
    // UTF-8 byte order mark
    if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB) {
      i = 3;
    }
    for (; i < body.length; i++) {
      if (!Character.isWhitespace(body[i])) {
        return i;
      }
    }
    return -1;
  }
}
