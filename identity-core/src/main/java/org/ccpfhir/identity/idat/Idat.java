package org.ccpfhir.identity.idat;

import java.util.List;
import java.util.Map;

/**
 * Normalised identifying data (IDAT) of one person, as the local patient list stores it, the
 * control-number generator encodes it and both matchers compare it; absent fields are null. {@link
 * #toString()} never shows a value, so an Idat in a log or exception leaks nothing.
 *
 * @param fields value per field (names normalised, dates as numbers)
 * @param formerNames normalised former last names
 */
public record Idat(Map<IdatField, String> fields, List<String> formerNames) {
  public Idat {
    fields = Map.copyOf(fields);
    formerNames = List.copyOf(formerNames);
  }

  @Override
  public String toString() {
    return "Idat[" + fields.size() + " fields]";
  }
}
