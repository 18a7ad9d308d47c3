package org.ccpfhir.profiles.gate;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r5.elementmodel.Manager.FhirFormat;
import org.hl7.fhir.utilities.http.ManagedWebAccess;
import org.hl7.fhir.utilities.http.ManagedWebAccess.WebAccessPolicy;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.ValidationEngine;
import org.hl7.fhir.validation.ValidatorUtils;
import org.hl7.fhir.validation.service.model.InstanceValidatorParameters;

/**
 * The HL7 validator's {@link ValidationEngine} (what the official command-line validator runs), set
 * up offline: web access prohibited before anything is built (fhir-core's {@link ManagedWebAccess}:
 * a package download or terminology call fails instead of reaching the network), no terminology
 * server, and instead of the {@code hl7.fhir.r4.core} package from the package registry a core
 * package written from HAPI's R4 definitions ({@code hapi-fhir-validation-resources-r4}, the same
 * 4.0.1 content) into a temporary folder, plus a package of the project's own conformance resources
 * that depends on it.
 */
final class OfflineValidationEngine {

  static final String FHIR_VERSION = "4.0.1";

  private final ValidationEngine engine;

  private OfflineValidationEngine(ValidationEngine engine) {
    this.engine = engine;
  }

  /**
   * @param work an empty folder for the two packages
   * @param own the project's conformance resources (R4)
   * @param extensionDomains URL prefixes of foreign extensions whose definitions are not shipped
   */
  static OfflineValidationEngine create(
      FhirContext ctx, Path work, List<? extends IBaseResource> own, List<String> extensionDomains)
      throws Exception {
    ManagedWebAccess.setAccessPolicy(WebAccessPolicy.PROHIBITED);
    Path core = work.resolve("core");
    List<IBaseResource> coreResources = coreResources(ctx);
    writePackage(ctx, core, "hl7.fhir.r4.core", FHIR_VERSION, "Core", null, coreResources);
    Path project = work.resolve("project");
    writePackage(
        ctx, project, "org.ccp-fhir.mds", "0.1.0", "IG", "hl7.fhir.r4.core", List.copyOf(own));

    // indexed before the engine is built: the builder installs an SQLite index extension that
    // indexes none of these files (every file was dropped from the index)
    NpmPackage corePackage = NpmPackage.fromFolder(core.toString());
    NpmPackage projectPackage = NpmPackage.fromFolder(project.toString());
    // fhir-core's engine loads the cross-version extensions package (hl7.fhir.xver-extensions)
    // from the package cache under user.home while it is built, before a cache folder can be
    // handed to it: a cache of our own in the work folder, with an empty stand-in for that package
    // (R5 extensions used in R4 content; the project uses none)
    Path home = work.resolve("home");
    Path cache = home.resolve(".fhir").resolve("packages");
    writePackage(
        ctx,
        cache.resolve("hl7.fhir.xver-extensions#0.1.0"),
        "hl7.fhir.xver-extensions",
        "0.1.0",
        "IG",
        null,
        List.of());
    ValidationEngine engine;
    synchronized (OfflineValidationEngine.class) {
      String userHome = System.getProperty("user.home");
      System.setProperty("user.home", home.toString());
      try {
        engine =
            // no version here: with one, the builder loads the terminology package
            // (hl7.terminology.r4) of the package registry; the version comes with the core package
            new ValidationEngine.ValidationEngineBuilder()
                .withNoTerminologyServer()
                .withCanRunWithoutTerminologyServer(true)
                .withTerminologyCachePath(work.resolve("tx-cache").toString())
                .fromNothing();
      } finally {
        System.setProperty("user.home", userHome);
      }
    }
    engine.getContext().loadFromPackage(corePackage, ValidatorUtils.loaderForVersion(FHIR_VERSION));
    engine
        .getContext()
        .loadFromPackage(projectPackage, ValidatorUtils.loaderForVersion(FHIR_VERSION));
    // no terminology server: codes of systems not in the packages are not checked (the builder's
    // withNoTerminologyServer leaves a null client that the terminology checks call)
    engine.getContext().setNoTerminologyServer(true);
    engine.getContext().setCanRunWithoutTerminology(true);
    engine.setVersion(FHIR_VERSION);
    // the command line's settings; fhir-core 6.7 reads them from these parameters when it builds
    // the validator for a call (the engine's own setAnyExtensionsAllowed is not passed on)
    InstanceValidatorParameters settings = engine.getDefaultInstanceValidatorParameters();
    // -allow-example-urls: examples and fixtures use example.org, HAPI's core snapshots acme.com
    settings.setAllowExampleUrls(true);
    // -extension <domain>: extensions of these domains whose definitions are not at hand are
    // allowed (a definition that is at hand is still checked); any other unknown one is an error
    settings.setExtensions(new ArrayList<>(extensionDomains));
    return new OfflineValidationEngine(engine);
  }

  /** The validator's messages for one resource (JSON), against the given profiles. */
  List<ValidationMessage> validate(byte[] json, List<String> profiles) throws Exception {
    List<ValidationMessage> messages = new ArrayList<>();
    engine.validate(json, FhirFormat.JSON, profiles, messages);
    return messages;
  }

  /** The R4 core definitions HAPI ships (hapi-fhir-validation-resources-r4), as bundles. */
  static final List<String> CORE_BUNDLES =
      List.of(
          "/org/hl7/fhir/r4/model/profile/profiles-types.xml",
          "/org/hl7/fhir/r4/model/profile/profiles-resources.xml",
          "/org/hl7/fhir/r4/model/profile/profiles-others.xml",
          "/org/hl7/fhir/r4/model/extension/extension-definitions.xml",
          "/org/hl7/fhir/r4/model/valueset/valuesets.xml",
          "/org/hl7/fhir/r4/model/valueset/v3-codesystems.xml",
          "/org/hl7/fhir/r4/model/valueset/v2-tables.xml");

  private static List<IBaseResource> coreResources(FhirContext ctx) throws IOException {
    List<IBaseResource> out = new ArrayList<>();
    IParser xml = ctx.newXmlParser();
    for (String name : CORE_BUNDLES) {
      try (var in = OfflineValidationEngine.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("not on the class path: " + name);
        }
        Bundle bundle = xml.parseResource(Bundle.class, in);
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
          if (entry.getResource() != null) {
            out.add(entry.getResource());
          }
        }
      }
    }
    return out;
  }

  private static void writePackage(
      FhirContext ctx,
      Path root,
      String name,
      String version,
      String type,
      String dependsOnCore,
      List<IBaseResource> resources)
      throws IOException {
    Path dir = root.resolve("package");
    Files.createDirectories(dir);
    String dependencies =
        dependsOnCore == null ? "{}" : "{\"" + dependsOnCore + "\": \"" + FHIR_VERSION + "\"}";
    Files.writeString(
        dir.resolve("package.json"),
        """
        {"name": "%s", "version": "%s", "type": "%s", "fhirVersions": ["%s"],
         "dependencies": %s, "canonical": "http://example.org/%s"}
        """
            .formatted(name, version, type, FHIR_VERSION, dependencies, name),
        StandardCharsets.UTF_8);
    IParser parser = ctx.newJsonParser();
    int n = 0;
    for (IBaseResource resource : resources) {
      String id = resource.getIdElement().getIdPart();
      String file =
          resource.fhirType() + "-" + (id == null ? "r" + n : id.replaceAll("[^A-Za-z0-9.-]", "-"));
      Files.writeString(
          dir.resolve(file + "-" + n++ + ".json"),
          parser.encodeResourceToString(resource),
          StandardCharsets.UTF_8);
    }
  }
}
