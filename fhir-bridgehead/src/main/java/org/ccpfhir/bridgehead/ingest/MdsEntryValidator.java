package org.ccpfhir.bridgehead.ingest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToLongFunction;
import org.ccpfhir.profiles.MdsValidator;
import org.ccpfhir.profiles.ResourceValidator;
import org.ccpfhir.profiles.fast.FastMdsValidator;
import org.ccpfhir.security.logging.SafeLog;
import org.ccpfhir.terminology.CcpTerminologyValidationSupport;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Validates a resource against the MDS profiles chosen for it (declared, mapped from DKTK
 * onco-core, or by shape; base R4 for the wider basic data set) and reports errors with their
 * location inside the submission. {@code ccp.ingest.validator} picks the implementation: FAST (the
 * compiled profiles, falling back to the HL7 validator per resource where they cannot decide,
 * counted in {@value #FALLBACKS}) or FULL (the HL7 validator for everything). Its health is
 * OUT_OF_SERVICE while the validator is still being built, so {@code /actuator/health} reports UP
 * only when validated writes are served without waiting.
 */
@Component
public class MdsEntryValidator implements EntryValidator, HealthIndicator {

  private static final Logger LOG = LoggerFactory.getLogger(MdsEntryValidator.class);

  /** Resources the FAST validator handed to the HL7 validator, tag {@code reason}. */
  public static final String FALLBACKS = "ccp.ingest.validator.fallbacks";

  private final CompletableFuture<ResourceValidator> validator;

  /**
   * Builds the validator (profiles, snapshots, terminology: several seconds) in the background so
   * that the server starts answering reads at once; the first write waits until it is ready.
   */
  public MdsEntryValidator(
      FhirContext fhirContext,
      CcpTerminologyValidationSupport terminology,
      IngestProperties properties,
      MeterRegistry registry) {
    this.validator =
        CompletableFuture.supplyAsync(
                () -> {
                  long start = System.nanoTime();
                  // over the app's one terminology support (the forms check codes with it too)
                  MdsValidator full = MdsValidator.create(fhirContext, terminology);
                  full.warmUp();
                  ResourceValidator built =
                      properties.validator() == IngestProperties.ValidatorKind.FAST
                          ? FastMdsValidator.create(full)
                          : full;
                  built.validate(new Patient());
                  LOG.info(
                      "MDS validator ({}) ready in {} ms",
                      properties.validator(),
                      (System.nanoTime() - start) / 1_000_000);
                  return built;
                },
                runnable -> {
                  Thread thread = new Thread(runnable, "mds-validator-init");
                  thread.setDaemon(true);
                  thread.start();
                })
            .whenComplete(
                (built, failure) -> {
                  if (failure != null) {
                    LOG.error("Building the MDS validator failed: {}", SafeLog.describe(failure));
                  }
                });
    fallbacks(registry, "no-mds-profile", FastMdsValidator::unprofiledCount);
    fallbacks(registry, "unsupported-content", FastMdsValidator::unsupportedCount);
  }

  private void fallbacks(
      MeterRegistry registry, String reason, ToLongFunction<FastMdsValidator> count) {
    FunctionCounter.builder(
            FALLBACKS,
            validator,
            future ->
                future.getNow(null) instanceof FastMdsValidator fast ? count.applyAsLong(fast) : 0)
        .description(
            "Resources the FAST validator left to the HL7 validator (FULL): no compiled MDS"
                + " profile, or content the fast path cannot decide")
        .tag("reason", reason)
        .register(registry);
  }

  @Override
  public Health health() {
    if (!validator.isDone()) {
      return Health.outOfService().withDetail("validator", "building").build();
    }
    if (validator.isCompletedExceptionally()) {
      return Health.down().withDetail("validator", "could not be built (see the log)").build();
    }
    return Health.up().build();
  }

  @Override
  public void validate(Resource resource, String path, IngestIssues issues) {
    ResourceValidator validator = this.validator.join();
    List<String> profiles = validator.selectProfiles(resource);
    ValidationResult result;
    try {
      result = validator.validate(resource, profiles);
    } catch (RuntimeException e) {
      // the core validator crashes on some malformed values (an index out of bounds while parsing
      // a date, seen in fuzzing): that is the resource's fault, answered like a validation error
      // (its message may quote the value, so only its class is named)
      issues.add(
          IssueSeverity.ERROR,
          IssueType.INVALID,
          path,
          resource.fhirType()
              + " at "
              + path
              + ": the validator could not process this resource ("
              + e.getClass().getSimpleName()
              + "); look for malformed values");
      return;
    }
    String rules = profiles.isEmpty() ? "base FHIR R4" : String.join(", ", profiles);
    for (SingleValidationMessage message : result.getMessages()) {
      if (message.getSeverity() == ResultSeverityEnum.ERROR
          || message.getSeverity() == ResultSeverityEnum.FATAL) {
        String location = locate(path, resource.fhirType(), message.getLocationString());
        issues.add(
            IssueSeverity.ERROR,
            IssueType.INVALID,
            location,
            resource.fhirType()
                + " at "
                + location
                + ": "
                + message.getMessage()
                + " (rule "
                + message.getMessageId()
                + "; validated against "
                + rules
                + ")");
      }
    }
  }

  /**
   * Turns the validator's resource-relative location ({@code Observation.value.ofType(...)}) into
   * one relative to the submission ({@code Bundle.entry[3].resource.ofType(Observation).value...}).
   */
  static String locate(String path, String type, String location) {
    if (path.equals(type)) {
      return location == null ? type : location;
    }
    String prefix = path + ".ofType(" + type + ")";
    if (location == null || location.isBlank() || location.equals(type)) {
      return prefix;
    }
    if (location.startsWith(type + ".")) {
      return prefix + location.substring(type.length());
    }
    return prefix + "." + location;
  }
}
