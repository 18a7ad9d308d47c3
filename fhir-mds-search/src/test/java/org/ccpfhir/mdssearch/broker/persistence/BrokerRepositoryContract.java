package org.ccpfhir.mdssearch.broker.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The broker's tables, run on H2 ({@code *Test}) and PostgreSQL ({@code *IT}). */
abstract class BrokerRepositoryContract {

  abstract DataSource dataSource();

  BrokerRepository repository() {
    BrokerRepository.SCHEMA.migrate(dataSource());
    return new BrokerRepository(dataSource());
  }

  static StoredRequest request(String id, long validUntil) {
    return new StoredRequest(id, "researcher", "{\"resourceType\":\"Task\"}", validUntil, 1000);
  }

  @Test
  void aRequestIsStoredWithOneTaskPerSiteUnderIncreasingStamps() {
    BrokerRepository repository = repository();
    List<StoredSiteTask> tasks =
        repository.insert(request("r1", 10_000), List.of("HD", "TUE"), 500);

    assertThat(tasks).extracting(StoredSiteTask::id).containsExactly("r1-HD", "r1-TUE");
    assertThat(tasks.get(1).updatedMs()).isGreaterThan(tasks.get(0).updatedMs());
    assertThat(repository.request("r1"))
        .get()
        .extracting(StoredRequest::requester)
        .isEqualTo("researcher");
    assertThat(repository.siteTasksOf("r1"))
        .extracting(StoredSiteTask::status)
        .containsOnly("requested");
    assertThat(repository.requestsOf("researcher", 10))
        .extracting(StoredRequest::id)
        .containsExactly("r1");
    assertThat(repository.requestsOf("someone else", 10)).isEmpty();
  }

  @Test
  void updatesAreConditionalOnTheVersionAndMoveTheSiteCursor() {
    BrokerRepository repository = repository();
    StoredSiteTask task = repository.insert(request("r2", 10_000), List.of("HD"), 500).get(0);
    StoredSiteTask received = task.changed("received", null, null, null, 0);

    StoredSiteTask saved = repository.update(received, task.version(), 400).orElseThrow();
    assertThat(saved.version()).isEqualTo(2);
    assertThat(saved.updatedMs()).as("never backwards").isGreaterThan(task.updatedMs());
    assertThat(repository.update(received, task.version(), 600)).as("stale version").isEmpty();

    assertThat(repository.changedSince("HD", task.updatedMs(), 10))
        .extracting(StoredSiteTask::status)
        .containsExactly("received");
    assertThat(repository.changedSince("HD", saved.updatedMs(), 10)).isEmpty();
    assertThat(repository.changedSince("TUE", 0, 10)).isEmpty();
  }

  @Test
  void aNewRepositoryContinuesAfterTheStoredStamps() {
    BrokerRepository first = repository();
    StoredSiteTask task = first.insert(request("r3", 10_000), List.of("HD"), 5_000).get(0);
    StoredSiteTask later =
        new BrokerRepository(dataSource()).insert(request("r4", 10_000), List.of("HD"), 1).get(0);
    assertThat(later.updatedMs()).isGreaterThan(task.updatedMs());
  }

  @Test
  void unsettledTasksOfExpiredRequestsAreFound() {
    BrokerRepository repository = repository();
    StoredSiteTask open = repository.insert(request("r5", 2_000), List.of("HD", "TUE"), 500).get(0);
    StoredSiteTask settled = repository.siteTasksOf("r5").get(1);
    repository.update(settled.changed("failed", null, "broken", null, 0), settled.version(), 600);
    repository.insert(request("r6", 9_000), List.of("HD"), 500);

    assertThat(repository.unsettledExpired(3_000))
        .extracting(StoredSiteTask::id)
        .containsExactly(open.id());
  }
}
