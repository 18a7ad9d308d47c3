package org.ccpfhir.bridgehead.biobank;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes that let the sample page's list stop after its first page (bench/README.md "Sample
 * search"). The page asks for the newest samples first by {@code _sort=-_pid}; for a search with
 * parameters HAPI then orders the matches by {@code RES_ID DESC NULLS LAST}, which HAPI's own index
 * rows ({@code (hash, res_id)}, ascending) cannot deliver in that order — PostgreSQL read, grouped
 * and sorted every match (a quarter of 100,000 samples for one sample type) to return 100. With the
 * hash and {@code res_id DESC NULLS LAST} in one index it reads the newest matches in order and
 * stops at the page: string parameters with {@code :exact} (storage place), tokens with system
 * (sample type) and without (biobank status). They serve every such search of any resource type,
 * and cost one more index entry per string and two per token index row on every write.
 *
 * <p>Created at start-up after HAPI's schema ({@code IF NOT EXISTS}: a restart finds them); on a
 * large existing store the first start takes the time to build them.
 */
public class SampleListIndexes {

  private static final Logger LOG = LoggerFactory.getLogger(SampleListIndexes.class);

  static final List<String> STATEMENTS =
      List.of(
          "CREATE INDEX IF NOT EXISTS CCP_IDX_SP_STRING_EXACT_NEWEST"
              + " ON HFJ_SPIDX_STRING (HASH_EXACT, RES_ID DESC NULLS LAST)",
          "CREATE INDEX IF NOT EXISTS CCP_IDX_SP_TOKEN_SYSVAL_NEWEST"
              + " ON HFJ_SPIDX_TOKEN (HASH_SYS_AND_VALUE, RES_ID DESC NULLS LAST)",
          "CREATE INDEX IF NOT EXISTS CCP_IDX_SP_TOKEN_VALUE_NEWEST"
              + " ON HFJ_SPIDX_TOKEN (HASH_VALUE, RES_ID DESC NULLS LAST)");

  /**
   * @param dataSource the store's database, whose HAPI tables exist (the caller depends on the JPA
   *     store being built)
   */
  public SampleListIndexes(DataSource dataSource) {
    long start = System.nanoTime();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : STATEMENTS) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the sample list's indexes", e);
    }
    LOG.info("Sample list indexes present ({} ms)", (System.nanoTime() - start) / 1_000_000);
  }
}
