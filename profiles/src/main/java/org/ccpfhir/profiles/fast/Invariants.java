package org.ccpfhir.profiles.fast;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.fhirpath.ExpressionNode;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r4.hapi.ctx.HapiWorkerContext;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.ElementDefinition.ConstraintSeverity;
import org.hl7.fhir.r4.model.ElementDefinition.ElementDefinitionConstraintComponent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The invariants ({@code constraint} entries) of compiled definitions.
 *
 * <p>The base-spec invariants that hold on every element are what makes the HL7 validator slow
 * (ele-1 alone is evaluated by FHIRPath on each element). They are implemented natively or dropped
 * where something else guarantees them:
 *
 * <ul>
 *   <li>ele-1 (value or children): HAPI's parser drops empty elements, and {@link InstanceChecker}
 *       skips empty model objects, as the HL7 validator never sees them (it reads the re-encoded
 *       JSON).
 *   <li>ext-1, ref-1 and per-1: native ({@link PeriodOrder}).
 *   <li>dom-2..dom-5, txt-1, txt-2: resources with contained resources or a narrative go to the HL7
 *       validator.
 *   <li>dom-6 and other base-spec warnings: do not change the verdict; best-practice warnings are
 *       off in the HL7 setup.
 * </ul>
 *
 * Every other invariant (the profiles' own ones such as mds-pat-1, and base-spec errors such as
 * obs-6, per-1) is parsed once and evaluated with HAPI's R4 FHIRPath engine.
 */
final class Invariants {

  enum Native {
    EXT_1,
    REF_1,
    PER_1,
    /** Left to the HL7 validator (see {@link #compile}). */
    DELEGATE
  }

  private static final Pattern COMPARISON = Pattern.compile("[<>]");

  /**
   * A compiled invariant: either native or a parsed FHIRPath expression. {@code ruleId} is the HL7
   * validator's message id for it: the defining structure's URL, '#', the key.
   */
  record Invariant(
      String key,
      String ruleId,
      boolean error,
      String human,
      String expression,
      Native nativeCheck,
      ExpressionNode node) {}

  private static final Set<String> DROPPED =
      Set.of("ele-1", "dom-2", "dom-3", "dom-4", "dom-5", "dom-6", "txt-1", "txt-2");
  private static final String BEST_PRACTICE =
      "http://hl7.org/fhir/StructureDefinition/elementdefinition-bestpractice";
  private static final String CORE = "http://hl7.org/fhir/StructureDefinition/";

  private final HapiWorkerContext worker;

  // the engine keeps per-evaluation settings in fields; one per thread keeps evaluation safe
  private final ThreadLocal<FHIRPathEngine> engines;

  Invariants(FhirContext ctx, IValidationSupport support) {
    this.worker = new HapiWorkerContext(ctx, support);
    this.engines = ThreadLocal.withInitial(() -> new FHIRPathEngine(worker));
  }

  /**
   * Compiles a constraint of the structure {@code url}; null if it is not checked (see the class
   * comment).
   */
  Invariant compile(ElementDefinitionConstraintComponent constraint, String url) {
    String key = constraint.getKey();
    boolean error = constraint.getSeverity() != ConstraintSeverity.WARNING;
    String source = constraint.getSource();
    // the HL7 validator names the structure that defines the invariant
    String ruleId = ProfileCompiler.stripVersion(source == null ? url : source) + "#" + key;
    boolean baseSpec = source != null && source.startsWith(CORE);
    if (DROPPED.contains(key) || constraint.hasExtension(BEST_PRACTICE)) {
      return null;
    }
    if ("ext-1".equals(key)) {
      return new Invariant(key, ruleId, true, constraint.getHuman(), null, Native.EXT_1, null);
    }
    if ("ref-1".equals(key)) {
      return new Invariant(key, ruleId, true, constraint.getHuman(), null, Native.REF_1, null);
    }
    if ((baseSpec && !error) || !constraint.hasExpression()) {
      return null;
    }
    if ("per-1".equals(key)) {
      return new Invariant(key, ruleId, true, constraint.getHuman(), null, Native.PER_1, null);
    }
    if (baseSpec && COMPARISON.matcher(constraint.getExpression()).find()) {
      // the R4 engine's date/quantity comparison changes the compared values (it adds a time
      // zone to a dateTime), which must not happen to data being ingested
      return new Invariant(key, ruleId, true, constraint.getHuman(), null, Native.DELEGATE, null);
    }
    ExpressionNode node = engines.get().parse(constraint.getExpression());
    return new Invariant(
        key, ruleId, error, constraint.getHuman(), constraint.getExpression(), null, node);
  }

  /** True if the invariant holds on {@code focus} within {@code resource}. */
  boolean holds(Invariant invariant, Resource resource, Base focus) {
    if (invariant.nativeCheck() == Native.EXT_1) {
      Extension extension = (Extension) focus;
      return extension.hasExtension() != extension.hasValue();
    }
    if (invariant.nativeCheck() == Native.REF_1) {
      // contained resources are delegated, so a local reference cannot resolve here
      String reference = ((Reference) focus).getReference();
      return reference == null || !reference.startsWith("#");
    }
    if (invariant.nativeCheck() == Native.PER_1) {
      return PeriodOrder.holds((Period) focus);
    }
    if (invariant.nativeCheck() == Native.DELEGATE) {
      throw new UnsupportedContentException("invariant " + invariant.key());
    }
    try {
      return engines.get().evaluateToBoolean(null, resource, resource, focus, invariant.node());
    } catch (RuntimeException e) {
      throw new UnsupportedContentException(
          "invariant " + invariant.key() + " cannot be evaluated: " + e.getMessage());
    }
  }
}
