package org.ccpfhir.mdssearch.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.UUID;
import org.ccpfhir.mdssearch.broker.persistence.BrokerRepository;
import org.ccpfhir.mdssearch.broker.persistence.StoredRequest;
import org.ccpfhir.mdssearch.broker.persistence.StoredSiteTask;
import org.ccpfhir.mdssearch.count.CountEngine;
import org.ccpfhir.mdssearch.count.CountIndex;
import org.ccpfhir.mdssearch.count.CriteriaParser;
import org.ccpfhir.mdssearch.count.SearchCatalog;
import org.ccpfhir.security.metrics.QueueGauges;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class BrokerQueueMetricsTest {

  @Test
  void openTasksAreTheSiteTasksNotYetSettled() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:broker-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    BrokerRepository.SCHEMA.migrate(h2);
    BrokerRepository broker = new BrokerRepository(h2);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new BrokerQueueMetrics(broker).bindTo(registry);
    assertThat(open(registry)).isZero();

    List<StoredSiteTask> tasks =
        broker.insert(
            new StoredRequest("r1", "researcher", "{\"resourceType\":\"Task\"}", 10_000, 1000),
            List.of("HD", "TUE", "DD"),
            500);
    assertThat(open(registry)).isEqualTo(3.0);

    StoredSiteTask hd = tasks.get(0);
    broker.update(hd.changed("received", null, null, null, 0), hd.version(), 600);
    StoredSiteTask tue = tasks.get(1);
    broker.update(tue.changed("rejected", null, "no", null, 0), tue.version(), 600);
    assertThat(open(registry)).isEqualTo(2.0);
  }

  @Test
  void theCountLatencyTimerRecordsEveryEvaluationOfTheEngine() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    CountEngine engine =
        new CountEngine(new CountIndex(), CountLatency.timer(registry), java.util.List.of());
    SearchCatalog catalog = new SearchCatalog();

    engine.patients(CriteriaParser.parse(catalog, "Patient?gender=female"));
    engine.count(CriteriaParser.parse(catalog, "Patient?gender=male"), List.of());

    assertThat(registry.get(CountLatency.NAME).timer().count()).isEqualTo(2);
  }

  private static double open(SimpleMeterRegistry registry) {
    return registry.get(QueueGauges.QUEUE_LENGTH).tag("queue", "broker-open-tasks").gauge().value();
  }
}
