package org.ccpfhir.identity.central;

import java.util.EnumMap;
import java.util.Map;
import org.ccpfhir.identity.idat.IdatField;

/**
 * A possible match waiting for the linkage admin: the new record (with the person it was given and
 * the site it came from) against the candidate person, with the weighted score and the Dice
 * similarity per field. Never IDAT, never control numbers.
 *
 * @param id review id
 * @param recordId the control-number record that arrived
 * @param recordPerson the person that record was given
 * @param site the site that sent it
 * @param candidatePerson the person it possibly belongs to
 * @param score weighted similarity in [0, 1]
 * @param similarities Dice similarity per field
 * @param weights the Fellegi–Sunter weight (bits) each field added to the score (empty for reviews
 *     opened before the weights were kept)
 * @param status OPEN, LINKED, NOT_LINKED or UNLINKED (a link undone)
 * @param createdMs when the review was opened
 */
public record LinkageReview(
    long id,
    int recordId,
    long recordPerson,
    String site,
    long candidatePerson,
    double score,
    Map<IdatField, Double> similarities,
    Map<IdatField, Double> weights,
    String status,
    long createdMs) {

  public static final String OPEN = "OPEN";
  public static final String LINKED = "LINKED";
  public static final String NOT_LINKED = "NOT_LINKED";
  public static final String UNLINKED = "UNLINKED";

  /** Weights share the similarities' column (no migration): {@code FIELD.w=bits}. */
  private static final String WEIGHT = ".w";

  static String formatSimilarities(
      Map<IdatField, Double> similarities, Map<IdatField, Double> weights) {
    java.util.List<String> entries = new java.util.ArrayList<>();
    similarities.forEach((field, value) -> entries.add(field.name() + "=" + format(value)));
    weights.forEach((field, value) -> entries.add(field.name() + WEIGHT + "=" + format(value)));
    return String.join(";", entries);
  }

  private static String format(double value) {
    return String.format(java.util.Locale.ROOT, "%.4f", value);
  }

  static Map<IdatField, Double> parseSimilarities(String text) {
    return parse(text, false);
  }

  static Map<IdatField, Double> parseWeights(String text) {
    return parse(text, true);
  }

  private static Map<IdatField, Double> parse(String text, boolean weights) {
    Map<IdatField, Double> values = new EnumMap<>(IdatField.class);
    for (String entry : text.split(";")) {
      int equals = entry.indexOf('=');
      if (equals > 0) {
        String key = entry.substring(0, equals);
        if (key.endsWith(WEIGHT) == weights) {
          values.put(
              IdatField.valueOf(weights ? key.substring(0, key.length() - WEIGHT.length()) : key),
              Double.parseDouble(entry.substring(equals + 1)));
        }
      }
    }
    return values;
  }
}
