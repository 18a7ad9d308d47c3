package org.ccpfhir.identity.central;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
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
    String status,
    long createdMs) {

  public static final String OPEN = "OPEN";
  public static final String LINKED = "LINKED";
  public static final String NOT_LINKED = "NOT_LINKED";
  public static final String UNLINKED = "UNLINKED";

  static String formatSimilarities(Map<IdatField, Double> similarities) {
    return similarities.entrySet().stream()
        .map(
            e ->
                e.getKey().name()
                    + "="
                    + String.format(java.util.Locale.ROOT, "%.4f", e.getValue()))
        .collect(Collectors.joining(";"));
  }

  static Map<IdatField, Double> parseSimilarities(String text) {
    Map<IdatField, Double> similarities = new EnumMap<>(IdatField.class);
    for (String entry : text.split(";")) {
      int equals = entry.indexOf('=');
      if (equals > 0) {
        similarities.put(
            IdatField.valueOf(entry.substring(0, equals)),
            Double.parseDouble(entry.substring(equals + 1)));
      }
    }
    return similarities;
  }
}
