package org.ccpfhir.mappers.tolerance;

import java.util.ArrayList;
import java.util.List;

/** The issues of one patient, collected while its messages are read and its bundle is built. */
public final class Issues {

  private final List<Issue> list = new ArrayList<>(0);

  public void normalised(String rule, String element, String detail) {
    list.add(new Issue(Issue.Action.NORMALISED, rule, element, detail));
  }

  public void dropped(String rule, String element, String detail) {
    list.add(new Issue(Issue.Action.DROPPED, rule, element, detail));
  }

  public void ignored(String rule, String element, String detail) {
    list.add(new Issue(Issue.Action.IGNORED, rule, element, detail));
  }

  public void refused(String rule, String element, String detail) {
    list.add(new Issue(Issue.Action.REFUSED, rule, element, detail));
  }

  public void add(Issue issue) {
    list.add(issue);
  }

  public List<Issue> all() {
    return List.copyOf(list);
  }

  /** The first refusal, or null: the patient is stored only without one. */
  public Issue refusal() {
    for (Issue issue : list) {
      if (issue.refusal()) {
        return issue;
      }
    }
    return null;
  }

  /**
   * A source value for an issue's detail: codes as written ("'1a(sn)'", "'m1'", "'9'"); anything
   * that does not look like a code (no digit or parenthesis, longer than two letters) could be free
   * text, even a name, and is withheld.
   */
  public static String quote(String raw) {
    boolean codeLike =
        raw != null
            && raw.matches("[0-9A-Za-z()+\\-,.]{1,15}")
            && (raw.length() <= 2 || raw.matches(".*[0-9(].*"));
    return codeLike ? "'" + raw + "'" : "(value withheld)";
  }

  public boolean isEmpty() {
    return list.isEmpty();
  }
}
