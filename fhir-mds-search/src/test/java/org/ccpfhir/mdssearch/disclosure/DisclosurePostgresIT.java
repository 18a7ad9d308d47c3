package org.ccpfhir.mdssearch.disclosure;

import javax.sql.DataSource;
import org.ccpfhir.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Budgets and release records on a real PostgreSQL ({@code CCP_TEST_DB_URL}). */
class DisclosurePostgresIT extends DisclosureContract {

  @RegisterExtension final PostgresTestSchema postgres = new PostgresTestSchema("disclosure");

  @Override
  DataSource dataSource() {
    return postgres.dataSource();
  }
}
