package org.ccpfhir.profiles.fast;

import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.profiles.fast.DefinitionRegistry.Definition;
import org.ccpfhir.profiles.fast.ElementRule.TypeRef;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Walks one resource along a compiled profile and records what is wrong, in the HL7 validator's
 * location style ({@code Observation.component[1].value.ofType(CodeableConcept)}). One instance per
 * validation call (it holds the messages); the rules it reads are shared.
 */
final class InstanceChecker {

  private final DefinitionRegistry registry;
  private final BindingChecker bindings;
  private final Invariants invariants;
  private final Issues issues = new Issues();
  private final ValueChecks values;
  private static final String UCUM = "http://unitsofmeasure.org";

  private final ExtensionContexts contexts;
  private Resource resource;
  private boolean insideRefusedConcept;

  InstanceChecker(DefinitionRegistry registry, BindingChecker bindings, Invariants invariants) {
    this.registry = registry;
    this.bindings = bindings;
    this.invariants = invariants;
    this.values = new ValueChecks(registry, issues);
    this.contexts = new ExtensionContexts(issues);
  }

  Issues issues() {
    return issues;
  }

  void check(Resource resource, Definition profile) {
    this.resource = resource;
    if (resource instanceof DomainResource domain) {
      if (domain.hasContained()) {
        throw new UnsupportedContentException("contained resources");
      }
      if (domain.hasText()) {
        throw new UnsupportedContentException("narrative");
      }
    }
    checkElement(resource, profile.root(), resource.fhirType(), null, null);
  }

  private void checkElement(
      Base value, ElementRule rule, String location, ElementRule ownerRule, Base owner) {
    if (rule.unsupported != null) {
      throw new UnsupportedContentException(rule.unsupported);
    }
    if (value instanceof Quantity quantity && UCUM.equals(quantity.getSystem())) {
      // the HL7 validator parses UCUM units (a sample volume in "zz" is an error there); this
      // checker has no UCUM grammar, so such resources (biobank samples) go to the HL7 validator
      throw new UnsupportedContentException("UCUM quantity");
    }
    String type = value.fhirType();
    TypeRef typeRef = null;
    if (!rule.types.isEmpty()) {
      typeRef = rule.choice ? rule.type(type) : rule.types.get(0);
      if (typeRef == null) {
        issues.error(
            location,
            "Validation_VAL_Profile_WrongType",
            "The type '" + type + "' is not allowed at " + rule.path + " " + allowed(rule));
        return;
      }
    }
    if (rule.fixed != null && !ValueChecks.fixedMatches(rule.fixed, value)) {
      issues.error(
          location,
          "Profile_VAL_Fixed",
          "Value must be exactly '" + rule.fixed.primitiveValue() + "' (" + rule.path + ")");
    }
    if (rule.pattern != null && !rule.pattern.matches(value)) {
      issues.error(
          location,
          value instanceof CodeableConcept ? "TYPE_CHECKS_PATTERN_CC" : "Profile_VAL_Pattern",
          "The value does not contain the pattern " + rule.pattern.describe() + " of " + rule.path);
    }
    boolean notInValueSet = false;
    if (rule.requiredValueSet != null) {
      notInValueSet = bindings.checkRequired(value, rule.requiredValueSet, location, issues);
    } else if (value instanceof Coding coding && !insideRefusedConcept) {
      bindings.checkCodeSystem(coding, location, issues);
    }
    if (value instanceof PrimitiveType<?> primitive) {
      values.checkPrimitive(primitive, type, location);
    }
    if (value instanceof Reference reference) {
      values.checkReference(reference, typeRef, location);
    }
    evaluate(rule.invariants, value, location);
    List<ElementRule> children = rule.children;
    ElementRule childOwner = rule;
    if (children.isEmpty()) {
      Definition definition = typeDefinition(value, type, typeRef, location, ownerRule, owner);
      if (definition == null) {
        return;
      }
      evaluate(definition.root().invariants, value, location);
      children = definition.root().children;
      childOwner = definition.root();
    } else if (typeRef != null && isDatatype(value, type)) {
      // the snapshot lists the datatype's children, but its own invariants live on its root
      Definition definition = registry.forType(type);
      if (definition != null) {
        evaluate(definition.root().invariants, value, location);
      }
    }
    // the HL7 validator reports a concept outside its required value set once, at the concept,
    // and does not look up its codings in their code systems as well
    boolean outer = insideRefusedConcept;
    insideRefusedConcept = outer || (notInValueSet && value instanceof CodeableConcept);
    try {
      checkChildren(value, childOwner, children, location);
    } finally {
      insideRefusedConcept = outer;
    }
  }

  private Definition typeDefinition(
      Base value,
      String type,
      TypeRef typeRef,
      String location,
      ElementRule ownerRule,
      Base owner) {
    if (typeRef != null && !typeRef.profiles().isEmpty()) {
      if (typeRef.profiles().size() > 1) {
        throw new UnsupportedContentException("several type profiles at " + location);
      }
      Definition profile = registry.get(ProfileCompiler.stripVersion(typeRef.profiles().get(0)));
      if (profile == null) {
        throw new UnsupportedContentException("unknown type profile at " + location);
      }
      contexts.check(profile, ownerRule, owner, location);
      return profile;
    }
    if (value instanceof Extension extension) {
      Definition known = extension.hasUrl() ? registry.get(extension.getUrl()) : null;
      if (known != null && "Extension".equals(known.type())) {
        contexts.check(known, ownerRule, owner, location);
        return known;
      }
      issues.information(
          location, "Extension_EXT_Unknown", "Unknown extension " + extension.getUrl());
    }
    Definition definition = registry.forType(type);
    if (definition == null && !value.isPrimitive()) {
      throw new UnsupportedContentException("no definition for type " + type);
    }
    return definition;
  }

  private void checkChildren(
      Base value, ElementRule owner, List<ElementRule> children, String location) {
    boolean primitive = value.isPrimitive();
    for (ElementRule child : children) {
      if (primitive && child.name.equals("value")) {
        continue; // the primitive's own value is checked by checkPrimitive
      }
      if (value instanceof Resource r && child.name.equals("id") && child.path.indexOf('.') > 0) {
        values.checkResourceId(r, location);
        continue;
      }
      Base[] raw = value.getProperty(child.hash, child.name, false);
      if (child.name.equals("modifierExtension") && ValueChecks.hasContent(raw)) {
        // unknown modifiers change the meaning of the resource: leave them to the HL7 validator
        throw new UnsupportedContentException("modifier extension");
      }
      List<Base> items = new ArrayList<>(raw.length);
      for (Base item : raw) {
        if (item != null && !ValueChecks.isEmpty(item)) {
          items.add(item);
        }
      }
      checkList(value, owner, child, items, location);
    }
  }

  private void checkList(
      Base value, ElementRule owner, ElementRule child, List<Base> items, String location) {
    int count = items.size();
    if (count < child.min) {
      issues.error(
          location,
          "Validation_VAL_Profile_Minimum",
          child.path + ": minimum required = " + child.min + ", but only found " + count);
    }
    if (child.max >= 0 && count > child.max) {
      issues.error(
          location,
          "Validation_VAL_Profile_Maximum",
          child.path + ": max allowed = " + child.max + ", but found " + count);
    }
    if (child.slicing != null) {
      // also without items: a slice may be required
      if (child.unsupported != null && count > 0) {
        throw new UnsupportedContentException(child.unsupported);
      }
      checkSlices(value, owner, child, items, location);
      return;
    }
    if (count == 0) {
      return;
    }
    for (int i = 0; i < count; i++) {
      Base item = items.get(i);
      checkElement(item, child, itemLocation(location, child, item, i), owner, value);
    }
  }

  private void checkSlices(
      Base value, ElementRule owner, ElementRule sliced, List<Base> items, String location) {
    List<ElementRule> slices = sliced.slicing.slices();
    int[] counts = new int[slices.size()];
    for (int i = 0; i < items.size(); i++) {
      Base item = items.get(i);
      String itemLocation = itemLocation(location, sliced, item, i);
      int match = -1;
      for (int s = 0; s < slices.size() && match < 0; s++) {
        if (slices.get(s).containsItem(item)) {
          match = s;
        }
      }
      if (match >= 0) {
        counts[match]++;
        checkElement(item, slices.get(match), itemLocation, owner, value);
      } else {
        if (sliced.slicing.closed()) {
          issues.error(
              itemLocation,
              "Validation_VAL_Profile_NotSlice",
              "This element does not match any known slice of " + sliced.path);
        }
        checkElement(item, sliced, itemLocation, owner, value);
      }
    }
    for (int s = 0; s < slices.size(); s++) {
      ElementRule slice = slices.get(s);
      if (counts[s] < slice.min) {
        issues.error(
            location,
            "Validation_VAL_Profile_Minimum_SLICE",
            "Slice '"
                + slice.displayId()
                + "': a matching slice is required, but not found (minimum required = "
                + slice.min
                + ", found "
                + counts[s]
                + ")");
      }
      if (slice.max >= 0 && counts[s] > slice.max) {
        issues.error(
            location,
            "Validation_VAL_Profile_Maximum",
            slice.displayId() + ": max allowed = " + slice.max + ", but found " + counts[s]);
      }
    }
  }

  private void evaluate(List<Invariants.Invariant> list, Base value, String location) {
    for (Invariants.Invariant invariant : list) {
      if (!invariants.holds(invariant, resource, value)) {
        String message = "Constraint failed: " + invariant.key() + ": '" + invariant.human() + "'";
        if (invariant.error()) {
          issues.error(location, invariant.ruleId(), message);
        } else {
          issues.warning(location, invariant.ruleId(), message);
        }
      }
    }
  }

  private static boolean isDatatype(Base value, String type) {
    return !(value instanceof Resource)
        && Character.isUpperCase(type.charAt(0))
        && type.indexOf('.') < 0;
  }

  private static String itemLocation(String location, ElementRule child, Base item, int index) {
    StringBuilder out = new StringBuilder(location).append('.').append(child.name);
    if (child.repeating) {
      out.append('[').append(index).append(']');
    }
    if (child.choice) {
      out.append(".ofType(").append(item.fhirType()).append(')');
    }
    return out.toString();
  }

  private static String allowed(ElementRule rule) {
    return rule.types.stream().map(TypeRef::code).toList().toString();
  }
}
