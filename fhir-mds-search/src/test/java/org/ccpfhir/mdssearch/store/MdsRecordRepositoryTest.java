package org.ccpfhir.mdssearch.store;

import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class MdsRecordRepositoryTest extends MdsRecordRepositoryContract {

  private DataSource dataSource;

  @BeforeEach
  void h2() {
    dataSource =
        new DriverManagerDataSource(
            "jdbc:h2:mem:mds" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;MODE=LEGACY", "sa", "");
  }

  @Override
  DataSource dataSource() {
    return dataSource;
  }
}
