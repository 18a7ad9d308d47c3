package org.ccpfhir.mdssearch.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.ccpfhir.mdssearch.broker.persistence.BrokerRepository;
import org.ccpfhir.mdssearch.broker.persistence.StoredRequest;
import org.ccpfhir.mdssearch.broker.persistence.StoredSiteTask;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class BrokerTaskRetentionTest {

  DataSource dataSource;
  BrokerRepository repository;

  @BeforeEach
  void h2() {
    dataSource =
        new DriverManagerDataSource(
            "jdbc:h2:mem:retention" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;MODE=LEGACY",
            "sa",
            "");
    BrokerRepository.SCHEMA.migrate(dataSource);
    repository = new BrokerRepository(dataSource);
  }

  /** A request of two sites, whose Tasks end in the given states at {@code atMs}. */
  void request(String id, String hd, String tue, long atMs) {
    List<StoredSiteTask> tasks =
        repository.insert(
            new StoredRequest(id, "researcher", "{}", atMs + 1000, atMs),
            List.of("HD", "TUE"),
            atMs);
    settle(tasks.get(0), hd, atMs);
    settle(tasks.get(1), tue, atMs);
  }

  void settle(StoredSiteTask task, String status, long atMs) {
    if (!status.equals(task.status())) {
      repository.update(task.changed(status, null, null, null, atMs), task.version(), atMs);
    }
  }

  @Test
  void purgesRequestsWhoseSiteTasksAllSettledBeforeTheCutoff() {
    request("old-settled", "completed", "rejected", 1_000);
    request("old-open", "completed", "received", 2_000);
    request("new-settled", "cancelled", "failed", 10_000);

    int purged = BrokerTaskRetention.purge(dataSource, Instant.ofEpochMilli(9_000));

    assertThat(purged).isEqualTo(1);
    assertThat(repository.request("old-settled")).isEmpty();
    assertThat(repository.siteTasksOf("old-settled")).isEmpty();
    assertThat(repository.request("old-open")).isPresent();
    assertThat(repository.siteTasksOf("old-open")).hasSize(2);
    assertThat(repository.request("new-settled")).isPresent();
    assertThat(BrokerTaskRetention.purge(dataSource, Instant.ofEpochMilli(9_000))).isZero();
  }

  @Test
  void thePolicyIsNamedForItsProperty() {
    assertThat(BrokerTaskRetention.policy(dataSource).name()).isEqualTo("broker-tasks");
    assertThat(BrokerTaskRetention.policy(dataSource).defaultRetention().toDays()).isEqualTo(90);
  }
}
