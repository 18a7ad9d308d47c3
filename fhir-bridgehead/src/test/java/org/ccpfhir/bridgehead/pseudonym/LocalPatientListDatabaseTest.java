package org.ccpfhir.bridgehead.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.ccpfhir.identity.local.LocalPatientRepository;
import org.ccpfhir.testsupport.Tables;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class LocalPatientListDatabaseTest {

  final DataSource shared =
      new DriverManagerDataSource(
          "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");

  @Test
  void withoutAUrlTheListSharesTheBridgeheadDatabase() {
    try (LocalPatientListDatabase database =
        new LocalPatientListDatabase(
            shared,
            new LocalPatientListProperties.Database("", "", "", 5, 1, Duration.ofSeconds(30)))) {
      assertThat(database.separate()).isFalse();
      assertThat(database.dataSource()).isSameAs(shared);
    }
  }

  @Test
  void withAUrlTheIdatTablesLiveInTheListsOwnDatabase() {
    String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    try (LocalPatientListDatabase database =
        new LocalPatientListDatabase(
            shared,
            new LocalPatientListProperties.Database(url, "sa", "", 2, 1, Duration.ofSeconds(30)))) {
      LocalPatientRepository.SCHEMA.migrate(database.dataSource());

      assertThat(database.separate()).isTrue();
      assertThat(Tables.inPublicSchema(database.dataSource())).contains("ccp_local_patient");
      assertThat(Tables.inPublicSchema(shared)).doesNotContain("ccp_local_patient");
    }
  }

  @Test
  void theOwnPoolShrinksToItsIdleMinimum() {
    String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    try (LocalPatientListDatabase database =
        new LocalPatientListDatabase(
            shared,
            new LocalPatientListProperties.Database(url, "sa", "", 8, 1, Duration.ofSeconds(20)))) {
      HikariDataSource pool = (HikariDataSource) database.dataSource();
      assertThat(pool.getMaximumPoolSize()).isEqualTo(8);
      assertThat(pool.getMinimumIdle()).isEqualTo(1);
      assertThat(pool.getIdleTimeout()).isEqualTo(20_000);
    }
  }
}
