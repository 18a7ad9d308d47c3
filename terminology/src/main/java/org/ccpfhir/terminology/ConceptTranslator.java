package org.ccpfhir.terminology;

import ca.uhn.fhir.context.support.IValidationSupport.TranslateCodeRequest;
import ca.uhn.fhir.context.support.TranslateConceptResult;
import ca.uhn.fhir.context.support.TranslateConceptResults;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseCoding;
import org.hl7.fhir.r4.model.Coding;

/**
 * {@code $translate} over the tumour entity ConceptMap. ICD-10-GM codes translate via their
 * three-character category (C50.9 to breast); reverse requests list the categories of a group.
 */
final class ConceptTranslator {

  private static final String EQUIVALENCE_WIDER = "wider";
  private static final String EQUIVALENCE_NARROWER = "narrower";

  private final TumorEntityClassifier classifier;

  ConceptTranslator(TumorEntityClassifier classifier) {
    this.classifier = classifier;
  }

  /** Null when the request does not concern our ConceptMap. */
  TranslateConceptResults translate(TranslateCodeRequest request) {
    if (!concernsUs(request)
        || request.getCodings().stream().noneMatch(c -> isSource(request, c))) {
      return null;
    }
    List<TranslateConceptResult> matches = new ArrayList<>();
    for (IBaseCoding coding : request.getCodings()) {
      if (request.isReverse()) {
        reverse(coding, matches);
      } else {
        forward(coding, matches);
      }
    }
    TranslateConceptResults results = new TranslateConceptResults();
    results.setResults(matches);
    results.setResult(!matches.isEmpty());
    results.setMessage(matches.isEmpty() ? "No Matches found" : "Matches found");
    return results;
  }

  private void forward(IBaseCoding coding, List<TranslateConceptResult> matches) {
    if (!TumorEntityClassifier.isIcd10Gm(coding.getSystem())) {
      return;
    }
    classifier
        .classify(coding.getCode())
        .ifPresent(entity -> matches.add(result(entity, EQUIVALENCE_WIDER)));
  }

  private void reverse(IBaseCoding coding, List<TranslateConceptResult> matches) {
    if (!CodeSystems.TUMOR_ENTITY.equals(CodeSystems.stripVersion(coding.getSystem()))) {
      return;
    }
    for (String category : classifier.categoriesOf(coding.getCode())) {
      matches.add(result(new Coding(CodeSystems.ICD10_GM, category, null), EQUIVALENCE_NARROWER));
    }
  }

  private static boolean isSource(TranslateCodeRequest request, IBaseCoding coding) {
    return request.isReverse()
        ? CodeSystems.TUMOR_ENTITY.equals(CodeSystems.stripVersion(coding.getSystem()))
        : TumorEntityClassifier.isIcd10Gm(coding.getSystem());
  }

  private static TranslateConceptResult result(Coding target, String equivalence) {
    return new TranslateConceptResult()
        .setSystem(target.getSystem())
        .setCode(target.getCode())
        .setDisplay(target.getDisplay())
        .setEquivalence(equivalence)
        .setConceptMapUrl(ConceptMaps.ICD10_TO_TUMOR_ENTITY);
  }

  private static boolean concernsUs(TranslateCodeRequest request) {
    String map = CodeSystems.stripVersion(request.getConceptMapUrl());
    if (map != null && !map.isBlank()) {
      return ConceptMaps.ICD10_TO_TUMOR_ENTITY.equals(map);
    }
    String target = CodeSystems.stripVersion(request.getTargetSystemUrl());
    String wanted = request.isReverse() ? CodeSystems.ICD10_GM : CodeSystems.TUMOR_ENTITY;
    if (target != null && !target.isBlank() && !target.equals(wanted)) {
      return false;
    }
    String targetValueSet = CodeSystems.stripVersion(request.getTargetValueSetUrl());
    String wantedValueSet =
        request.isReverse() ? ValueSets.ICD10GM_CHAPTER2 : ValueSets.TUMOR_ENTITY;
    return targetValueSet == null
        || targetValueSet.isBlank()
        || targetValueSet.equals(wantedValueSet);
  }
}
