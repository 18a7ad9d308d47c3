package org.ccpfhir.bridgehead.upload;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import java.time.Instant;
import java.util.Date;
import org.ccpfhir.bridgehead.upload.UploadStateRepository.Run;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code POST [base]/$upload} runs the upload now and answers what it did; {@code
 * [base]/$upload-status} lists the last runs (OperationDefinitions {@code upload} and {@code
 * upload-status} in profiles). Admins and data managers ({@link UploadAccessRules}).
 */
public class UploadOperationProvider implements FhirProvider {

  private final UploadRunner runner;

  public UploadOperationProvider(UploadRunner runner) {
    this.runner = runner;
  }

  @Operation(name = "$upload", idempotent = false)
  public Parameters upload() {
    Parameters answer = new Parameters();
    answer.addParameter(run(runner.onDemand()));
    return answer;
  }

  @Operation(name = "$upload-status", idempotent = true)
  public Parameters status(@OperationParam(name = "count", max = 1) IntegerType count) {
    Parameters answer = new Parameters();
    int runs =
        count == null || count.getValue() == null
            ? 10
            : Math.max(1, Math.min(100, count.getValue()));
    runner.lastRuns(runs).forEach(run -> answer.addParameter(run(run)));
    return answer;
  }

  private static Parameters.ParametersParameterComponent run(Run run) {
    Parameters.ParametersParameterComponent part = new Parameters.ParametersParameterComponent();
    part.setName("run");
    part.addPart().setName("id").setValue(new IntegerType((int) run.id()));
    part.addPart().setName("trigger").setValue(new StringType(run.trigger()));
    part.addPart().setName("status").setValue(new StringType(run.status()));
    part.addPart().setName("started").setValue(time(run.startedMs()));
    if (run.finishedMs() != null) {
      part.addPart().setName("finished").setValue(time(run.finishedMs()));
    }
    part.addPart().setName("considered").setValue(new IntegerType(run.considered()));
    part.addPart().setName("uploaded").setValue(new IntegerType(run.uploaded()));
    part.addPart().setName("deleted").setValue(new IntegerType(run.deleted()));
    part.addPart().setName("unchanged").setValue(new IntegerType(run.unchanged()));
    part.addPart().setName("failed").setValue(new IntegerType(run.failed()));
    if (run.message() != null) {
      part.addPart().setName("message").setValue(new StringType(run.message()));
    }
    return part;
  }

  private static DateTimeType time(long millis) {
    return new DateTimeType(Date.from(Instant.ofEpochMilli(millis)));
  }
}
