package org.ccpfhir.mdssearch.broker.persistence;

import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class BrokerRepositoryTest extends BrokerRepositoryContract {

  private DataSource dataSource;

  @BeforeEach
  void h2() {
    dataSource =
        new DriverManagerDataSource(
            "jdbc:h2:mem:broker" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;MODE=LEGACY", "sa", "");
  }

  @Override
  DataSource dataSource() {
    return dataSource;
  }
}
