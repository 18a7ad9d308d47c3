package org.ccpfhir.profiles;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.ccpfhir.terminology.CcpTerminology;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * The conformance resources the project ships and every app serves: the StructureDefinitions and
 * OperationDefinitions of this module and the CodeSystems and ValueSets of the terminology module,
 * exactly as the validators use them (one source: what a client reads is what the server checks
 * against). Immutable; {@link #resources(String)} hands out copies.
 */
public final class CuratedDefinitions {

  /** The resource types served. */
  public static final Set<String> TYPES =
      Set.of("StructureDefinition", "OperationDefinition", "CodeSystem", "ValueSet");

  /** The canonical base of the project's own definitions. */
  public static final String CANONICAL_BASE = "https://ccp-fhir.org/fhir/";

  private static final class Holder {
    private static final CuratedDefinitions SHARED = load();
  }

  private final Map<String, List<MetadataResource>> byType;

  private CuratedDefinitions(Map<String, List<MetadataResource>> byType) {
    this.byType = byType;
  }

  /** The shipped definitions, loaded once. */
  public static CuratedDefinitions shared() {
    return Holder.SHARED;
  }

  private static CuratedDefinitions load() {
    MdsResourceLoader profiles = MdsResourceLoader.shared();
    CcpTerminology terminology = CcpTerminology.get();
    Map<String, List<MetadataResource>> byType = new LinkedHashMap<>();
    byType.put("StructureDefinition", List.copyOf(profiles.structureDefinitions()));
    byType.put("OperationDefinition", List.copyOf(profiles.operationDefinitions()));
    byType.put("CodeSystem", List.copyOf(terminology.codeSystems()));
    byType.put("ValueSet", List.copyOf(terminology.valueSets()));
    byType.values().forEach(CuratedDefinitions::requireUniqueIds);
    return new CuratedDefinitions(byType);
  }

  private static void requireUniqueIds(List<MetadataResource> resources) {
    Set<String> ids =
        resources.stream().map(r -> r.getIdElement().getIdPart()).collect(Collectors.toSet());
    if (ids.size() != resources.size() || ids.contains(null)) {
      throw new IllegalStateException("Shipped definitions need unique ids per type");
    }
  }

  /** Copies of the shipped resources of one type (empty for a type not served). */
  public List<MetadataResource> resources(String type) {
    return byType.getOrDefault(type, List.of()).stream().map(MetadataResource::copy).toList();
  }

  /** Copies of every shipped resource of the given types, ordered by type and id. */
  public List<MetadataResource> resources(Set<String> types) {
    List<MetadataResource> all = new ArrayList<>();
    byType.keySet().stream()
        .filter(types::contains)
        .sorted()
        .forEach(t -> all.addAll(resources(t)));
    all.sort(
        Comparator.comparing(MetadataResource::fhirType)
            .thenComparing(r -> r.getIdElement().getIdPart()));
    return all;
  }

  /** The curated definition of an operation by its code (the name without {@code $}). */
  public Optional<OperationDefinition> operation(String code) {
    String plain = code.startsWith("$") ? code.substring(1) : code;
    return byType.get("OperationDefinition").stream()
        .map(OperationDefinition.class::cast)
        .filter(op -> op.getCode().equals(plain))
        .findFirst()
        .map(OperationDefinition::copy);
  }

  /**
   * The project's resource profiles per base resource type (for a CapabilityStatement's {@code
   * supportedProfile}); extensions and the foreign shapes' definitions are left out.
   */
  public Map<String, List<String>> profilesByType() {
    return byType.get("StructureDefinition").stream()
        .map(StructureDefinition.class::cast)
        .filter(sd -> sd.getKind() == StructureDefinition.StructureDefinitionKind.RESOURCE)
        .filter(sd -> sd.getUrl().startsWith(CANONICAL_BASE))
        .collect(
            Collectors.groupingBy(
                StructureDefinition::getType,
                LinkedHashMap::new,
                Collectors.mapping(StructureDefinition::getUrl, Collectors.toList())));
  }
}
