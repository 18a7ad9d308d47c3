package org.ccpfhir.identity.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.ccpfhir.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The registry on a real PostgreSQL ({@code CCP_TEST_DB_URL}), in a schema of its own. */
class PseudonymRegistryPostgresIT {

  @RegisterExtension final PostgresTestSchema postgres = new PostgresTestSchema("pseudonym");

  @Test
  void issuesUniqueValuesAndKeepsRetiredOnesReserved() {
    PseudonymRegistry.SCHEMA.migrate(postgres.dataSource());
    PseudonymRegistry registry =
        new PseudonymRegistry(
            postgres.dataSource(), new PseudonymGenerator()::next, Clock.systemUTC());
    Set<String> values = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      values.add(registry.issue("BK-TUE-L"));
    }
    String retired = values.iterator().next();

    assertThat(values).hasSize(500);
    assertThat(registry.retire(retired)).isTrue();
    assertThat(registry.retire(retired)).isFalse();
    assertThat(registry.isRetired(retired)).isTrue();
    assertThat(registry.isIssued(retired)).isTrue();
  }
}
