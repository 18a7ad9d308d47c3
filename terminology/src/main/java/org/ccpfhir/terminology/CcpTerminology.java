package org.ccpfhir.terminology;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * The CodeSystems, ValueSets and ConceptMaps of this module, loaded once from the classpath (folder
 * {@code ccp-terminology/}, listed in its {@code index.txt}).
 *
 * <p>The instance is immutable and safe to share between threads. Public getters return copies so
 * that callers cannot change the shared resources.
 */
public final class CcpTerminology {

  static final String RESOURCE_DIR = "ccp-terminology/";
  static final String INDEX = RESOURCE_DIR + "index.txt";

  private static final class Holder {
    private static final CcpTerminology INSTANCE = load();
  }

  private final Map<String, CodeSystem> codeSystems;
  private final Map<String, ValueSet> valueSets;
  private final Map<String, ConceptMap> conceptMaps;
  private final Map<String, ConceptIndex> conceptIndexes;

  private CcpTerminology(List<IBaseResource> resources) {
    Map<String, CodeSystem> cs = new LinkedHashMap<>();
    Map<String, ValueSet> vs = new LinkedHashMap<>();
    Map<String, ConceptMap> cm = new LinkedHashMap<>();
    Map<String, ConceptIndex> idx = new LinkedHashMap<>();
    for (IBaseResource resource : resources) {
      if (resource instanceof CodeSystem codeSystem) {
        putUnique(cs, codeSystem.getUrl(), codeSystem);
        idx.put(codeSystem.getUrl(), ConceptIndex.of(codeSystem));
      } else if (resource instanceof ValueSet valueSet) {
        putUnique(vs, valueSet.getUrl(), valueSet);
      } else if (resource instanceof ConceptMap conceptMap) {
        putUnique(cm, conceptMap.getUrl(), conceptMap);
      } else {
        throw new IllegalStateException("Unexpected resource " + resource.getIdElement());
      }
    }
    this.codeSystems = Collections.unmodifiableMap(cs);
    this.valueSets = Collections.unmodifiableMap(vs);
    this.conceptMaps = Collections.unmodifiableMap(cm);
    this.conceptIndexes = Collections.unmodifiableMap(idx);
  }

  /** The shared instance; loads the resources on first use. */
  public static CcpTerminology get() {
    return Holder.INSTANCE;
  }

  public Optional<CodeSystem> codeSystem(String url) {
    return Optional.ofNullable(codeSystems.get(CodeSystems.stripVersion(url)))
        .map(CodeSystem::copy);
  }

  public Optional<ValueSet> valueSet(String url) {
    return Optional.ofNullable(valueSets.get(CodeSystems.stripVersion(url))).map(ValueSet::copy);
  }

  public Optional<ConceptMap> conceptMap(String url) {
    return Optional.ofNullable(conceptMaps.get(CodeSystems.stripVersion(url)))
        .map(ConceptMap::copy);
  }

  public List<CodeSystem> codeSystems() {
    return codeSystems.values().stream().map(CodeSystem::copy).toList();
  }

  public List<ValueSet> valueSets() {
    return valueSets.values().stream().map(ValueSet::copy).toList();
  }

  public List<ConceptMap> conceptMaps() {
    return conceptMaps.values().stream().map(ConceptMap::copy).toList();
  }

  /** Copies of all CodeSystems, ValueSets and ConceptMaps, e.g. to load them into a server. */
  public List<IBaseResource> allResources() {
    List<IBaseResource> all = new ArrayList<>();
    all.addAll(codeSystems());
    all.addAll(valueSets());
    all.addAll(conceptMaps());
    return all;
  }

  /** True if a CodeSystem resource with this URL is shipped. */
  public boolean isShipped(String codeSystemUrl) {
    return codeSystems.containsKey(CodeSystems.stripVersion(codeSystemUrl));
  }

  /** The codes of a shipped code system in definition order (nested concepts included). */
  public Set<String> codes(String codeSystemUrl) {
    ConceptIndex index = conceptIndexes.get(CodeSystems.stripVersion(codeSystemUrl));
    return index == null ? Set.of() : index.codes();
  }

  /** A copy of the concept, if the code system is shipped and contains the code. */
  public Optional<ConceptDefinitionComponent> concept(String codeSystemUrl, String code) {
    return Optional.ofNullable(findConcept(codeSystemUrl, code))
        .map(ConceptDefinitionComponent::copy);
  }

  public Optional<String> display(String codeSystemUrl, String code) {
    return Optional.ofNullable(findConcept(codeSystemUrl, code))
        .map(ConceptDefinitionComponent::getDisplay);
  }

  /** The parent code in a hierarchical code system (e.g. SampleMaterialType). */
  public Optional<String> parent(String codeSystemUrl, String code) {
    ConceptIndex index = conceptIndexes.get(CodeSystems.stripVersion(codeSystemUrl));
    return index == null ? Optional.empty() : Optional.ofNullable(index.parentOf(code));
  }

  // Package-private accessors hand out the shared instances; callers in this package never
  // modify them.

  ConceptDefinitionComponent findConcept(String codeSystemUrl, String code) {
    ConceptIndex index = conceptIndexes.get(CodeSystems.stripVersion(codeSystemUrl));
    return index == null || code == null ? null : index.concept(code);
  }

  CodeSystem sharedCodeSystem(String url) {
    return codeSystems.get(CodeSystems.stripVersion(url));
  }

  ValueSet sharedValueSet(String url) {
    return valueSets.get(CodeSystems.stripVersion(url));
  }

  ConceptMap sharedConceptMap(String url) {
    return conceptMaps.get(CodeSystems.stripVersion(url));
  }

  Iterable<ConceptMap> sharedConceptMaps() {
    return conceptMaps.values();
  }

  static CcpTerminology load() {
    IParser parser = FhirContext.forR4Cached().newJsonParser();
    List<IBaseResource> resources = new ArrayList<>();
    for (String file : readIndex()) {
      try (InputStream in = open(RESOURCE_DIR + file)) {
        resources.add(parser.parseResource(new InputStreamReader(in, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file, e);
      }
    }
    return new CcpTerminology(resources);
  }

  static List<String> readIndex() {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(open(INDEX), StandardCharsets.UTF_8))) {
      return reader
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + INDEX, e);
    }
  }

  private static InputStream open(String path) {
    InputStream in = CcpTerminology.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IllegalStateException("Missing classpath resource " + path);
    }
    return in;
  }

  private static <T> void putUnique(Map<String, T> map, String url, T resource) {
    if (url == null || map.putIfAbsent(url, resource) != null) {
      throw new IllegalStateException("Missing or duplicate canonical URL " + url);
    }
  }
}
