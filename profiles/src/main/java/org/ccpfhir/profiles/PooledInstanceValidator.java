package org.ccpfhir.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import ca.uhn.fhir.validation.IValidationContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.hl7.fhir.common.hapi.validation.validator.FhirDefaultPolicyAdvisor;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.elementmodel.Manager.FhirFormat;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.validation.constants.BestPracticeWarningLevel;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerOld;
import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.instance.InstanceValidator;

/**
 * HAPI validator module running the FHIR core {@link InstanceValidator} with reused instances.
 *
 * <p>Why not {@link FhirInstanceValidator}: it builds a new InstanceValidator for every call, and
 * the constructor of fhir-core 6.7 reads the whole OID registry from a CSV in its jar — about two
 * thirds of the cost of validating a small resource. An instance can be reused as long as only one
 * thread uses it at a time and what it keeps of each validated resource is dropped afterwards (see
 * {@link ValidatorResidue}; without that, each instance retained every resource it had validated):
 * callers borrow an instance from a pool and give it back cleared. The pool grows to the number of
 * concurrent callers.
 */
final class PooledInstanceValidator implements IInstanceValidatorModule {

  private final FhirContext ctx;
  private final IWorkerContext worker;
  private final Queue<InstanceValidator> idle = new ConcurrentLinkedQueue<>();

  PooledInstanceValidator(FhirContext ctx, IValidationSupport support) {
    this.ctx = ctx;
    this.worker =
        WorkerContextValidationSupportAdapter.newVersionSpecificWorkerContextWrapper(support);
  }

  @Override
  public void validateResource(IValidationContext<IBaseResource> context) {
    InstanceValidator validator = borrow();
    List<ValidationMessage> messages = new ArrayList<>();
    try {
      List<StructureDefinition> profiles = new ArrayList<>();
      for (String url : context.getOptions().getProfiles()) {
        StructureDefinition profile = worker.fetchResource(StructureDefinition.class, url);
        if (profile == null) {
          messages.add(unknownProfile(url));
        } else {
          profiles.add(profile);
        }
      }
      byte[] json =
          ctx.newJsonParser()
              .encodeResourceToString(context.getResource())
              .getBytes(StandardCharsets.UTF_8);
      validator.validate(
          context.getOptions().getAppContext(),
          messages,
          new ByteArrayInputStream(json),
          FhirFormat.JSON,
          profiles);
    } finally {
      if (ValidatorResidue.clear(validator)) {
        idle.offer(validator);
      }
    }
    for (ValidationMessage message : messages) {
      // bindings without a value set in the core definitions are not the data's fault
      if (!I18nConstants.TERMINOLOGY_TX_BINDING_NOSOURCE.equals(message.getMessageId())) {
        context.addValidationMessage(convert(message));
      }
    }
  }

  private InstanceValidator borrow() {
    InstanceValidator validator = idle.poll();
    return validator != null ? validator : newValidator();
  }

  private InstanceValidator newValidator() {
    InstanceValidator validator =
        new InstanceValidator(
            worker,
            new FhirInstanceValidator.NullEvaluationContext(),
            new XVerExtensionManagerOld(worker),
            new ValidatorSession(),
            new ValidatorSettings());
    validator.setAnyExtensionsAllowed(true);
    validator.setBestPracticeWarningLevel(BestPracticeWarningLevel.Ignore);
    validator.setNoTerminologyChecks(false);
    validator.setErrorForUnknownProfiles(false);
    // references are resolved by the store (transaction bundles), not by the validator
    validator.setAssumeValidRestReferences(true);
    validator.setResourceIdRule(IdStatus.OPTIONAL);
    validator.setPolicyAdvisor(new FhirDefaultPolicyAdvisor());
    // unknown code systems are reported by UnknownCodeSystemWarningValidationSupport (as warnings)
    validator.setUnknownCodeSystemsCauseErrors(true);
    return validator;
  }

  private static ValidationMessage unknownProfile(String url) {
    ValidationMessage message = new ValidationMessage();
    message.setMessageId(I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN);
    message.setLevel(ValidationMessage.IssueSeverity.ERROR);
    message.setMessage("Profile " + url + " is unknown, the resource cannot be checked against it");
    return message;
  }

  private static SingleValidationMessage convert(ValidationMessage message) {
    SingleValidationMessage out = new SingleValidationMessage();
    out.setLocationString(message.getLocation());
    out.setLocationLine(message.getLine());
    out.setLocationCol(message.getCol());
    out.setMessage(message.getMessage());
    out.setMessageId(message.getMessageId());
    out.setSeverity(ResultSeverityEnum.fromCode(message.getLevel().toCode()));
    return out;
  }
}
