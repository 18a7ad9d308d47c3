package org.ccpfhir.mdssearch.count;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses count criteria: FHIR search expressions ({@code application/x-fhir-query}, e.g. {@code
 * Condition?code:below=C50&onset-date=ge2020}) combined with {@code AND}, {@code OR}, {@code NOT}
 * and parentheses; NOT binds tighter than AND, AND tighter than OR. Expressions contain no spaces
 * (encode them as {@code %20}). Every parameter is checked against the {@link SearchCatalog}.
 */
public final class CriteriaParser {

  private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z]{1,40}");
  private static final int MAX_LENGTH = 8000;
  private static final int MAX_OPERANDS = 200;
  // nesting by parentheses and NOT: bounded so that no request can exhaust the thread's stack
  private static final int MAX_DEPTH = 32;

  private final SearchCatalog catalog;
  private List<String> tokens;
  private int position;
  private int operands;
  private int depth;

  public CriteriaParser(SearchCatalog catalog) {
    this.catalog = catalog;
  }

  /** Parses a whole expression; a new parser state per call, so one instance serves one thread. */
  public static Criteria parse(SearchCatalog catalog, String expression) {
    return new CriteriaParser(catalog).parse(expression);
  }

  Criteria parse(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new CriteriaException("criteria: empty expression");
    }
    if (expression.length() > MAX_LENGTH) {
      throw new CriteriaException("criteria: longer than " + MAX_LENGTH + " characters");
    }
    tokens = tokenize(expression);
    position = 0;
    Criteria criteria = or();
    if (position < tokens.size()) {
      throw new CriteriaException(
          "criteria: unexpected '" + tokens.get(position) + "' at token " + (position + 1));
    }
    return criteria;
  }

  /** A search of one type from already separated query parameters (GET search). */
  public static Criteria.Search search(
      SearchCatalog catalog, String type, Map<String, List<String>> parameters) {
    List<SearchParam> params = new ArrayList<>();
    parameters.forEach(
        (name, values) -> values.forEach(value -> params.add(param(name, value, false))));
    return catalog.check(new Criteria.Search(type, params));
  }

  private Criteria or() {
    List<Criteria> operands = new ArrayList<>(List.of(and()));
    while (peekKeyword("OR")) {
      position++;
      operands.add(and());
    }
    return operands.size() == 1 ? operands.get(0) : new Criteria.Or(operands);
  }

  private Criteria and() {
    List<Criteria> operands = new ArrayList<>(List.of(unary()));
    while (peekKeyword("AND")) {
      position++;
      operands.add(unary());
    }
    return operands.size() == 1 ? operands.get(0) : new Criteria.And(operands);
  }

  private Criteria unary() {
    if (position >= tokens.size()) {
      throw new CriteriaException("criteria: expression ends where an operand was expected");
    }
    String token = tokens.get(position++);
    boolean nesting = token.equalsIgnoreCase("NOT") || token.equals("(");
    if (nesting && ++depth > MAX_DEPTH) {
      throw new CriteriaException(
          "criteria: nested deeper than " + MAX_DEPTH + " levels (parentheses and NOT)");
    }
    try {
      return nesting ? nested(token) : operand(token);
    } finally {
      if (nesting) {
        depth--;
      }
    }
  }

  private Criteria nested(String token) {
    if (token.equalsIgnoreCase("NOT")) {
      return new Criteria.Not(unary());
    }
    Criteria inner = or();
    if (position >= tokens.size() || !tokens.get(position).equals(")")) {
      throw new CriteriaException("criteria: missing ')' at token " + (position + 1));
    }
    position++;
    return inner;
  }

  private Criteria operand(String token) {
    if (++operands > MAX_OPERANDS) {
      throw new CriteriaException("criteria: more than " + MAX_OPERANDS + " search expressions");
    }
    return atom(token, position);
  }

  private Criteria atom(String text, int index) {
    int question = text.indexOf('?');
    String type = question < 0 ? text : text.substring(0, question);
    if (!TYPE.matcher(type).matches()) {
      throw new CriteriaException(
          "criteria: token " + index + " '" + shorten(text) + "' is not a search expression");
    }
    List<SearchParam> params = new ArrayList<>();
    if (question >= 0 && question < text.length() - 1) {
      for (String pair : text.substring(question + 1).split("&")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new CriteriaException(
              "criteria: " + type + " parameter '" + shorten(pair) + "' has no value");
        }
        params.add(param(decode(pair.substring(0, eq)), pair.substring(eq + 1), true));
      }
    }
    return catalog.check(new Criteria.Search(type, params));
  }

  private static SearchParam param(String nameWithModifier, String rawValue, boolean encoded) {
    int colon = nameWithModifier.indexOf(':');
    String name = colon < 0 ? nameWithModifier : nameWithModifier.substring(0, colon);
    String modifier = colon < 0 ? "" : nameWithModifier.substring(colon + 1);
    List<String> values =
        Arrays.stream(rawValue.split(","))
            .map(v -> encoded ? decode(v) : v)
            .map(String::trim)
            .filter(v -> !v.isEmpty())
            .toList();
    if (values.isEmpty()) {
      throw new CriteriaException("criteria: parameter '" + name + "' has an empty value");
    }
    return new SearchParam(name, modifier, values);
  }

  private boolean peekKeyword(String keyword) {
    return position < tokens.size() && tokens.get(position).equalsIgnoreCase(keyword);
  }

  private static List<String> tokenize(String expression) {
    List<String> result = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (char c : expression.toCharArray()) {
      if (Character.isWhitespace(c) || c == '(' || c == ')') {
        if (current.length() > 0) {
          result.add(current.toString());
          current.setLength(0);
        }
        if (c == '(' || c == ')') {
          result.add(String.valueOf(c));
        }
      } else {
        current.append(c);
      }
    }
    if (current.length() > 0) {
      result.add(current.toString());
    }
    return result;
  }

  private static String decode(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new CriteriaException("criteria: bad percent-encoding in '" + shorten(value) + "'");
    }
  }

  public static String shorten(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "…" : text;
  }

  /** Groups raw GET parameters by name, keeping their order (for error messages). */
  public static Map<String, List<String>> group(Map<String, String[]> raw) {
    Map<String, List<String>> grouped = new LinkedHashMap<>();
    raw.forEach((name, values) -> grouped.put(name, List.of(values)));
    return grouped;
  }
}
