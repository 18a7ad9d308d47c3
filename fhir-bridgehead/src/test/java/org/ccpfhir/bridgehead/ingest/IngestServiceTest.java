package org.ccpfhir.bridgehead.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

class IngestServiceTest {

  @Test
  void aBundleBeyondTheConcurrentLimitIsAnswered429AfterItsWait() throws Exception {
    CountDownLatch validating = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    EntryValidator slow =
        (resource, path, issues) -> {
          validating.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    IngestProperties properties =
        new IngestProperties(
            1, false, IngestProperties.ValidatorKind.FULL, 1, Duration.ofMillis(200));
    IngestService service =
        new IngestService(
            FhirContext.forR4Cached(),
            new IdatGuard(null),
            new ConditionalEntryRewriter(),
            slow,
            properties);
    try {
      CompletableFuture<Void> first =
          CompletableFuture.runAsync(() -> service.prepareBundle(bundle()));
      assertThat(validating.await(10, TimeUnit.SECONDS)).isTrue();

      IngestBusyException busy =
          catchThrowableOfType(() -> service.prepareBundle(bundle()), IngestBusyException.class);

      assertThat(busy.getStatusCode()).isEqualTo(429);
      assertThat(busy.getResponseHeaders()).containsKey("Retry-After");
      assertThat(
              ((OperationOutcome) busy.getOperationOutcome()).getIssueFirstRep().getDiagnostics())
          .contains("ccp.ingest.concurrent-bundles");
      release.countDown();
      first.get(10, TimeUnit.SECONDS);
      // the permit is back: the next bundle is validated
      service.prepareBundle(bundle());
    } finally {
      release.countDown();
      service.shutdown();
    }
  }

  private static Bundle bundle() {
    Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    bundle.addEntry().setResource(new Observation());
    return bundle;
  }
}
