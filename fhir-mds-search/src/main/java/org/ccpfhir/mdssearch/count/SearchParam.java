package org.ccpfhir.mdssearch.count;

import java.util.List;

/**
 * One search parameter of a search expression: {@code code:below=C50,C51} has name {@code code},
 * modifier {@code below} and two alternative values.
 *
 * @param name parameter name
 * @param modifier modifier after the colon, or empty
 * @param values the comma-separated alternatives, decoded
 */
public record SearchParam(String name, String modifier, List<String> values) {

  public SearchParam {
    values = List.copyOf(values);
  }

  String canonical() {
    return name
        + (modifier.isEmpty() ? "" : ":" + modifier)
        + "="
        + String.join(",", values.stream().sorted().distinct().toList());
  }
}
