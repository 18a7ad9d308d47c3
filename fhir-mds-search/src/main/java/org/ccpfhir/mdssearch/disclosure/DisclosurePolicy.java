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
    Released patients = cell(queryKey, "patients", result.patients());
    Released samples = cell(queryKey, "samples", result.samples());
    List<ReleasedCounts.Stratification> strata = new ArrayList<>();
    for (CountResult.Stratification stratification : result.stratifications()) {
      Map<List<String>, Released> cells = new LinkedHashMap<>();
      stratification
          .cells()
          .forEach(
              (values, count) ->
                  cells.put(values, cell(queryKey, cellName(stratification, values), count)));
      strata.add(new ReleasedCounts.Stratification(stratification.dimensions(), cells));
    }
    patients = StrataConsistency.reconcile(patients, strata, properties);
    return new ReleasedCounts(queryKey, patients, samples, strata);
  }

  /** Released value of one cell. */
  Released cell(String queryKey, String cell, int trueCount) {
    int floor = properties.floor();
    if (trueCount == 0) {
      return new Released(0, floor, 0);
    }
    if (trueCount < floor) {
      return new Released(null, floor, trueCount);
    }
    double drawn =
        properties.laplaceScale() == 0 ? 0 : noise.noise(queryKey, cell, trueCount, this::laplace);
    int rounding = properties.rounding();
    long rounded = Math.round((trueCount + drawn) / rounding) * rounding;
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
