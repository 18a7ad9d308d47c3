package org.ccpfhir.mdssearch.disclosure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ccpfhir.mdssearch.count.CountResult;
import org.ccpfhir.mdssearch.count.Stratifier;

/**
 * The one disclosure policy (README "Disclosure control"): small counts floored, others perturbed
 * with Laplace noise persisted per (normalised query, cell, true count) and rounded, then strata
 * made consistent with the total. Everything after the persisted draws is deterministic, so the
 * same query always releases the same numbers.
 */
public class DisclosurePolicy {

  private final DisclosureProperties properties;
  private final NoiseRepository noise;
  private final SecureRandom random = new SecureRandom();

  public DisclosurePolicy(DisclosureProperties properties, NoiseRepository noise) {
    this.properties = properties;
    this.noise = noise;
  }

  /** Key of a normalised query (its canonical text): SHA-256, hex. */
  public static String queryKey(String canonical) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public ReleasedCounts release(String queryKey, CountResult result) {
    Map<String, Integer> cells = new LinkedHashMap<>();
    cells.put("patients", result.patients());
    cells.put("samples", result.samples());
    for (CountResult.Stratification stratification : result.stratifications()) {
      stratification
          .cells()
          .forEach((values, count) -> cells.put(cellName(stratification, values), count));
    }
    // one round trip for all noise of the query (a stratified query has hundreds of cells)
    Map<String, Integer> noisy = new LinkedHashMap<>();
    cells.forEach(
        (cell, count) -> {
          if (count >= properties.floor() && properties.laplaceScale() > 0) {
            noisy.put(cell, count);
          }
        });
    Map<String, Double> noises =
        noisy.isEmpty() ? Map.of() : noise.noises(queryKey, noisy, this::laplace);
    Released patients = cell(result.patients(), noises.get("patients"));
    Released samples = cell(result.samples(), noises.get("samples"));
    List<ReleasedCounts.Stratification> strata = new ArrayList<>();
    for (CountResult.Stratification stratification : result.stratifications()) {
      Map<List<String>, Released> released = new LinkedHashMap<>();
      stratification
          .cells()
          .forEach(
              (values, count) ->
                  released.put(values, cell(count, noises.get(cellName(stratification, values)))));
      strata.add(new ReleasedCounts.Stratification(stratification.dimensions(), released));
    }
    patients = StrataConsistency.reconcile(patients, strata, properties);
    return new ReleasedCounts(queryKey, patients, samples, strata);
  }

  /** Released value of one cell (tests: one cell at a time). */
  Released cell(String queryKey, String cell, int trueCount) {
    Double drawn =
        trueCount >= properties.floor() && properties.laplaceScale() > 0
            ? noise.noises(queryKey, Map.of(cell, trueCount), this::laplace).get(cell)
            : null;
    return cell(trueCount, drawn);
  }

  private Released cell(int trueCount, Double drawn) {
    int floor = properties.floor();
    if (trueCount == 0) {
      return new Released(0, floor, 0);
    }
    if (trueCount < floor) {
      return new Released(null, floor, trueCount);
    }
    int rounding = properties.rounding();
    long rounded = Math.round((trueCount + (drawn == null ? 0 : drawn)) / rounding) * rounding;
    int minimum = (floor + rounding - 1) / rounding * rounding;
    return new Released((int) Math.max(rounded, minimum), floor, trueCount);
  }

  private double laplace() {
    double u = random.nextDouble() - 0.5;
    return -properties.laplaceScale() * Math.signum(u) * Math.log(1 - 2 * Math.abs(u));
  }

  static String cellName(CountResult.Stratification stratification, List<String> values) {
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      Stratifier stratifier = stratification.dimensions().get(i);
      name.append(i == 0 ? "" : "|").append(stratifier.code()).append('=').append(values.get(i));
    }
    return name.toString();
  }
}
