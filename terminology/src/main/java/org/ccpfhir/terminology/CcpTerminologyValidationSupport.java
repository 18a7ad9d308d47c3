package org.ccpfhir.terminology;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.LookupCodeRequest;
import ca.uhn.fhir.context.support.TranslateConceptResults;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.context.support.ValueSetExpansionOptions;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * HAPI {@code IValidationSupport} over the MDS code lists. It extends HAPI's {@link
 * PrePopulatedValidationSupport} (which serves the CodeSystem and ValueSet resources) and answers
 * code validation, lookup, expansion and translation itself, so it works alone as well as inside a
 * {@code ValidationSupportChain}.
 *
 * <p>ICD-10-GM and ICD-O-3 are supported by format only: a well-formed code is valid, a malformed
 * one invalid with a message saying why. The format-defined ValueSets (ICD-10-GM chapter II,
 * ICD-O-3 topography/morphology) are validated here and cannot be expanded. Put this support before
 * {@code InMemoryTerminologyServerValidationSupport} in a chain so that it answers for them.
 *
 * <p>Thread-safe: all state is immutable after construction.
 */
public class CcpTerminologyValidationSupport extends PrePopulatedValidationSupport {

  private final CcpTerminology terminology;
  private final CodeChecker checker;
  private final CodeLookup lookup;
  private final ValueSetExpander expander;
  private final ConceptTranslator translator;

  /** A support over the shared {@link CcpTerminology}. */
  public CcpTerminologyValidationSupport(FhirContext fhirContext) {
    this(fhirContext, CcpTerminology.get());
  }

  public CcpTerminologyValidationSupport(FhirContext fhirContext, CcpTerminology terminology) {
    super(requireR4(fhirContext));
    this.terminology = terminology;
    terminology.codeSystems().forEach(this::addCodeSystem);
    terminology.valueSets().forEach(this::addValueSet);
    lock();
    TumorEntityClassifier classifier = new TumorEntityClassifier(terminology);
    FormatRules rules = new FormatRules(classifier.categories());
    this.checker = new CodeChecker(terminology, rules);
    this.lookup = new CodeLookup(terminology, rules, classifier);
    this.expander = new ValueSetExpander(terminology, rules);
    this.translator = new ConceptTranslator(classifier);
  }

  @Override
  public String getName() {
    return "CcpTerminologyValidationSupport";
  }

  public CcpTerminology getTerminology() {
    return terminology;
  }

  @Override
  public boolean isCodeSystemSupported(ValidationSupportContext context, String system) {
    return checker.supportsSystem(system);
  }

  @Override
  public boolean isValueSetSupported(ValidationSupportContext context, String valueSetUrl) {
    return checker.supportsValueSet(valueSetUrl);
  }

  @Override
  public CodeValidationResult validateCode(
      ValidationSupportContext context,
      ConceptValidationOptions options,
      String system,
      String code,
      String display,
      String valueSetUrl) {
    if (valueSetUrl != null && !valueSetUrl.isBlank()) {
      return checker.inValueSet(valueSetUrl, system, code, display);
    }
    return checker.inCodeSystem(system, code, display);
  }

  @Override
  public CodeValidationResult validateCodeInValueSet(
      ValidationSupportContext context,
      ConceptValidationOptions options,
      String system,
      String code,
      String display,
      IBaseResource valueSet) {
    if (!(valueSet instanceof ValueSet r4ValueSet) || !r4ValueSet.hasUrl()) {
      return null;
    }
    return checker.inValueSet(r4ValueSet.getUrl(), system, code, display);
  }

  @Override
  public LookupCodeResult lookupCode(ValidationSupportContext context, LookupCodeRequest request) {
    return lookup.lookup(request);
  }

  @Override
  public ValueSetExpansionOutcome expandValueSet(
      ValidationSupportContext context,
      ValueSetExpansionOptions options,
      IBaseResource valueSetToExpand) {
    if (!(valueSetToExpand instanceof ValueSet r4ValueSet) || !r4ValueSet.hasUrl()) {
      return null;
    }
    return expander.expand(r4ValueSet.getUrl(), options);
  }

  @Override
  public ValueSetExpansionOutcome expandValueSet(
      ValidationSupportContext context, ValueSetExpansionOptions options, String valueSetUrl) {
    return expander.expand(valueSetUrl, options);
  }

  @Override
  public TranslateConceptResults translateConcept(TranslateCodeRequest request) {
    return translator.translate(request);
  }

  @Override
  public <T extends IBaseResource> T fetchResource(Class<T> type, String url) {
    if (type != null && type.isAssignableFrom(ConceptMap.class)) {
      ConceptMap map = terminology.sharedConceptMap(url);
      if (map != null) {
        return type.cast(map.copy());
      }
      if (type == ConceptMap.class) {
        return null;
      }
    }
    return super.fetchResource(type, url);
  }

  @Override
  public List<IBaseResource> fetchAllConformanceResources() {
    List<IBaseResource> all = new ArrayList<>(super.fetchAllConformanceResources());
    all.addAll(terminology.conceptMaps());
    return all;
  }

  private static FhirContext requireR4(FhirContext fhirContext) {
    if (fhirContext.getVersion().getVersion() != FhirVersionEnum.R4) {
      throw new IllegalArgumentException("CcpTerminologyValidationSupport needs an R4 FhirContext");
    }
    return fhirContext;
  }
}
