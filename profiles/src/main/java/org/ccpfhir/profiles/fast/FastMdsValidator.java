package org.ccpfhir.profiles.fast;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.ccpfhir.profiles.MdsProfiles;
import org.ccpfhir.profiles.MdsValidator;
import org.ccpfhir.profiles.ProfileSelector;
import org.ccpfhir.profiles.ResourceValidator;
import org.ccpfhir.profiles.fast.DefinitionRegistry.Definition;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * MDS profile validation compiled from the profiles' snapshots into precomputed checks that run
 * directly on the HAPI R4 model: cardinality, choice types, reference targets, fixed and pattern
 * values, slicing, known extensions, required bindings (cached), the profiles' own invariants
 * (pre-parsed FHIRPath) and the base-spec invariants that matter, natively. About an order of
 * magnitude cheaper than the HL7 validator because nothing is serialised and ele-1 is not evaluated
 * by FHIRPath on every element.
 *
 * <p>Resources without an MDS profile (wider basic data set), and resources using content this
 * validator does not check itself (contained resources, narratives, modifier extensions, declared
 * non-MDS profiles, ...), go to the HL7-based {@link MdsValidator}, so the verdict is the HL7
 * validator's in every case the fast path does not cover. Thread-safe; build once.
 */
public final class FastMdsValidator implements ResourceValidator {

  private final MdsValidator fallback;
  private final ProfileSelector selector = new ProfileSelector();
  private final DefinitionRegistry registry;
  private final BindingChecker bindings;
  private final Invariants invariants;
  private final LongAdder unprofiled = new LongAdder();
  private final LongAdder unsupported = new LongAdder();

  private FastMdsValidator(MdsValidator fallback) {
    this.fallback = fallback;
    this.invariants = new Invariants(fallback.fhirContext(), fallback.validationSupport());
    this.registry = new DefinitionRegistry(fallback.validationSupport(), invariants);
    this.bindings = new BindingChecker(new TerminologyCheck(fallback.validationSupport()));
    for (String profile : MdsProfiles.ALL_PROFILES) {
      if (registry.get(profile) == null) {
        throw new IllegalStateException("MDS profile without snapshot: " + profile);
      }
    }
  }

  /** Builds the HL7 validator (warmed up) for the fallback and the compiled MDS profiles. */
  public static FastMdsValidator create(FhirContext ctx) {
    return create(MdsValidator.create(ctx));
  }

  /**
   * Compiles the MDS profiles over the chain of an existing HL7 validator, which is the fallback.
   */
  public static FastMdsValidator create(MdsValidator fallback) {
    return new FastMdsValidator(fallback);
  }

  @Override
  public ValidationResult validate(IBaseResource resource) {
    return validate(resource, selector.select(resource));
  }

  @Override
  public ValidationResult validate(IBaseResource resource, List<String> profiles) {
    List<Definition> definitions = definitions(resource, profiles);
    if (definitions == null) {
      unprofiled.increment();
      return fallback.validate(resource, profiles);
    }
    try {
      InstanceChecker checker = new InstanceChecker(registry, bindings, invariants);
      for (Definition definition : definitions) {
        checker.check((Resource) resource, definition);
      }
      unknownProfiles(resource, checker.issues());
      return new ValidationResult(fhirContext(), new ArrayList<>(checker.issues().messages()));
    } catch (UnsupportedContentException e) {
      unsupported.increment();
      return fallback.validate(resource, profiles);
    }
  }

  /** The compiled profiles to check, or null if the resource must go to the HL7 validator. */
  private List<Definition> definitions(IBaseResource resource, List<String> profiles) {
    if (profiles.isEmpty() || !(resource instanceof Resource)) {
      return null;
    }
    Set<String> urls = new LinkedHashSet<>(profiles);
    // the HL7 validator also checks the known profiles the resource declares itself
    for (IPrimitiveType<String> declared : resource.getMeta().getProfile()) {
      String url = declared.getValueAsString();
      if (url != null && registry.knows(url)) {
        urls.add(url);
      }
    }
    List<Definition> definitions = new ArrayList<>();
    for (String url : urls) {
      Definition definition = MdsProfiles.isMdsProfile(url) ? registry.get(url) : null;
      if (definition == null || !definition.type().equals(resource.fhirType())) {
        return null;
      }
      definitions.add(definition);
    }
    return definitions;
  }

  private void unknownProfiles(IBaseResource resource, Issues issues) {
    for (IPrimitiveType<String> declared : resource.getMeta().getProfile()) {
      String url = declared.getValueAsString();
      if (url != null && !registry.knows(url)) {
        issues.warning(
            resource.fhirType() + ".meta.profile",
            "VALIDATION_VAL_PROFILE_UNKNOWN",
            "Profile reference '" + url + "' has not been checked because it is unknown");
      }
    }
  }

  @Override
  public ValidationResult validateEntries(Bundle bundle) {
    List<SingleValidationMessage> messages = new ArrayList<>();
    List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
    for (int i = 0; i < entries.size(); i++) {
      Resource resource = entries.get(i).getResource();
      if (resource == null) {
        continue;
      }
      String prefix = "Bundle.entry[" + i + "].resource";
      for (SingleValidationMessage message : validate(resource).getMessages()) {
        message.setLocationString(
            relocate(prefix, resource.fhirType(), message.getLocationString()));
        messages.add(message);
      }
    }
    return new ValidationResult(fhirContext(), messages);
  }

  private static String relocate(String prefix, String type, String location) {
    if (location == null || location.equals(type)) {
      return prefix;
    }
    return location.startsWith(type + ".")
        ? prefix + location.substring(type.length())
        : prefix + "." + location;
  }

  @Override
  public List<String> selectProfiles(IBaseResource resource) {
    return selector.select(resource);
  }

  @Override
  public FhirContext fhirContext() {
    return fallback.fhirContext();
  }

  /** The HL7-based validator used for everything the fast path does not cover. */
  public MdsValidator fallback() {
    return fallback;
  }

  /** How many validations went to the HL7 validator so far (monitoring, tests). */
  public long delegatedCount() {
    return unprofiled.sum() + unsupported.sum();
  }

  /**
   * How many of them had no compiled MDS profile to check (wider basic data set, declared non-MDS
   * profiles): the HL7 validator is the only one that checks them.
   */
  public long unprofiledCount() {
    return unprofiled.sum();
  }

  /**
   * How many of them used content the fast path cannot decide (contained resources, narrative,
   * modifier extensions, invariants it does not evaluate itself, ...).
   */
  public long unsupportedCount() {
    return unsupported.sum();
  }
}
