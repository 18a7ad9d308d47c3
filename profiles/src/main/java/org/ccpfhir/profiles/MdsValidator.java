package org.ccpfhir.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ccpfhir.terminology.CcpTerminologyValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * Validates resources against base FHIR R4 and the MDS profiles, offline.
 *
 * <p>Expensive to build (core definitions, snapshots, code caches: seconds), cheap to use (a few
 * milliseconds per resource): create one instance per application and share it; all methods are
 * thread-safe. The chain of validation supports caches its answers; the core validator instances
 * are pooled (see {@link PooledInstanceValidator}). No network access.
 *
 * <p>Code systems without a definition here (LOINC, OPS, ATC, ...) yield warnings, not errors:
 * LOINC codes are fixed by patterns in the profiles and ICD-10-GM / ICD-O-3 codes are checked by
 * format in the terminology module.
 */
public final class MdsValidator implements ResourceValidator {

  private final FhirContext ctx;
  private final ValidationSupportChain chain;
  private final FhirValidator validator;
  private final ProfileSelector selector = new ProfileSelector();

  private MdsValidator(
      FhirContext ctx, IValidationSupport terminology, MdsResourceLoader resources) {
    this.ctx = ctx;
    PrePopulatedValidationSupport profiles = new PrePopulatedValidationSupport(ctx);
    resources.structureDefinitions().forEach(profiles::addStructureDefinition);
    resources.searchParameters().forEach(profiles::addSearchParameter);
    UnknownCodeSystemWarningValidationSupport unknownCodeSystems =
        new UnknownCodeSystemWarningValidationSupport(ctx);
    unknownCodeSystems.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
    this.chain =
        new ValidationSupportChain(
            ValidationSupportChain.CacheConfiguration.defaultValues(),
            new DefaultProfileValidationSupport(ctx),
            profiles,
            terminology,
            new InMemoryTerminologyServerValidationSupport(ctx),
            new CommonCodeSystemsTerminologyService(ctx),
            new SnapshotGeneratingValidationSupport(ctx),
            unknownCodeSystems);
    // FHIR: "one of the Coding values SHALL be from the specified value set" (also the reference
    // validator and FastMdsValidator); HAPI's default wants every coding in it, which refuses an
    // MII or DKTK coding sent next to the MDS one
    chain.setCodeableConceptValidationSuccessfulIfNotAllCodingsAreValid(true);
    this.validator = ctx.newValidator();
    validator.setValidateAgainstStandardSchema(false);
    validator.setValidateAgainstStandardSchematron(false);
    validator.registerValidatorModule(new PooledInstanceValidator(ctx, chain));
  }

  /**
   * Builds the standard validator (shared R4 context, MDS profiles, MDS terminology) and warms it
   * up, so that the first resource on the ingest path does not pay for loading the core definitions
   * (a few seconds).
   */
  public static MdsValidator create() {
    return create(FhirContext.forR4Cached());
  }

  /** As {@link #create()}, on the given R4 context. */
  public static MdsValidator create(FhirContext ctx) {
    MdsValidator validator = create(ctx, new CcpTerminologyValidationSupport(ctx));
    validator.warmUp();
    return validator;
  }

  /**
   * Builds a validator over the profiles of this module and the given terminology support, without
   * warming it up (see {@link #warmUp()}).
   *
   * @param ctx an R4 context (share the application's one, e.g. {@link FhirContext#forR4Cached()})
   * @param terminology answers for the MDS code systems and value sets
   */
  public static MdsValidator create(FhirContext ctx, IValidationSupport terminology) {
    Objects.requireNonNull(terminology, "terminology");
    return new MdsValidator(ctx, terminology, MdsResourceLoader.shared());
  }

  /**
   * Validates one small resource per profile once, which loads the core definitions, compiles the
   * snapshots and fills the terminology caches. Optional; {@link #create(FhirContext)} calls it.
   */
  public void warmUp() {
    for (String profile : MdsProfiles.ALL_PROFILES) {
      String type = MdsResourceLoader.shared().structureDefinition(profile).orElseThrow().getType();
      validate(ctx.getResourceDefinition(type).newInstance(), List.of(profile));
    }
  }

  /**
   * Validates against base R4 and the given profiles (URLs of {@link MdsProfiles}); an empty list
   * checks base R4 only. Profiles in the resource's {@code meta.profile} that are known here are
   * checked as well; unknown ones yield a warning.
   */
  @Override
  public ValidationResult validate(IBaseResource resource, List<String> profiles) {
    ValidationOptions options = new ValidationOptions();
    profiles.forEach(options::addProfile);
    return validator.validateWithResult(resource, options);
  }

  /** Validates against the profiles that {@link ProfileSelector} picks for the resource. */
  @Override
  public ValidationResult validate(IBaseResource resource) {
    return validate(resource, selector.select(resource));
  }

  /**
   * Validates every entry resource of a bundle (e.g. an incoming transaction) against the profiles
   * that {@link ProfileSelector} picks for it. Locations are rewritten to point into the bundle,
   * e.g. {@code Bundle.entry[2].resource.birthDate}. The bundle itself is not validated.
   */
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
    return new ValidationResult(ctx, messages);
  }

  private static String relocate(String prefix, String type, String location) {
    if (location == null || location.equals(type)) {
      return prefix;
    }
    return location.startsWith(type + ".")
        ? prefix + location.substring(type.length())
        : prefix + "." + location;
  }

  /** The profiles {@link #validate(IBaseResource)} would use. */
  @Override
  public List<String> selectProfiles(IBaseResource resource) {
    return selector.select(resource);
  }

  @Override
  public FhirContext fhirContext() {
    return ctx;
  }

  /**
   * The validation support chain (core definitions, MDS profiles, terminology, caching), e.g. for a
   * HAPI server's own validation or terminology services.
   */
  public IValidationSupport validationSupport() {
    return chain;
  }
}
