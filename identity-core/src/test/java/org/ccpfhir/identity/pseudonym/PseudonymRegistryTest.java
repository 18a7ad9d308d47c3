package org.ccpfhir.identity.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class PseudonymRegistryTest {

  DataSource dataSource;

  @BeforeEach
  void database() {
    dataSource =
        new DriverManagerDataSource(
            "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=LEGACY", "sa", "");
    PseudonymRegistry.SCHEMA.migrate(dataSource);
  }

  @Test
  void aRetiredValueIsNeverIssuedAgain() {
    // a generator that offers the same value twice, then a new one
    Deque<String> values =
        new ArrayDeque<>(List.of(code("ABCDEFGH"), code("ABCDEFGH"), code("23456789")));
    PseudonymRegistry registry = new PseudonymRegistry(dataSource, values::pop, Clock.systemUTC());

    String first = registry.issue("BK-HD-L");
    assertThat(registry.retire(first)).isTrue();
    String second = registry.issue("BK-HD-L");

    assertThat(second).isNotEqualTo(first).isEqualTo(code("23456789"));
    assertThat(registry.isRetired(first)).isTrue();
    assertThat(registry.isIssued(second)).isTrue();
  }

  @Test
  void concurrentIssuingNeverHandsOutAValueTwice() throws Exception {
    PseudonymRegistry registry =
        new PseudonymRegistry(dataSource, new PseudonymGenerator()::next, Clock.systemUTC());
    Set<String> issued = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> jobs =
        java.util.stream.IntStream.range(0, 8)
            .mapToObj(
                t ->
                    pool.submit(
                        () -> {
                          for (int i = 0; i < 250; i++) {
                            assertThat(issued.add(registry.issue("BK-HD-G"))).isTrue();
                          }
                        }))
            .<Future<?>>map(f -> f)
            .toList();
    for (Future<?> job : jobs) {
      job.get();
    }
    pool.shutdown();
    assertThat(issued)
        .hasSize(2000)
        .allSatisfy(v -> assertThat(CheckCharacter.isValid(v)).isTrue());
  }

  @Test
  void domainsAreChecked() {
    PseudonymRegistry registry =
        new PseudonymRegistry(dataSource, new PseudonymGenerator()::next, Clock.systemUTC());
    assertThatThrownBy(() -> registry.issue("bk hd; drop"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String code(String body) {
    return body + CheckCharacter.compute(body);
  }
}
