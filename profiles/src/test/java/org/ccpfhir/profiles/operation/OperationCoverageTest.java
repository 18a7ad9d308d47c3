package org.ccpfhir.profiles.operation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import java.util.List;
import org.ccpfhir.profiles.CuratedDefinitions;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class OperationCoverageTest {

  /** Documented: $import-obds with its 'document' parameter. */
  static class Documented {
    @Operation(name = "$import-obds")
    public Parameters importObds(@OperationParam(name = "document") Attachment document) {
      return null;
    }
  }

  /** An operation nobody described and a parameter the curated definition does not name. */
  static class Undocumented {
    static final OperationParameters.Spec SPEC =
        OperationParameters.of("$access-request").single("pseudonym", "secretFlag");

    @Operation(name = "$frobnicate")
    public Parameters frobnicate() {
      return null;
    }

    @Operation(name = "$import-obds")
    public Parameters importObds(@OperationParam(name = "dryRun") StringType dryRun) {
      return null;
    }
  }

  /** $import-obds is a system-level operation; $export-samples is type-level on Specimen. */
  static class WrongLevels {
    @Operation(name = "$import-obds", type = Patient.class)
    public Parameters importObds(@IdParam IdType id) {
      return null;
    }

    @Operation(name = "$export-samples")
    public Parameters exportSamples() {
      return null;
    }

    @Operation(name = "$export-study")
    public Parameters exportStudy() {
      return null;
    }
  }

  @Test
  void namesOperationsRegisteredAtAnotherLevelThanDeclared() {
    OperationCoverage.Report report =
        OperationCoverage.check(List.of(WrongLevels.class), CuratedDefinitions.shared()::operation);

    assertThat(report.problems())
        .hasSize(3)
        .anyMatch(
            p ->
                p.startsWith("$import-obds is registered at [instance] level")
                    && p.endsWith("declares [system]"))
        .anyMatch(p -> p.startsWith("$import-obds is registered on Patient"))
        .anyMatch(
            p ->
                p.startsWith("$export-samples is registered at [system] level")
                    && p.endsWith("declares [type]"));
  }

  @Test
  void documentedOperationPasses() {
    OperationCoverage.Report report =
        OperationCoverage.check(List.of(Documented.class), CuratedDefinitions.shared()::operation);

    assertThat(report.operations()).containsExactly("$import-obds");
    assertThat(report.problems()).isEmpty();
  }

  @Test
  void namesMissingDefinitionsAndUndocumentedParameters() {
    OperationCoverage.Report report =
        OperationCoverage.check(
            List.of(Undocumented.class), CuratedDefinitions.shared()::operation);

    assertThat(report.problems())
        .hasSize(3)
        .anyMatch(p -> p.startsWith("$frobnicate") && p.contains("no curated"))
        .anyMatch(p -> p.startsWith("$import-obds parameter 'dryRun'"))
        .anyMatch(p -> p.startsWith("$access-request parameter 'secretFlag'"));
  }

  @Test
  void scansMainClassesOfTheClassPath() {
    List<Class<?>> classes =
        OperationCoverage.mainClasses(getClass().getClassLoader(), "org.ccpfhir.profiles");

    assertThat(classes).contains(OperationParameters.class, CuratedDefinitions.class);
    // test classes are not what an app exposes
    assertThat(classes).doesNotContain(Undocumented.class);
  }
}
