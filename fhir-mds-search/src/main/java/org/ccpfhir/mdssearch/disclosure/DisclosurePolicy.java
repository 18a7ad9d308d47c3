package org.ccpfhir.mdssearch.disclosure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ccpfhir.disclosure.CellKeyPolicy;
import org.ccpfhir.disclosure.PerturbationTable;
import org.ccpfhir.disclosure.Released;
import org.ccpfhir.mdssearch.count.Cell;
import org.ccpfhir.mdssearch.count.CountResult;

/**
 * The one disclosure policy (README "Disclosure control"): the cell-key method of the library
 * {@code disclosure} ({@link CellKeyPolicy}). Every cell's released value is a function of its true
 * count, its counted members and their cell key only ({@link PerturbationTable}); nothing is drawn
 * per query and nothing is stored, so every question about the same patients — however written,
 * ordered or asked — releases the same value, before and after a restart.
 */
public class DisclosurePolicy {

  private final CellKeyPolicy policy;

  public DisclosurePolicy(DisclosureProperties properties) {
    this.policy =
        new CellKeyPolicy(properties.floor(), properties.rounding(), properties.samplingRate());
  }

  /** Key of a normalised query (its canonical text) for the audit record: SHA-256, hex. */
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
    List<ReleasedCounts.Stratification> strata = new ArrayList<>();
    for (CountResult.Stratification stratification : result.stratifications()) {
      Map<List<String>, Released> released = new LinkedHashMap<>();
      stratification.cells().forEach((values, cell) -> released.put(values, patients(cell)));
      strata.add(new ReleasedCounts.Stratification(stratification.dimensions(), released));
    }
    return new ReleasedCounts(
        queryKey,
        patients(result.patients()),
        cell(result.samples(), PerturbationTable.SAMPLES),
        strata);
  }

  /** The released value of a cell of patients. */
  public Released patients(Cell cell) {
    return cell(cell, PerturbationTable.PATIENTS);
  }

  private Released cell(Cell cell, long measure) {
    return policy.release(cell.count(), cell.counted(), cell.key(), measure);
  }
}
