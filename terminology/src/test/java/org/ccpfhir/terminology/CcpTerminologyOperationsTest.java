package org.ccpfhir.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport.CodingConceptProperty;
import ca.uhn.fhir.context.support.IValidationSupport.LookupCodeResult;
import ca.uhn.fhir.context.support.IValidationSupport.StringConceptProperty;
import ca.uhn.fhir.context.support.IValidationSupport.TranslateCodeRequest;
import ca.uhn.fhir.context.support.IValidationSupport.ValueSetExpansionOutcome;
import ca.uhn.fhir.context.support.LookupCodeRequest;
import ca.uhn.fhir.context.support.TranslateConceptResult;
import ca.uhn.fhir.context.support.TranslateConceptResults;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.context.support.ValueSetExpansionOptions;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lookup, translation, expansion and fetching of {@link CcpTerminologyValidationSupport}. */
class CcpTerminologyOperationsTest {

  private final FhirContext fhirContext = FhirContext.forR4Cached();
  private final CcpTerminologyValidationSupport support =
      new CcpTerminologyValidationSupport(fhirContext);
  private final ValidationSupportContext context = new ValidationSupportContext(support);

  @Test
  void looksUpDisplaysDesignationsAndProperties() {
    LookupCodeResult grading =
        support.lookupCode(context, new LookupCodeRequest(CodeSystems.GRADING, "2"));
    assertThat(grading.isFound()).isTrue();
    assertThat(grading.getCodeDisplay()).isEqualTo("Mäßig differenziert");
    assertThat(grading.getCodeSystemDisplayName()).isEqualTo("Grading");
    assertThat(grading.getDesignations())
        .anyMatch(d -> "Moderately differentiated".equals(d.getValue()));

    LookupCodeResult english =
        support.lookupCode(
            context,
            new LookupCodeRequest(CodeSystems.VITAL_STATUS, "verstorben", "en", List.of()));
    assertThat(english.getCodeDisplay()).isEqualTo("Deceased");

    LookupCodeResult sample =
        support.lookupCode(
            context, new LookupCodeRequest(CodeSystems.SAMPLE_MATERIAL_TYPE, "tumor-tissue-ffpe"));
    // BBMRI.de's own display: the code system is published at its URL
    assertThat(sample.getCodeDisplay()).isEqualTo("Tumor tissue (FFPE)");
    assertThat(sample.getProperties())
        .anySatisfy(
            p ->
                assertThat(p)
                    .isInstanceOfSatisfying(
                        StringConceptProperty.class,
                        s ->
                            assertThat(s.getPropertyName() + "=" + s.getValue())
                                .isEqualTo("fixation=ffpe")))
        .anySatisfy(
            p ->
                assertThat(p)
                    .isInstanceOfSatisfying(
                        CodingConceptProperty.class,
                        c -> assertThat(c.getCode()).isEqualTo("tissue-ffpe")));

    LookupCodeResult onlyKind =
        support.lookupCode(
            context,
            new LookupCodeRequest(
                CodeSystems.SAMPLE_MATERIAL_TYPE, "whole-blood", null, Set.of("kind")));
    assertThat(onlyKind.getProperties()).singleElement();

    assertThat(
            support.lookupCode(context, new LookupCodeRequest(CodeSystems.GRADING, "G9")).isFound())
        .isFalse();
    assertThat(support.lookupCode(context, new LookupCodeRequest(CodeSystems.LOINC, "1-8")))
        .isNull();
  }

  @Test
  void looksUpIcd10GmByFormatWithCategoryAndEntity() {
    LookupCodeResult result =
        support.lookupCode(context, new LookupCodeRequest(CodeSystems.ICD10_GM, "C50.9"));
    assertThat(result.isFound()).isTrue();
    assertThat(result.getCodeDisplay()).isNull();
    assertThat(result.getProperties())
        .anySatisfy(
            p ->
                assertThat(p)
                    .isInstanceOfSatisfying(
                        CodingConceptProperty.class,
                        c -> assertThat(c.getCode()).isEqualTo("breast")));
    LookupCodeResult bad =
        support.lookupCode(context, new LookupCodeRequest(CodeSystems.ICD10_GM, "C50.-"));
    assertThat(bad.isFound()).isFalse();
    assertThat(bad.getErrorMessage()).contains("catalogue heading");
  }

  @ParameterizedTest
  @CsvSource({"C50.9, breast", "C18.7, colorectal", "C50, breast", "D05.1, in-situ"})
  void translatesIcd10ToEntity(String icd10, String entity) {
    TranslateConceptResults results =
        support.translateConcept(
            new TranslateCodeRequest(
                List.of(new Coding(CodeSystems.ICD10_GM, icd10, null)), CodeSystems.TUMOR_ENTITY));
    assertThat(results.getResult()).isTrue();
    TranslateConceptResult match = results.getResults().get(0);
    assertThat(results.getResults()).hasSize(1);
    assertThat(match.getSystem()).isEqualTo(CodeSystems.TUMOR_ENTITY);
    assertThat(match.getCode()).isEqualTo(entity);
    assertThat(match.getEquivalence()).isEqualTo("wider");
    assertThat(match.getConceptMapUrl()).isEqualTo(ConceptMaps.ICD10_TO_TUMOR_ENTITY);
  }

  @Test
  void translatesViaConceptMapUrlAndInReverse() {
    TranslateConceptResults byMap =
        support.translateConcept(
            new TranslateCodeRequest(
                List.of(new Coding(CodeSystems.ICD10_GM, "C61", null)),
                null,
                ConceptMaps.ICD10_TO_TUMOR_ENTITY,
                null,
                null,
                null,
                null,
                false));
    assertThat(byMap.getResults())
        .extracting(TranslateConceptResult::getCode)
        .containsExactly("prostate");

    TranslateConceptResults reverse =
        support.translateConcept(
            new TranslateCodeRequest(
                List.of(new Coding(CodeSystems.TUMOR_ENTITY, "kidney", null)),
                null,
                null,
                null,
                null,
                null,
                null,
                true));
    assertThat(reverse.getResults())
        .extracting(TranslateConceptResult::getCode)
        .containsExactly("C64", "C65");

    TranslateConceptResults none =
        support.translateConcept(
            new TranslateCodeRequest(
                List.of(new Coding(CodeSystems.ICD10_GM, "E11.9", null)), null));
    assertThat(none.getResult()).isFalse();
    assertThat(
            support.translateConcept(
                new TranslateCodeRequest(
                    List.of(new Coding(CodeSystems.LOINC, "1-8", null)), null)))
        .isNull();
    assertThat(
            support.translateConcept(
                new TranslateCodeRequest(
                    List.of(new Coding(CodeSystems.ICD10_GM, "C50.9", null)), "http://other")))
        .isNull();
  }

  @Test
  void expandsEnumeratedValueSets() {
    ValueSetExpansionOutcome outcome =
        support.expandValueSet(context, new ValueSetExpansionOptions(), ValueSets.LATERALITY);
    assertThat(outcome.getError()).isNull();
    ValueSet expanded = (ValueSet) outcome.getValueSet();
    assertThat(expanded.getExpansion().getTotal()).isEqualTo(6);
    assertThat(expanded.getExpansion().getContains())
        .extracting(ValueSet.ValueSetExpansionContainsComponent::getCode)
        .containsExactly("L", "R", "B", "M", "U", "T");

    ValueSet samples =
        (ValueSet)
            support
                .expandValueSet(
                    context,
                    new ValueSetExpansionOptions().setFilter("FFPE"),
                    support.fetchValueSet(ValueSets.SAMPLE_MATERIAL_TYPE))
                .getValueSet();
    assertThat(samples.getExpansion().getContains())
        .extracting(ValueSet.ValueSetExpansionContainsComponent::getCode)
        .containsExactly(
            "tissue-ffpe", "tumor-tissue-ffpe", "normal-tissue-ffpe", "other-tissue-ffpe");

    ValueSet page =
        (ValueSet)
            support
                .expandValueSet(
                    context, ValueSetExpansionOptions.forOffsetAndCount(2, 3), ValueSets.GRADING)
                .getValueSet();
    assertThat(page.getExpansion().getContains())
        .extracting(ValueSet.ValueSetExpansionContainsComponent::getCode)
        .containsExactly("2", "3", "4");
    assertThat(page.getExpansion().getTotal()).isEqualTo(12);
  }

  @Test
  void formatDefinedValueSetsCannotBeExpanded() {
    ValueSetExpansionOutcome outcome =
        support.expandValueSet(context, new ValueSetExpansionOptions(), ValueSets.ICD10GM_CHAPTER2);
    assertThat(outcome.getValueSet()).isNull();
    assertThat(outcome.getError()).contains("cannot be expanded");
    assertThat(support.expandValueSet(context, null, "http://example.org/ValueSet/x")).isNull();
  }

  @Test
  void fetchesConformanceResources() {
    assertThat(support.fetchCodeSystem(CodeSystems.GRADING)).isInstanceOf(CodeSystem.class);
    assertThat(support.fetchValueSet(ValueSets.ICD10GM_CHAPTER2)).isInstanceOf(ValueSet.class);
    assertThat(support.fetchResource(ConceptMap.class, ConceptMaps.ICD10_TO_TUMOR_ENTITY))
        .isNotNull();
    assertThat(support.fetchResource(CodeSystem.class, CodeSystems.TUMOR_ENTITY)).isNotNull();
    assertThat(support.fetchResource(ConceptMap.class, "http://example.org/ConceptMap/x")).isNull();
    int expected = CcpTerminology.readIndex().size();
    assertThat(support.fetchAllConformanceResources()).hasSize(expected);
  }
}
