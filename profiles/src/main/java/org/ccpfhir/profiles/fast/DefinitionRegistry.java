package org.ccpfhir.profiles.fast;

import ca.uhn.fhir.context.support.IValidationSupport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.StructureDefinition.StructureDefinitionContextComponent;

/**
 * Compiled definitions by canonical URL: the MDS profiles, their extensions (ours and the DKTK
 * ones), and the base datatypes and extensions of the core spec, compiled from the same
 * validation-support chain the HL7 validator reads, on first use. Thread-safe; a definition is
 * compiled at most a few times under contention and then shared.
 */
final class DefinitionRegistry {

  /** One compiled StructureDefinition. */
  record Definition(String url, String type, ElementRule root, List<String> contexts) {}

  private static final String REGEX = "http://hl7.org/fhir/StructureDefinition/regex";

  private final IValidationSupport support;
  private final ProfileCompiler compiler;
  private final Map<String, Optional<Definition>> definitions = new ConcurrentHashMap<>();
  private final Map<String, Optional<Pattern>> primitiveFormats = new ConcurrentHashMap<>();

  DefinitionRegistry(IValidationSupport support, Invariants invariants) {
    this.support = support;
    this.compiler = new ProfileCompiler(invariants, this::typeOfProfile);
  }

  /**
   * The compiled definition, or null if the chain does not know the URL (or it has no snapshot).
   */
  Definition get(String url) {
    Optional<Definition> cached = definitions.get(url);
    if (cached == null) {
      // compiled outside computeIfAbsent: no long work under the map's bin lock
      cached = Optional.ofNullable(compile(url));
      definitions.putIfAbsent(url, cached);
    }
    return cached.orElse(null);
  }

  /** The base definition of a datatype or resource type. */
  Definition forType(String type) {
    return get(ProfileCompiler.CORE + type);
  }

  /** True if the chain holds a StructureDefinition with this URL. */
  boolean knows(String url) {
    return fetch(url) != null;
  }

  /** The regex the primitive type's definition gives for its value (as the HL7 validator uses). */
  Pattern primitiveFormat(String type) {
    return primitiveFormats
        .computeIfAbsent(type, t -> Optional.ofNullable(readFormat(t)))
        .orElse(null);
  }

  private Definition compile(String url) {
    StructureDefinition sd = fetch(url);
    if (sd == null || !sd.hasSnapshot()) {
      return null;
    }
    List<String> contexts =
        sd.getContext().stream().map(StructureDefinitionContextComponent::getExpression).toList();
    return new Definition(url, sd.getType(), compiler.compile(sd), contexts);
  }

  private String typeOfProfile(String url) {
    StructureDefinition sd = fetch(url);
    return sd == null ? null : sd.getType();
  }

  private StructureDefinition fetch(String url) {
    return support.fetchStructureDefinition(url) instanceof StructureDefinition sd ? sd : null;
  }

  private Pattern readFormat(String type) {
    StructureDefinition sd = fetch(ProfileCompiler.CORE + type);
    if (sd == null) {
      return null;
    }
    for (ElementDefinition ed : sd.getSnapshot().getElement()) {
      if (ed.getPath().equals(type + ".value")) {
        for (var typeRef : ed.getType()) {
          if (typeRef.hasExtension(REGEX)) {
            return Pattern.compile(typeRef.getExtensionByUrl(REGEX).getValue().primitiveValue());
          }
        }
      }
    }
    return null;
  }
}
