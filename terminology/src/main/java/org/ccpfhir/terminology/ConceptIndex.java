package org.ccpfhir.terminology;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;

/** Flattened view of a CodeSystem's concepts, so nested concepts are found by code too. */
final class ConceptIndex {

  private final Map<String, ConceptDefinitionComponent> concepts;
  private final Map<String, String> parents;

  private ConceptIndex(
      Map<String, ConceptDefinitionComponent> concepts, Map<String, String> parents) {
    this.concepts = Collections.unmodifiableMap(concepts);
    this.parents = Collections.unmodifiableMap(parents);
  }

  static ConceptIndex of(CodeSystem codeSystem) {
    Map<String, ConceptDefinitionComponent> concepts = new LinkedHashMap<>();
    Map<String, String> parents = new HashMap<>();
    add(codeSystem.getUrl(), codeSystem.getConcept(), null, concepts, parents);
    return new ConceptIndex(concepts, parents);
  }

  private static void add(
      String url,
      List<ConceptDefinitionComponent> level,
      String parent,
      Map<String, ConceptDefinitionComponent> concepts,
      Map<String, String> parents) {
    for (ConceptDefinitionComponent concept : level) {
      if (concepts.putIfAbsent(concept.getCode(), concept) != null) {
        throw new IllegalStateException("Duplicate code " + concept.getCode() + " in " + url);
      }
      if (parent != null) {
        parents.put(concept.getCode(), parent);
      }
      add(url, concept.getConcept(), concept.getCode(), concepts, parents);
    }
  }

  ConceptDefinitionComponent concept(String code) {
    return concepts.get(code);
  }

  String parentOf(String code) {
    return parents.get(code);
  }

  Set<String> codes() {
    return concepts.keySet();
  }
}
