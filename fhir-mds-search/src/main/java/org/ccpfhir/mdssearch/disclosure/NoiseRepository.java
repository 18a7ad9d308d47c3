package org.ccpfhir.mdssearch.disclosure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The noise drawn for each (normalised query, cell, true count), kept forever: asking again,
 * reordering or restarting finds the same noise and so the same released value.
 */
public class NoiseRepository {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;

  public NoiseRepository(DataSource dataSource, Clock clock) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.clock = clock;
  }

  /**
   * The noise of every given cell (cell name to its true count): stored noise where there is some,
   * new draws stored first for the others. One read and at most one batch insert per query; when a
   * concurrent request stored the same cells first, its draws win.
   */
  public Map<String, Double> noises(
      String queryKey, Map<String, Integer> cells, DoubleSupplier draw) {
    Map<String, Double> found = find(queryKey, cells);
    if (found.size() == cells.size()) {
      return found;
    }
    Map<String, Double> drawn = new LinkedHashMap<>();
    cells.forEach(
        (cell, count) -> {
          if (!found.containsKey(cell)) {
            drawn.put(cell, draw.getAsDouble());
          }
        });
    List<Object[]> rows = new ArrayList<>();
    long now = clock.millis();
    drawn.forEach(
        (cell, value) -> rows.add(new Object[] {queryKey, cell, cells.get(cell), value, now}));
    try {
      transactions.executeWithoutResult(
          status ->
              jdbc.batchUpdate(
                  "INSERT INTO mds_release_noise (query_key, cell, true_count, noise, created_ms)"
                      + " VALUES (?,?,?,?,?)",
                  rows));
    } catch (DuplicateKeyException concurrent) {
      return find(queryKey, cells);
    }
    found.putAll(drawn);
    return found;
  }

  private Map<String, Double> find(String queryKey, Map<String, Integer> cells) {
    Map<String, Double> found = new HashMap<>();
    jdbc.query(
        "SELECT cell, true_count, noise FROM mds_release_noise WHERE query_key = ?",
        rs -> {
          String cell = rs.getString(1);
          Integer count = cells.get(cell);
          if (count != null && count == rs.getInt(2)) {
            found.put(cell, rs.getDouble(3));
          }
        },
        queryKey);
    return found;
  }
}
