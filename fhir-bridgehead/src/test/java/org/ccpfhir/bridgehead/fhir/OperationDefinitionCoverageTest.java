package org.ccpfhir.bridgehead.fhir;

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
            "$import-obds",
            "$pseudonymize",
            "$local-review-list",
            "$local-review-decide",
            "$export-study",
            "$local-upload-setting",
            "$access-request",
            "$access-request-export",
            "$upload",
            "$upload-status",
            "$withdraw",
            "$withdraw-status",
            "$withdraw-components",
            "$withdraw-document",
            "$pseudonym-replacements",
            "$pseudonym-replacement-confirm",
            "$search-requests",
            "$search-decide");
    assertThat(report.problems()).isEmpty();
  }
}
