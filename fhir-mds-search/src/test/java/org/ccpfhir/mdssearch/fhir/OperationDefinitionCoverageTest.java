package org.ccpfhir.mdssearch.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import org.ccpfhir.profiles.CuratedDefinitions;
import org.ccpfhir.profiles.operation.OperationCoverage;
import org.junit.jupiter.api.Test;

/**
 * Every operation this app's code exposes has a curated OperationDefinition (served, and named in
 * the CapabilityStatement) that documents every parameter the code reads.
 */
class OperationDefinitionCoverageTest {

  @Test
  void everyExposedOperationAndParameterIsDocumented() {
    OperationCoverage.Report report =
        OperationCoverage.check(
            getClass().getClassLoader(), "org.ccpfhir", CuratedDefinitions.shared()::operation);

    // the scan sees the app's operations (a scan that found nothing would pass vacuously)
    assertThat(report.operations())
        .contains(
            "$evaluate-measure",
            "$mds-upload",
            "$mds-withdraw",
            "$mds-subject-data",
            "$mds-record",
            "$mds-partner-departure",
            "$search-terms");
    assertThat(report.problems()).isEmpty();
  }
}
