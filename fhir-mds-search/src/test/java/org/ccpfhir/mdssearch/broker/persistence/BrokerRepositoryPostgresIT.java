package org.ccpfhir.mdssearch.broker.persistence;

import javax.sql.DataSource;
import org.ccpfhir.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The broker's tables on a real PostgreSQL ({@code CCP_TEST_DB_URL}). */
class BrokerRepositoryPostgresIT extends BrokerRepositoryContract {

  @RegisterExtension final PostgresTestSchema postgres = new PostgresTestSchema("broker");

  @Override
  DataSource dataSource() {
    return postgres.dataSource();
  }
}
