package org.ccpfhir.bridgehead.forms;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport.CodeValidationResult;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.ccpfhir.bridgehead.visibility.UnitVisibility;
import org.ccpfhir.terminology.CcpTerminologyValidationSupport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the forms (module README "Forms"). */
@Configuration
public class FormsConfig {

  @Bean
  public FormRules formRules(
      FhirContext fhirContext,
      DaoRegistry daos,
      UnitVisibility visibility,
      CcpTerminologyValidationSupport terminology) {
    // the shipped terminology, the same the store serves (TerminologyStoreLoader) and the same
    // instance the MDS validator checks codes with: answers are checked in memory, without a store
    // round trip
    ValidationSupportContext context = new ValidationSupportContext(terminology);
    ConceptValidationOptions options = new ConceptValidationOptions();
    return new FormRules(
        fhirContext,
        daos,
        url -> terminology.getTerminology().valueSet(url).isPresent(),
        (valueSet, coding) -> {
          CodeValidationResult result =
              terminology.validateCode(
                  context, options, coding.getSystem(), coding.getCode(), null, valueSet);
          return coding.hasCode() && result != null && result.isOk();
        },
        visibility::forCurrentCaller);
  }

  @Bean
  public FormRequestCheck formRequestCheck(FormRules rules) {
    return new FormRequestCheck(rules);
  }
}
