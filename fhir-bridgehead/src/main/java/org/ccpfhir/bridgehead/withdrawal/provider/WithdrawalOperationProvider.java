package org.ccpfhir.bridgehead.withdrawal.provider;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import org.ccpfhir.bridgehead.withdrawal.WithdrawalService;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;

/**
 * {@code POST [base]/$withdraw} starts a withdrawal and answers its Task; {@code
 * [base]/$withdraw-status} follows one ({@code task}) or lists the latest (OperationDefinitions
 * {@code withdraw} and {@code withdraw-status} in profiles). Data managers only.
 */
public class WithdrawalOperationProvider implements FhirProvider {

  private final WithdrawalService service;

  public WithdrawalOperationProvider(WithdrawalService service) {
    this.service = service;
  }

  @Operation(name = "$withdraw", idempotent = false)
  public Task withdraw(
      @OperationParam(name = "pseudonym", min = 1, max = 1) StringType pseudonym,
      @OperationParam(name = "mode", min = 0, max = 1) CodeType mode) {
    return WithdrawalTasks.of(
        service.start(
            pseudonym == null ? null : pseudonym.getValue(),
            mode == null ? null : mode.getValue()));
  }

  @Operation(name = "$withdraw-status", idempotent = true)
  public IBaseResource status(
      @OperationParam(name = "task", min = 0, max = 1) StringType task,
      @OperationParam(name = "count", min = 0, max = 1) IntegerType count) {
    if (task != null && task.hasValue()) {
      return WithdrawalTasks.of(service.status(task.getValue()));
    }
    int wanted = count == null || count.getValue() == null ? 20 : count.getValue();
    Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
    service
        .latest(Math.max(1, Math.min(100, wanted)))
        .forEach(w -> bundle.addEntry().setResource(WithdrawalTasks.of(w)));
    bundle.setTotal(bundle.getEntry().size());
    return bundle;
  }
}
