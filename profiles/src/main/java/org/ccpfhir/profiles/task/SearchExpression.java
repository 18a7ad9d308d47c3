package org.ccpfhir.profiles.task;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The criteria syntax of count queries and decentralized searches: FHIR search expressions {@code
 * Type?params} ({@code application/x-fhir-query}; a bare {@code Type} means "has any") combined
 * with {@code AND}, {@code OR}, {@code NOT} and parentheses. NOT binds tighter than AND, AND
 * tighter than OR; keywords in any case; expressions contain no spaces. Only the structure is
 * checked here: each evaluator checks the parameters it supports.
 */
public sealed interface SearchExpression {

  /** One {@code Type?query}: the patients having a resource of that type matching the query. */
  record Search(String type, String query) implements SearchExpression {}

  record And(List<SearchExpression> operands) implements SearchExpression {}

  record Or(List<SearchExpression> operands) implements SearchExpression {}

  record Not(SearchExpression operand) implements SearchExpression {}

  int MAX_LENGTH = 8000;

  /**
   * Parses an expression.
   *
   * @throws IllegalArgumentException with a message naming the offending token and its position
   */
  static SearchExpression parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("criteria: empty expression");
    }
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("criteria: longer than " + MAX_LENGTH + " characters");
    }
    return new Parser(text).parseAll();
  }

  /** Recursive descent over whitespace/parenthesis separated tokens. */
  final class Parser {
    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z]{1,40}");
    private final List<String> tokens = new ArrayList<>();
    private int position;

    private Parser(String text) {
      StringBuilder token = new StringBuilder();
      for (char c : text.toCharArray()) {
        if (Character.isWhitespace(c) || c == '(' || c == ')') {
          flush(token);
          if (c != ' ' && !Character.isWhitespace(c)) {
            tokens.add(String.valueOf(c));
          }
        } else {
          token.append(c);
        }
      }
      flush(token);
    }

    private void flush(StringBuilder token) {
      if (!token.isEmpty()) {
        tokens.add(token.toString());
        token.setLength(0);
      }
    }

    private SearchExpression parseAll() {
      SearchExpression expression = or();
      if (position < tokens.size()) {
        throw unexpected();
      }
      return expression;
    }

    private SearchExpression or() {
      List<SearchExpression> operands = new ArrayList<>(List.of(and()));
      while (keyword("OR")) {
        operands.add(and());
      }
      return operands.size() == 1 ? operands.get(0) : new Or(operands);
    }

    private SearchExpression and() {
      List<SearchExpression> operands = new ArrayList<>(List.of(not()));
      while (keyword("AND")) {
        operands.add(not());
      }
      return operands.size() == 1 ? operands.get(0) : new And(operands);
    }

    private SearchExpression not() {
      if (keyword("NOT")) {
        return new Not(not());
      }
      if (position < tokens.size() && tokens.get(position).equals("(")) {
        position++;
        SearchExpression inner = or();
        if (position >= tokens.size() || !tokens.get(position).equals(")")) {
          throw new IllegalArgumentException("criteria: missing ')' at token " + (position + 1));
        }
        position++;
        return inner;
      }
      return search();
    }

    private SearchExpression search() {
      if (position >= tokens.size()) {
        throw new IllegalArgumentException("criteria: expression ends where a search is expected");
      }
      String token = tokens.get(position);
      if (List.of("AND", "OR", "NOT", ")").contains(token.toUpperCase(java.util.Locale.ROOT))) {
        throw unexpected();
      }
      int question = token.indexOf('?');
      String type = question < 0 ? token : token.substring(0, question);
      if (!TYPE.matcher(type).matches()) {
        throw new IllegalArgumentException(
            "criteria: '"
                + shorten(token)
                + "' at token "
                + (position + 1)
                + " is not Type?params");
      }
      position++;
      return new Search(type, question < 0 ? "" : token.substring(question + 1));
    }

    private boolean keyword(String word) {
      if (position < tokens.size() && tokens.get(position).equalsIgnoreCase(word)) {
        position++;
        return true;
      }
      return false;
    }

    private IllegalArgumentException unexpected() {
      return new IllegalArgumentException(
          "criteria: unexpected '"
              + shorten(tokens.get(position))
              + "' at token "
              + (position + 1));
    }

    private static String shorten(String token) {
      return token.length() > 60 ? token.substring(0, 60) + "…" : token;
    }
  }
}
