package org.ccpfhir.mappers.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ccpfhir.mappers.MappingException.Problem;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Collects parser and schema problems as {@link Problem}s. Parser messages may quote the offending
 * value (a name, a birth date), so every quoted value is replaced before the message is kept.
 */
final class ProblemCollector implements ErrorHandler {

  static final String NOT_WELL_FORMED = "not-well-formed";
  private static final int MAX_PROBLEMS = 20;
  private static final int MAX_DETAIL = 240;

  /** Xerces' schema messages start with their rule key, e.g. "cvc-pattern-valid: ...". */
  private static final Pattern RULE_KEY = Pattern.compile("^(cvc-[A-Za-z0-9.\\-]+):\\s*(.*)$");

  /** "Value 'x'" / "value 'x'": the quoted text is content from the file. */
  private static final Pattern QUOTED_VALUE =
      Pattern.compile("(?i)(value\\s*)(['\"]).*?\\2", Pattern.DOTALL);

  /** Patterns and enumerations of the schema are long; they add nothing a reader needs. */
  private static final Pattern FACET =
      Pattern.compile("(pattern|enumeration)\\s*'.*?'(\\s+for type|\\.|$)", Pattern.DOTALL);

  private final TreeBuilder tree;
  private final List<Problem> problems = new ArrayList<>();

  ProblemCollector(TreeBuilder tree) {
    this.tree = tree;
  }

  @Override
  public void warning(SAXParseException e) {
    // warnings do not make a file invalid
  }

  @Override
  public void error(SAXParseException e) throws SAXException {
    add(e, false);
    if (problems.size() >= MAX_PROBLEMS) {
      throw new StopException();
    }
  }

  @Override
  public void fatalError(SAXParseException e) throws SAXException {
    add(e, true);
    throw new StopException();
  }

  void add(int line, int column, String rule, String detail) {
    problems.add(new Problem(line, column, rule, detail));
  }

  private void add(SAXParseException e, boolean fatal) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    String rule = fatal ? NOT_WELL_FORMED : "schema";
    Matcher key = RULE_KEY.matcher(message);
    if (key.matches()) {
      rule = key.group(1);
      message = key.group(2);
    }
    String detail = redact(message);
    String path = tree.currentPath();
    if (!fatal && !path.isEmpty()) {
      detail = detail + " [at " + path + "]";
    }
    problems.add(new Problem(e.getLineNumber(), e.getColumnNumber(), rule, detail));
  }

  static String redact(String message) {
    String out = QUOTED_VALUE.matcher(message).replaceAll("$1(redacted)");
    out = FACET.matcher(out).replaceAll("$1 of the schema$2");
    return out.length() > MAX_DETAIL ? out.substring(0, MAX_DETAIL) + "…" : out;
  }

  List<Problem> problems() {
    return problems;
  }

  /** Ends parsing early; the collected problems tell why. */
  static final class StopException extends SAXException {
    StopException() {
      super("stopped");
    }
  }
}
