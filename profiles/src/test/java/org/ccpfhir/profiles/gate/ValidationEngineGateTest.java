package org.ccpfhir.profiles.gate;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ccpfhir.profiles.MdsExamples;
import org.ccpfhir.profiles.MdsExamples.Kind;
import org.ccpfhir.profiles.MdsProfiles;
import org.ccpfhir.profiles.MdsResourceLoader;
import org.ccpfhir.profiles.ProfileSelector;
import org.ccpfhir.profiles.shapes.InputShapes;
import org.ccpfhir.profiles.shapes.ShapeFixtures;
import org.ccpfhir.profiles.shapes.ShapeFixtures.Shape;
import org.ccpfhir.terminology.CcpTerminology;
import org.ccpfhir.terminology.CcpTerminologyValidationSupport;
import org.ccpfhir.terminology.ValueSets;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.utilities.validation.ValidationMessage.IssueSeverity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official validator gate (issue 18 item 5): every shipped conformance resource and every valid
 * / DKTK / wider example and input-shape fixture validated with the HL7 validator's {@code
 * ValidationEngine} (what the official command line runs), offline ({@link
 * OfflineValidationEngine}), with the command line's settings {@code -allow-example-urls} and
 * {@code -extension} for the foreign (DKTK, BBMRI, MII) extension domains. 0 errors. An error is
 * set aside only by one of the {@link #LIMITATIONS}: each names the message id and the specific
 * resource, element or value, says why it is the offline tool's and not the project's, and where
 * the check can be made another way, makes it (references must point at a validated resource; ICD
 * codes are checked by the project's terminology service; a display must be the code system's own
 * display; a CodeableConcept must pass once the codings of the unavailable system are removed).
 * Nothing else is filtered.
 */
class ValidationEngineGateTest {

  private static final FhirContext CTX = FhirContext.forR4Cached();

  /** Foreign extension domains: their definitions are neither shipped nor reachable offline. */
  static final List<String> FOREIGN_EXTENSION_DOMAINS =
      List.of(
          MdsProfiles.DKTK_BASE,
          "https://fhir.bbmri.de/StructureDefinition/",
          MdsProfiles.MII_ONKO_BASE);

  private static final String MII = "https://www.medizininformatik-initiative.de/fhir/";
  private static final Set<String> FORMAT_DEFINED_VALUE_SETS =
      Set.of(ValueSets.ICD10GM_CHAPTER2, ValueSets.ICDO3_TOPOGRAPHY, ValueSets.ICDO3_MORPHOLOGY);
  private static final Pattern REFERENCE = Pattern.compile("reference '([A-Za-z]+/[^']+)'");
  private static final Pattern CODE_IN_VALUE_SET =
      Pattern.compile(
          "The code provided \\(([^#]+)#([^)]+)\\) was not found in the value set '[^']*'"
              + " \\(([^|)]+)\\|");
  private static final Pattern WRONG_DISPLAY =
      Pattern.compile("Wrong Display Name '([^']*)' for ([^#]+)#(\\S+)\\. Valid display is");

  private static OfflineValidationEngine engine;
  private static CcpTerminologyValidationSupport terminology;
  private static final Map<String, Integer> FILTERED = new TreeMap<>();

  @TempDir static Path work;

  /** One error the validator reported, with the resource it is about. */
  record Finding(Resource resource, String location, String message, String id) {
    String describe() {
      return resource.fhirType()
          + "/"
          + resource.getIdElement().getIdPart()
          + " "
          + location
          + ": "
          + message
          + " ["
          + id
          + "]";
    }
  }

  /** A documented limitation of the offline tool: message id plus a narrow condition. */
  record Limitation(String name, String messageId, Predicate<Finding> applies) {}

  /** The ids ("Type/id") of every resource the gate validates: references between them resolve. */
  private static final Set<String> VALIDATED = new HashSet<>();

  /** Display errors set aside, per resource and CodeableConcept path (see LIMITATIONS). */
  private static final Set<String> DISPLAY_SET_ASIDE = new HashSet<>();

  private static final List<Limitation> LIMITATIONS =
      List.of(
          // The engine resolves a reference through its package context, which holds conformance
          // resources only; the command line would need the referenced instance loaded too. Set
          // aside only when the target is one of the resources this gate validates (examples,
          // fixtures): a reference to anything else stays an error.
          new Limitation(
              "reference to a validated example",
              "Reference_REF_CantResolve",
              f -> {
                Matcher m = REFERENCE.matcher(f.message());
                return m.find() && VALIDATED.contains(m.group(1));
              }),
          // fhir-core marks generated snapshots with the extension snapshot-base-version, defined
          // in the hl7.fhir.uv.tools package; online the command line loads that package, offline
          // it is absent. Only at the snapshot's own extension element.
          new Limitation(
              "tools extension snapshot-base-version (hl7.fhir.uv.tools)",
              "Type_Specific_Checks_DT_URL_Resolve",
              f ->
                  f.resource() instanceof org.hl7.fhir.r4.model.StructureDefinition
                      && f.location().equals("StructureDefinition.snapshot.extension[0].url")
                      && f.message()
                          .contains(
                              "'http://hl7.org/fhir/tools/StructureDefinition/snapshot-base-version'")),
          // The THO code system URL of ICD-O-3 used by the MII fixtures is defined in
          // hl7.terminology (the command line loads it online; offline it is absent).
          new Limitation(
              "THO code system icd-o-3 (hl7.terminology) in the MII fixtures",
              "Type_Specific_Checks_DT_URL_Resolve",
              f ->
                  f.message()
                      .contains("URL value 'http://terminology.hl7.org/CodeSystem/icd-o-3'")),
          // Procedure.instantiatesCanonical / Task.instantiatesCanonical come unchanged from the
          // R4 core snapshots (no profile here constrains them); fhir-core decides whether a
          // target type is a canonical resource from R5 type characteristics that the R4 core
          // definitions (HAPI's, as in hl7.fhir.r4.core) do not carry.
          new Limitation(
              "core instantiatesCanonical targets (R4 definitions without type characteristics)",
              "SD_ED_TYPE_PROFILE_WRONG_TARGET",
              f ->
                  f.location().startsWith("StructureDefinition.snapshot.element[")
                      && f.message().contains("which is not a Canonical Resource")
                      && (f.message().contains("the Procedure.instantiatesCanonical element")
                          || f.message().contains("the Task.instantiatesCanonical element"))),
          // ICD-10-GM and ICD-O-3 content is licensed and not shipped: membership in a value set
          // over a code system the engine does not have is unknown, which it reports as an error
          // for a required binding (and, for a coding with a version, after an NPE in fhir-core
          // 6.7.9's version matching: "prefix is null"). The regex of these value sets is not
          // the cause (the engine evaluates a code regex only when it has the code system). Set
          // aside only for these three value sets, and only when the project's terminology
          // service, which checks them by format, accepts the code.
          new Limitation(
              "format-defined ICD value sets, checked by the project's terminology service",
              "Terminology_TX_Confirm_4a",
              f -> {
                Matcher m = CODE_IN_VALUE_SET.matcher(f.message());
                return m.find()
                    && FORMAT_DEFINED_VALUE_SETS.contains(m.group(3))
                    && terminology
                        .validateCode(
                            new ValidationSupportContext(terminology),
                            new ConceptValidationOptions(),
                            m.group(1),
                            m.group(2),
                            null,
                            m.group(3))
                        .isOk();
              }),
          // A resource without `language` is checked for English displays; the DKTK code systems
          // are German (language de) and carry English designations, so German data with the code
          // system's own display is reported. Set aside only when the display is exactly the code
          // system's own display.
          new Limitation(
              "code system's own (German) display in a resource without language",
              "Display_Name_for__should_be_one_of__instead_of",
              f -> {
                Matcher m = WRONG_DISPLAY.matcher(f.message());
                boolean own =
                    m.find()
                        && CcpTerminology.get()
                            .display(m.group(2), m.group(3))
                            .filter(m.group(1)::equals)
                            .isPresent();
                if (own) {
                  DISPLAY_SET_ASIDE.add(
                      key(
                          f.resource(),
                          f.location().replaceAll("\\.coding\\[\\d+]\\.display$", "")));
                }
                return own;
              }),
          // ... and that display error makes the engine judge the CodeableConcept not in the value
          // set; set aside only at a CodeableConcept whose display error was set aside above.
          new Limitation(
              "CodeableConcept judged by the set-aside display",
              "Terminology_TX_NoValid_1_CC",
              f -> DISPLAY_SET_ASIDE.contains(key(f.resource(), f.location()))),
          // Offline the MII code systems are unknown, and the engine judges a CodeableConcept
          // with such a coding not in the value set even when another coding is. Set aside only
          // when the same resource without the MII codings gives no error at that element.
          new Limitation(
              "CodeableConcept with an MII coding of a code system not at hand",
              "Terminology_TX_NoValid_1_CC",
              f ->
                  f.message().contains("codes = ")
                      && f.message().substring(f.message().indexOf("codes = ")).contains(MII)
                      && withoutMiiCodingsNoErrorAt(f)));

  @BeforeAll
  static void engine() throws Exception {
    List<IBaseResource> own = new ArrayList<>(MdsResourceLoader.shared().all());
    own.addAll(CcpTerminology.get().allResources());
    engine = OfflineValidationEngine.create(CTX, work, own, FOREIGN_EXTENSION_DOMAINS);
    terminology = new CcpTerminologyValidationSupport(CTX);
  }

  @AfterAll
  static void report() {
    System.out.println("ValidationEngine gate, set aside by limitation: " + FILTERED);
  }

  @Test
  void everyShippedConformanceResourceValidates() throws Exception {
    List<IBaseResource> resources = new ArrayList<>(MdsResourceLoader.shared().all());
    resources.addAll(CcpTerminology.get().allResources());
    assertThat(resources)
        .hasAtLeastOneElementOfType(org.hl7.fhir.r4.model.StructureDefinition.class)
        .hasAtLeastOneElementOfType(org.hl7.fhir.r4.model.OperationDefinition.class)
        .hasAtLeastOneElementOfType(org.hl7.fhir.r4.model.SearchParameter.class)
        .hasAtLeastOneElementOfType(CodeSystem.class)
        .hasAtLeastOneElementOfType(ValueSet.class)
        .hasAtLeastOneElementOfType(ConceptMap.class);
    System.out.println("ValidationEngine gate: " + resources.size() + " conformance resources");
    List<String> errors = new ArrayList<>();
    for (IBaseResource resource : resources) {
      errors.addAll(errors((Resource) resource, List.of()));
    }
    assertThat(errors).isEmpty();
  }

  @Test
  void everyExampleAndShapeFixtureValidatesAgainstItsProfiles() throws Exception {
    ProfileSelector selector = new ProfileSelector();
    Map<Resource, List<String>> toValidate = new LinkedHashMap<>();
    for (Kind kind : List.of(Kind.VALID, Kind.DKTK, Kind.WIDER)) {
      for (MdsExamples.Example example : MdsExamples.of(kind)) {
        Resource resource = (Resource) example.parse(CTX);
        // as the bridgehead stores it: foreign shapes normalised first
        new InputShapes().normalise(resource, "example");
        toValidate.put(resource, selector.select(resource));
      }
    }
    for (Shape shape : Shape.values()) {
      // the fixture as sent: a valid FHIR R4 bundle
      toValidate.put(ShapeFixtures.bundle(CTX, shape, "gate", "Muster"), List.of());
      Bundle bundle = ShapeFixtures.bundle(CTX, shape, "gate", "Muster");
      new InputShapes().normalise(bundle);
      for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
        if (entry.getResource() instanceof Patient patient) {
          // what the bridgehead's IDAT guard does before the MDS profile applies
          patient.setName(null);
          patient.setBirthDateElement(
              new DateType(patient.getBirthDateElement().getValueAsString().substring(0, 7)));
        }
        toValidate.put(entry.getResource(), selector.select(entry.getResource()));
      }
    }
    toValidate.keySet().stream()
        .filter(r -> r.getIdElement().hasIdPart())
        .forEach(r -> VALIDATED.add(r.fhirType() + "/" + r.getIdElement().getIdPart()));

    List<String> errors = new ArrayList<>();
    for (Map.Entry<Resource, List<String>> entry : toValidate.entrySet()) {
      errors.addAll(errors(entry.getKey(), entry.getValue()));
    }
    System.out.println("ValidationEngine gate: " + toValidate.size() + " examples and fixtures");
    assertThat(toValidate).hasSizeGreaterThan(40);
    assertThat(errors).isEmpty();
  }

  @Test
  void aLimitationDoesNotHideTheSameMessageElsewhere() throws Exception {
    // a reference to a resource that is not validated here stays an error
    Patient patient = new Patient();
    patient.setId("gate-probe");
    patient.setManagingOrganization(new org.hl7.fhir.r4.model.Reference("Organization/nowhere"));
    assertThat(errors(patient, List.of()))
        .anyMatch(e -> e.contains("Organization/nowhere") && e.contains("REF_CantResolve"));
    // an unknown extension of the project's own domain stays an error
    Patient withExtension = new Patient();
    withExtension.setId("gate-probe-2");
    withExtension.addExtension(MdsProfiles.BASE + "ext-does-not-exist", new DateType("2020"));
    assertThat(errors(withExtension, List.of())).anyMatch(e -> e.contains("ext-does-not-exist"));
  }

  private static boolean withoutMiiCodingsNoErrorAt(Finding finding) {
    Resource copy = finding.resource().copy();
    List<Resource> parts = new ArrayList<>(List.of(copy));
    if (copy instanceof Bundle bundle) {
      // the terser does not descend into the entries' resources
      bundle.getEntry().stream()
          .map(Bundle.BundleEntryComponent::getResource)
          .filter(r -> r != null)
          .forEach(parts::add);
    }
    for (Resource part : parts) {
      for (CodeableConcept concept :
          CTX.newTerser().getAllPopulatedChildElementsOfType(part, CodeableConcept.class)) {
        concept.getCoding().removeIf(c -> c.hasSystem() && c.getSystem().startsWith(MII));
      }
    }
    try {
      return raw(copy, List.of()).stream()
          .noneMatch(m -> isError(m) && m.getLocation().equals(finding.location()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String key(Resource resource, String location) {
    return System.identityHashCode(resource) + " " + location;
  }

  private static boolean isError(ValidationMessage message) {
    return message.getLevel() == IssueSeverity.ERROR || message.getLevel() == IssueSeverity.FATAL;
  }

  private static List<ValidationMessage> raw(Resource resource, List<String> profiles)
      throws Exception {
    byte[] json =
        CTX.newJsonParser().encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8);
    return engine.validate(json, profiles);
  }

  /** The errors no limitation accounts for, described; set-aside ones are counted. */
  private static List<String> errors(Resource resource, List<String> profiles) throws Exception {
    List<String> errors = new ArrayList<>();
    for (ValidationMessage message : raw(resource, profiles)) {
      if (!isError(message)) {
        continue;
      }
      Finding finding =
          new Finding(
              resource, message.getLocation(), message.getMessage(), message.getMessageId());
      Limitation limitation =
          LIMITATIONS.stream()
              .filter(l -> l.messageId().equals(finding.id()) && l.applies().test(finding))
              .findFirst()
              .orElse(null);
      if (limitation == null) {
        errors.add(finding.describe());
      } else {
        synchronized (FILTERED) {
          FILTERED.merge(finding.id() + " (" + limitation.name() + ")", 1, Integer::sum);
        }
      }
    }
    return errors;
  }
}
