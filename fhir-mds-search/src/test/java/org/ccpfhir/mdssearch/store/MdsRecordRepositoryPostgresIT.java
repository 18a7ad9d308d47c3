package org.ccpfhir.mdssearch.store;

import javax.sql.DataSource;
import org.ccpfhir.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same contract on a real PostgreSQL ({@code CCP_TEST_DB_URL}), one schema per test. */
class MdsRecordRepositoryPostgresIT extends MdsRecordRepositoryContract {

  @RegisterExtension final PostgresTestSchema postgres = new PostgresTestSchema("mds");

  @Override
  DataSource dataSource() {
    return postgres.dataSource();
  }
}
