package org.ccpfhir.testsupport.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Random;

/**
 * One random stream of the generator and what every shape draws from it (strings, numbers, picks),
 * plus building the {@link FuzzRequest}. Shapes share a stream so that a seed replays the whole
 * sequence; the order of draws is part of the replay contract.
 */
final class Draw {

  static final ObjectMapper JSON = new ObjectMapper();
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final String[] STRINGS = {
    "",
    " ",
    "x",
    "BK-L",
    "BK-G",
    "HD",
    "TUE",
    "0",
    "-1",
    "2020-01-01",
    "2020-13-45",
    "1.5",
    "true",
    "null",
    "AR-AAAAAAAAAAAAAAAA",
    "Patient/1",
    "Group/1",
    "urn:uuid:1",
    "../../x",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\u00fc\u00e4\u00f6\u00df",
    "\uD83D\uDE00",
    "\u202Eevil",
    "a\tb\nc",
    "%00",
    "\\",
    "{}",
    "[]"
  };

  final Random random;
  private final HostileRequests.Counter index;

  Draw(long seed, HostileRequests.Counter index) {
    this.random = new Random(seed);
    this.index = index;
  }

  String string() {
    return STRINGS[random.nextInt(STRINGS.length)];
  }

  String huge() {
    return "x".repeat(1000 + random.nextInt(20_000));
  }

  JsonNode number() {
    return switch (random.nextInt(6)) {
      case 0 -> NODES.numberNode(new java.math.BigInteger("99999999999999999999999999"));
      case 1 -> NODES.numberNode(-1);
      case 2 -> NODES.numberNode(Long.MAX_VALUE);
      case 3 -> NODES.numberNode(new java.math.BigDecimal("1e400"));
      case 4 -> NODES.numberNode(0.000001);
      default -> NODES.numberNode(Integer.MIN_VALUE);
    };
  }

  <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  String pickOr(List<String> values, String fallback) {
    return values.isEmpty() ? fallback : pick(values);
  }

  static String fhir(String path) {
    return path.isEmpty() ? "/fhir" : "/fhir/" + path;
  }

  /** A request of the everyday shapes: the body is cut at {@link HostileRequests#MAX_BODY}. */
  FuzzRequest request(String shape, String method, String path, String contentType, JsonNode body) {
    return request(shape, method, path, contentType, text(body));
  }

  FuzzRequest request(String shape, String method, String path, String contentType, String body) {
    String bounded =
        body != null && body.length() > HostileRequests.MAX_BODY
            ? body.substring(0, HostileRequests.MAX_BODY)
            : body;
    return new FuzzRequest(
        index.value, shape, method, path, contentType, bounded, FuzzRequest.Expect.NO_SERVER_ERROR);
  }

  /** A request sent as drawn (no cut) that the app must answer as {@code expect} says. */
  FuzzRequest expecting(
      FuzzRequest.Expect expect,
      String shape,
      String method,
      String path,
      String contentType,
      String body) {
    return new FuzzRequest(index.value, shape, method, path, contentType, body, expect);
  }

  static String text(JsonNode body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
