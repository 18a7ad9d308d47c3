package org.ccpfhir.mdssearch.disclosure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ccpfhir.mdssearch.count.Cell;
import org.ccpfhir.mdssearch.count.CountResult;

/**
 * The one disclosure policy (README "Disclosure control"): the cell-key method. Every cell's
 * released value is a function of its true count and its cell key only ({@link PerturbationTable});
 * nothing is drawn per query and nothing is stored, so every question about the same patients —
 * however written, ordered or asked — releases the same value, before and after a restart.
 */
public class DisclosurePolicy {

  private final DisclosureProperties properties;
  private final PerturbationTable table;

  public DisclosurePolicy(DisclosureProperties properties) {
    this.properties = properties;
    this.table = new PerturbationTable(properties.floor(), properties.rounding());
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
    if (cell.count() < properties.floor()) {
      return new Released(null, properties.floor(), cell.count());
    }
    // only the record sample's members count (scaled up), so nobody outside it changes the value
    int estimate =
        properties.samplingRate() >= 1
            ? cell.counted()
            : (int)
                Math.min(Integer.MAX_VALUE, Math.round(cell.counted() / properties.samplingRate()));
    return new Released(
        table.release(estimate, cell.key(), measure), properties.floor(), cell.count());
  }
}
