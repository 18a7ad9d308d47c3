package org.ccpfhir.terminology;

import ca.uhn.fhir.context.support.IValidationSupport.ValueSetExpansionOutcome;
import ca.uhn.fhir.context.support.ValueSetExpansionOptions;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ConceptReferenceComponent;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetComponent;
import org.hl7.fhir.r4.model.ValueSet.ValueSetExpansionContainsComponent;

/** Expands our enumerable ValueSets; the format-defined ones cannot be expanded. */
final class ValueSetExpander {

  private final CcpTerminology terminology;
  private final FormatRules rules;

  ValueSetExpander(CcpTerminology terminology, FormatRules rules) {
    this.terminology = terminology;
    this.rules = rules;
  }

  /** Null when the ValueSet is not ours. */
  ValueSetExpansionOutcome expand(String valueSetUrl, ValueSetExpansionOptions options) {
    String url = CodeSystems.stripVersion(valueSetUrl);
    ValueSet source = terminology.sharedValueSet(url);
    if (source == null) {
      return null;
    }
    if (rules.forValueSet(url).isPresent()) {
      return new ValueSetExpansionOutcome(
          "ValueSet '"
              + url
              + "' is defined by a code format over a code system whose content is not shipped;"
              + " it cannot be expanded, only validated against",
          false);
    }
    ValueSet expanded = source.copy();
    ValueSet.ValueSetExpansionComponent expansion = expanded.getExpansion();
    expansion.setIdentifier("urn:uuid:" + UUID.randomUUID());
    expansion.setTimestamp(new Date());
    String filter = options == null ? null : options.getFilter();
    List<ValueSetExpansionContainsComponent> all =
        source.getCompose().getInclude().stream()
            .flatMap(include -> contains(include).stream())
            .filter(c -> matches(c, filter))
            .toList();
    int offset = options == null ? 0 : Math.max(0, options.getOffset());
    int count = options == null || options.getCount() <= 0 ? all.size() : options.getCount();
    expansion.setTotal(all.size());
    expansion.setOffset(offset);
    all.stream().skip(offset).limit(count).forEach(expansion::addContains);
    return new ValueSetExpansionOutcome(expanded);
  }

  private List<ValueSetExpansionContainsComponent> contains(ConceptSetComponent include) {
    String system = include.getSystem();
    List<String> codes =
        include.hasConcept()
            ? include.getConcept().stream().map(ConceptReferenceComponent::getCode).toList()
            : List.copyOf(terminology.codes(system));
    return codes.stream()
        .map(
            code ->
                new ValueSetExpansionContainsComponent()
                    .setSystem(system)
                    .setVersion(terminology.sharedCodeSystem(system).getVersion())
                    .setCode(code)
                    .setDisplay(terminology.display(system, code).orElse(null)))
        .toList();
  }

  private static boolean matches(ValueSetExpansionContainsComponent contains, String filter) {
    if (filter == null || filter.isBlank()) {
      return true;
    }
    String wanted = filter.toLowerCase(Locale.ROOT);
    return contains.getCode().toLowerCase(Locale.ROOT).contains(wanted)
        || (contains.getDisplay() != null
            && contains.getDisplay().toLowerCase(Locale.ROOT).contains(wanted));
  }
}
