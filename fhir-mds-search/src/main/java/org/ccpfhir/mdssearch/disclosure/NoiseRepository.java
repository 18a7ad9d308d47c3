package org.ccpfhir.mdssearch.disclosure;

import java.time.Clock;
import java.util.List;
import java.util.function.DoubleSupplier;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The noise drawn for each (normalised query, cell, true count), kept forever: asking again,
 * reordering or restarting finds the same noise and so the same released value.
 */
public class NoiseRepository {

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public NoiseRepository(DataSource dataSource, Clock clock) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.clock = clock;
  }

  /** The stored noise, or a new draw stored first (the first writer wins on a race). */
  public double noise(String queryKey, String cell, int trueCount, DoubleSupplier draw) {
    List<Double> stored = find(queryKey, cell, trueCount);
    if (!stored.isEmpty()) {
      return stored.get(0);
    }
    try {
      double noise = draw.getAsDouble();
      jdbc.update(
          "INSERT INTO mds_release_noise (query_key, cell, true_count, noise, created_ms)"
              + " VALUES (?,?,?,?,?)",
          queryKey,
          cell,
          trueCount,
          noise,
          clock.millis());
      return noise;
    } catch (DuplicateKeyException concurrent) {
      return find(queryKey, cell, trueCount).get(0);
    }
  }

  private List<Double> find(String queryKey, String cell, int trueCount) {
    return jdbc.queryForList(
        "SELECT noise FROM mds_release_noise WHERE query_key = ? AND cell = ? AND true_count = ?",
        Double.class,
        queryKey,
        cell,
        trueCount);
  }
}
