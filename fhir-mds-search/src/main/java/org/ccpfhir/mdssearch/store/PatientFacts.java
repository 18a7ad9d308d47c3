package org.ccpfhir.mdssearch.store;

import java.util.List;

/**
 * The indexed attribute values of one stored patient: what the count engine needs, nothing else.
 * Tokens are {@code key=value} ({@code sex=female}, {@code Condition.code=C50.4}) and date tokens
 * {@code @key=YYYY-MM-DD}; a token may repeat (two samples of one type count twice).
 *
 * @param tokens the tokens, in the order the extractor found them
 */
public record PatientFacts(List<String> tokens) {

  public static final String DATE_MARK = "@";

  public PatientFacts {
    tokens = List.copyOf(tokens);
  }

  /** One token per line, as stored in the {@code facts} column. */
  public String encode() {
    return String.join("\n", tokens);
  }

  public static PatientFacts decode(String stored) {
    return new PatientFacts(stored.isEmpty() ? List.of() : List.of(stored.split("\n")));
  }
}
