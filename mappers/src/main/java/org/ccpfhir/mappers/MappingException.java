package org.ccpfhir.mappers;

import java.util.List;

/**
 * A source file that cannot be mapped. Names the file, line, column and the violated rule of each
 * problem; never quotes a value from the file, because values may be identifying data.
 */
public final class MappingException extends Exception {

  /** One problem in a source file; line and column are 1-based, 0 when unknown. */
  public record Problem(int line, int column, String rule, String detail) {

    @Override
    public String toString() {
      return line + ":" + column + ": " + rule + (detail.isEmpty() ? "" : ": " + detail);
    }
  }

  private final String source;
  private final List<Problem> problems;

  public MappingException(String source, List<Problem> problems) {
    super(describe(source, problems));
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  public MappingException(String source, int line, int column, String rule, String detail) {
    this(source, List.of(new Problem(line, column, rule, detail)));
  }

  public String source() {
    return source;
  }

  public List<Problem> problems() {
    return problems;
  }

  /** The first problem, the one a short report shows. */
  public Problem first() {
    return problems.get(0);
  }

  private static String describe(String source, List<Problem> problems) {
    if (problems.isEmpty()) {
      return source + ": rejected";
    }
    String first = source + ":" + problems.get(0);
    return problems.size() == 1 ? first : first + " (and " + (problems.size() - 1) + " more)";
  }
}
