package org.ccpfhir.bridgehead.consent;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.ccpfhir.security.auth.Caller;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * {@code [base]/$local-upload-setting} (admins; OperationDefinition {@code local-upload-setting}):
 * without parameters the current state and the open proposal; {@code enabled} proposes a change;
 * {@code confirm} (a proposal id) confirms it — by another admin than the proposer.
 */
@Component
public class LocalUploadOperationProvider implements FhirProvider {

  private final LocalUploadSetting setting;

  public LocalUploadOperationProvider(LocalUploadSetting setting) {
    this.setting = setting;
  }

  @Operation(name = "$local-upload-setting", idempotent = false)
  public Parameters localUploadSetting(
      @OperationParam(name = "enabled", max = 1) BooleanType enabled,
      @OperationParam(name = "confirm", max = 1) IntegerType confirm) {
    String admin =
        Caller.current()
            .map(Caller::id)
            .orElseThrow(() -> new ForbiddenOperationException("an admin must be logged in"));
    if (enabled != null && confirm != null) {
      throw new InvalidRequestException("give either 'enabled' (propose) or 'confirm', not both");
    }
    if (enabled != null && enabled.getValue() != null) {
      setting.propose(enabled.booleanValue(), admin);
    } else if (confirm != null && confirm.getValue() != null) {
      setting.confirm(confirm.getValue(), admin);
    }
    return state();
  }

  private Parameters state() {
    Parameters answer = new Parameters();
    answer.addParameter().setName("enabled").setValue(new BooleanType(setting.enabled()));
    setting
        .pending()
        .ifPresent(
            p -> {
              Parameters.ParametersParameterComponent part =
                  answer.addParameter().setName("proposal");
              part.addPart().setName("id").setValue(new IntegerType((int) p.id()));
              part.addPart().setName("enabled").setValue(new BooleanType(p.enabled()));
              part.addPart().setName("proposedBy").setValue(new StringType(p.proposedBy()));
            });
    return answer;
  }
}
