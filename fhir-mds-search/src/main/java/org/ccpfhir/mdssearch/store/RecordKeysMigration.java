package org.ccpfhir.mdssearch.store;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 2.1 of {@code db/ccp-mds}: every record stored before record keys existed gets its
 * secret random key (V2 adds the column; SQL has no portable secure random, so the keys are drawn
 * here). Records stored since V2 get theirs at upload. Until this class existed the same step ran
 * after every migration (V2's comment still names that place: an applied SQL file must not change).
 */
final class RecordKeysMigration implements JavaMigration {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int BATCH = 1000;

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("2.1");
  }

  @Override
  public String getDescription() {
    return "record keys";
  }

  @Override
  public Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws Exception {
    List<Integer> keyless = new ArrayList<>();
    try (Statement select = context.getConnection().createStatement();
        ResultSet rows =
            select.executeQuery("SELECT ordinal FROM mds_record WHERE record_key IS NULL")) {
      while (rows.next()) {
        keyless.add(rows.getInt(1));
      }
    }
    try (PreparedStatement update =
        context
            .getConnection()
            .prepareStatement(
                "UPDATE mds_record SET record_key = ? WHERE ordinal = ? AND record_key IS NULL")) {
      for (int i = 0; i < keyless.size(); i++) {
        update.setInt(1, RANDOM.nextInt());
        update.setInt(2, keyless.get(i));
        update.addBatch();
        if ((i + 1) % BATCH == 0 || i == keyless.size() - 1) {
          update.executeBatch();
        }
      }
    }
  }
}
