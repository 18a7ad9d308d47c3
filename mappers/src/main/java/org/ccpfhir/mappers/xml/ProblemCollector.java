package org.ccpfhir.mappers.xml;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ccpfhir.mappers.MappingException.Problem;
import org.ccpfhir.mappers.tolerance.Issue;
import org.ccpfhir.mappers.tolerance.SchemaLeniency;
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
  private static final int MAX_DETAIL = 400;

  /** Xerces' schema messages start with their rule key, e.g. "cvc-pattern-valid: ...". */
  private static final Pattern RULE_KEY = Pattern.compile("^(cvc-[A-Za-z0-9.\\-]+):\\s*(.*)$");

  /** A quoted part of a parser message: a name from the schema, or content from the file. */
  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

  /** Namespace prefixes in element lists: {"http://...":Name} reads better as {Name}. */
  private static final Pattern NAMESPACE = Pattern.compile("\"[^\"]*\":");

  /** Problems kept per refused patient: the first ones name the cause. */
  private static final int MAX_UNIT_PROBLEMS = 5;

  private final TreeBuilder tree;
  private final Set<String> schemaNames;
  private final List<Problem> problems = new ArrayList<>();
  private final boolean lenient;
  private final Map<XmlElement, List<Issue>> unitIssues = new IdentityHashMap<>();
  private final List<Issue> documentIssues = new ArrayList<>();

  /**
   * @param schemaNames element, attribute and type names of the schema: the only quoted words a
   *     message may keep
   */
  ProblemCollector(TreeBuilder tree, Set<String> schemaNames) {
    this(tree, schemaNames, false);
  }

  /**
   * @param lenient true: schema problems inside a patient refuse only that patient, and problems on
   *     discarded fields or fields with a mapper rule refuse nothing ({@link SchemaLeniency})
   */
  ProblemCollector(TreeBuilder tree, Set<String> schemaNames, boolean lenient) {
    this.tree = tree;
    this.schemaNames = schemaNames;
    this.lenient = lenient;
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
    String detail = redact(message, schemaNames);
    String path = tree.currentPath();
    if (lenient && !fatal && addLenient(e, rule, detail, path)) {
      return;
    }
    if (!fatal && !path.isEmpty()) {
      detail = detail + " [at " + path + "]";
    }
    problems.add(new Problem(e.getLineNumber(), e.getColumnNumber(), rule, detail));
  }

  /** True when the problem is not one of the document's: it belongs to a patient or is ignored. */
  private boolean addLenient(SAXParseException e, String rule, String detail, String path) {
    SchemaLeniency.Kind kind = SchemaLeniency.classify(path, detail);
    if (kind == SchemaLeniency.Kind.MAPPER_RULE) {
      return true;
    }
    XmlElement unit = tree.unit();
    String element = unit == null ? path : tree.pathInUnit();
    String position = "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": ";
    String where = position + detail;
    List<Issue> before = unit == null ? documentIssues : unitIssues.get(unit);
    if (before != null
        && !before.isEmpty()
        && before.get(before.size() - 1).element().equals(element)
        && before.get(before.size() - 1).detail().startsWith(position)) {
      // Xerces follows a facet error with a type error at the same place: one problem
      return true;
    }
    if (kind == SchemaLeniency.Kind.DISCARDED) {
      Issue issue = new Issue(Issue.Action.IGNORED, rule, element, where);
      if (unit == null) {
        documentIssues.add(issue);
      } else {
        unitIssues.computeIfAbsent(unit, u -> new ArrayList<>()).add(issue);
      }
      return true;
    }
    if (unit == null) {
      return false;
    }
    List<Issue> issues = unitIssues.computeIfAbsent(unit, u -> new ArrayList<>());
    if (issues.stream().filter(Issue::refusal).count() < MAX_UNIT_PROBLEMS) {
      issues.add(new Issue(Issue.Action.REFUSED, rule, element, where));
    }
    return true;
  }

  Map<XmlElement, List<Issue>> unitIssues() {
    return unitIssues;
  }

  List<Issue> documentIssues() {
    return documentIssues;
  }

  /**
   * Keeps quoted schema names and element lists, replaces every other quoted text (a value from the
   * file, or a long schema pattern) by "(redacted)".
   */
  static String redact(String message, Set<String> schemaNames) {
    String plain = NAMESPACE.matcher(message).replaceAll("");
    Matcher m = QUOTED.matcher(plain);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String quoted = m.group(1);
      String kept = isSchemaText(quoted, schemaNames) ? "'" + quoted + "'" : "(redacted)";
      m.appendReplacement(out, Matcher.quoteReplacement(kept));
    }
    m.appendTail(out);
    String result = out.toString();
    return result.length() > MAX_DETAIL ? result.substring(0, MAX_DETAIL) + "…" : result;
  }

  private static boolean isSchemaText(String quoted, Set<String> schemaNames) {
    String inner = quoted;
    if (inner.startsWith("{") && inner.endsWith("}")) {
      inner = inner.substring(1, inner.length() - 1);
    }
    for (String part : inner.split(",\\s*")) {
      if (!schemaNames.contains(part.trim())) {
        return false;
      }
    }
    return true;
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
