package org.ccpfhir.bridgehead.forms;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.ccpfhir.security.fhir.FhirInterceptor;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

/**
 * The form rules on a single create or update, before the request's profile validation
 * (ingest.IngestRequestInterceptor, hook order 0): that validator knows the code systems but not
 * the form, so an answer outside its code list would be refused naming the element only; checked
 * here first, the refusal names the form's item (linkId). Transactions and every other path are
 * checked by {@link FormRules} at the storage level; for what passed here the store's hook skips
 * the same content on the same request (request user data, {@link FormRules#VERIFIED}), so a single
 * write is checked once.
 */
@Interceptor
public class FormRequestCheck implements FhirInterceptor {

  private final FormRules rules;

  public FormRequestCheck(FormRules rules) {
    this.rules = rules;
  }

  @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = -10)
  public void check(RequestDetails request, RestOperationTypeEnum operation) {
    if (operation != RestOperationTypeEnum.CREATE && operation != RestOperationTypeEnum.UPDATE) {
      return;
    }
    if (request.getResource() instanceof QuestionnaireResponse entry) {
      rules.checkEntry(entry);
      FormRules.markVerified(request, entry);
    } else if (request.getResource() instanceof Questionnaire form
        && operation == RestOperationTypeEnum.CREATE) {
      // an update is checked against the stored version, in the store's transaction
      rules.checkForm(form, null);
      FormRules.markVerified(request, form);
    }
  }
}
