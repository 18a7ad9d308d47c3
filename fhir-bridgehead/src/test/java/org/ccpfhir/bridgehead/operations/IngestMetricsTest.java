package org.ccpfhir.bridgehead.operations;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

class IngestMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final IngestMetrics metrics = new IngestMetrics(registry);

  @Test
  void aStoredTransactionCountsOneBundleAndItsResources() {
    metrics.responded(request(RestOperationTypeEnum.TRANSACTION), answer("201 Created", "200 OK"));

    assertThat(count(IngestMetrics.BUNDLES, "bundle")).isEqualTo(1.0);
    assertThat(count(IngestMetrics.RESOURCES, "bundle")).isEqualTo(2.0);
    assertThat(count(IngestMetrics.BUNDLES, "import-obds")).isZero();
  }

  @Test
  void aBatchCountsOnlyTheEntriesThatSucceeded() {
    metrics.responded(
        request(RestOperationTypeEnum.BATCH), answer("201 Created", "422 Unprocessable Entity"));

    assertThat(count(IngestMetrics.RESOURCES, "bundle")).isEqualTo(1.0);
  }

  @Test
  void anImportedDocumentCountsUnderItsOwnSource() {
    SystemRequestDetails request = request(RestOperationTypeEnum.EXTENDED_OPERATION_SERVER);
    request.setOperation("$import-obds");

    org.hl7.fhir.r4.model.Parameters imported = new org.hl7.fhir.r4.model.Parameters();
    imported.addParameter().setName("report").setValue(new org.hl7.fhir.r4.model.StringType("{}"));
    imported
        .addParameter()
        .setName("response")
        .setResource((Bundle) answer("201 Created", "201 Created").getResponseResource());
    imported
        .addParameter()
        .setName("response")
        .setResource((Bundle) answer("200 OK").getResponseResource());
    metrics.responded(request, new ResponseDetails(imported));

    assertThat(count(IngestMetrics.BUNDLES, "import-obds")).isEqualTo(1.0);
    assertThat(count(IngestMetrics.RESOURCES, "import-obds")).isEqualTo(3.0);
    assertThat(count(IngestMetrics.BUNDLES, "bundle")).isZero();
  }

  @Test
  void refusalsAndOtherAnswersCountNothing() {
    ResponseDetails refused = new ResponseDetails(new OperationOutcome());
    metrics.responded(request(RestOperationTypeEnum.TRANSACTION), refused);
    Bundle searchset = new Bundle().setType(Bundle.BundleType.SEARCHSET);
    searchset.addEntry();
    metrics.responded(request(RestOperationTypeEnum.SEARCH_TYPE), new ResponseDetails(searchset));

    assertThat(count(IngestMetrics.BUNDLES, "bundle")).isZero();
    assertThat(count(IngestMetrics.RESOURCES, "bundle")).isZero();
  }

  private static SystemRequestDetails request(RestOperationTypeEnum type) {
    SystemRequestDetails request = new SystemRequestDetails();
    request.setRestOperationType(type);
    return request;
  }

  private static ResponseDetails answer(String... statuses) {
    Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
    for (String status : statuses) {
      bundle.addEntry().getResponse().setStatus(status);
    }
    return new ResponseDetails(bundle);
  }

  private double count(String name, String source) {
    return registry.get(name).tag("source", source).counter().count();
  }
}
