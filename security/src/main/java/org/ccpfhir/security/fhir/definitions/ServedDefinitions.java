package org.ccpfhir.security.fhir.definitions;

import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.OperationDefinition;

/**
 * The conformance resources an app serves read-only (the project's curated StructureDefinitions,
 * OperationDefinitions, CodeSystems and ValueSets, handed in by the app from the profiles module)
 * and the profiles its CapabilityStatement lists per resource type. One instance per app, declared
 * as a bean; the providers, the CapabilityStatement links and the access rules of this package all
 * read from it, so what a client reads, what the statement names and what the validators use is one
 * set.
 */
public final class ServedDefinitions {

  private final List<MetadataResource> resources;
  private final Map<String, List<String>> profilesByType;

  public ServedDefinitions(
      List<? extends MetadataResource> resources, Map<String, List<String>> profilesByType) {
    this.resources =
        resources.stream().map(MetadataResource.class::cast).map(MetadataResource::copy).toList();
    this.profilesByType = Map.copyOf(profilesByType);
  }

  /** The resource of {@code type} with this id, if shipped. */
  public Optional<MetadataResource> read(String type, String id) {
    return ofType(type).filter(r -> idOf(r).equals(id)).findFirst().map(MetadataResource::copy);
  }

  /**
   * The resources of {@code type} matching every given parameter: {@code url} exactly (a {@code
   * |version} suffix also matches the version), {@code name} case-insensitively from the start
   * (FHIR string search), {@code version} and {@code _id} exactly. Null parameters match all.
   */
  public List<MetadataResource> search(
      String type, UriParam url, StringParam name, TokenParam version, TokenParam id) {
    return ofType(type)
        .filter(r -> url == null || matchesUrl(r, url.getValue()))
        .filter(r -> name == null || matchesName(r, name))
        .filter(r -> version == null || Objects.equals(r.getVersion(), version.getValue()))
        .filter(r -> id == null || idOf(r).equals(id.getValue()))
        .map(MetadataResource::copy)
        .toList();
  }

  /** The curated OperationDefinition of an operation by its code (with or without {@code $}). */
  public Optional<OperationDefinition> operation(String code) {
    String plain = code.startsWith("$") ? code.substring(1) : code;
    return ofType("OperationDefinition")
        .map(OperationDefinition.class::cast)
        .filter(op -> op.getCode().equals(plain))
        .findFirst()
        .map(OperationDefinition::copy);
  }

  /** The curated OperationDefinition with this id, or {@code null} (then HAPI answers). */
  public OperationDefinition operationDefinition(IIdType id) {
    return id == null || !id.hasIdPart()
        ? null
        : read("OperationDefinition", id.getIdPart())
            .map(OperationDefinition.class::cast)
            .orElse(null);
  }

  /** Profile canonical URLs per resource type, for the CapabilityStatement. */
  public List<String> profiles(String type) {
    return profilesByType.getOrDefault(type, List.of());
  }

  private Stream<MetadataResource> ofType(String type) {
    return resources.stream().filter(r -> r.fhirType().equals(type));
  }

  private static String idOf(MetadataResource resource) {
    return resource.getIdElement().getIdPart();
  }

  private static boolean matchesUrl(MetadataResource resource, String wanted) {
    if (wanted == null) {
      return true;
    }
    int bar = wanted.indexOf('|');
    if (bar < 0) {
      return wanted.equals(resource.getUrl());
    }
    return wanted.substring(0, bar).equals(resource.getUrl())
        && wanted.substring(bar + 1).equals(resource.getVersion());
  }

  private static boolean matchesName(MetadataResource resource, StringParam name) {
    if (resource.getName() == null || name.getValue() == null) {
      return false;
    }
    if (name.isExact()) {
      return resource.getName().equals(name.getValue());
    }
    String have = resource.getName().toLowerCase(Locale.ROOT);
    String want = name.getValue().toLowerCase(Locale.ROOT);
    return name.isContains() ? have.contains(want) : have.startsWith(want);
  }
}
