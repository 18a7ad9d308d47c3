package org.ccpfhir.profiles.fast;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ccpfhir.profiles.fast.ElementRule.Discriminator;
import org.ccpfhir.profiles.fast.ElementRule.Slicing;
import org.ccpfhir.profiles.fast.ElementRule.TypeRef;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.ElementDefinition.DiscriminatorType;
import org.hl7.fhir.r4.model.ElementDefinition.ElementDefinitionSlicingDiscriminatorComponent;
import org.hl7.fhir.r4.model.ElementDefinition.TypeRefComponent;
import org.hl7.fhir.r4.model.Enumerations.BindingStrength;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Turns the snapshot of one StructureDefinition into a tree of {@link ElementRule}s.
 *
 * <p>Only this definition's own snapshot is read: datatypes whose children the snapshot does not
 * list, and extension profiles, are looked up by {@link DefinitionRegistry} when an instance needs
 * them, which keeps compilation free of recursion (types refer to each other).
 */
final class ProfileCompiler {

  static final String CORE = "http://hl7.org/fhir/StructureDefinition/";
  private static final String MAX_VALUE_SET =
      "http://hl7.org/fhir/StructureDefinition/elementdefinition-maxValueSet";

  private final Invariants invariants;

  /** Resource type of a (non-core) target profile, without compiling it. */
  private final Function<String, String> typeOfProfile;

  ProfileCompiler(Invariants invariants, Function<String, String> typeOfProfile) {
    this.invariants = invariants;
    this.typeOfProfile = typeOfProfile;
  }

  /** The root rule of the definition's snapshot. */
  ElementRule compile(StructureDefinition sd) {
    Map<String, ElementRule> byId = new HashMap<>();
    ElementRule root = null;
    for (ElementDefinition ed : sd.getSnapshot().getElement()) {
      String id = ed.hasId() ? ed.getId() : ed.getPath();
      String max = ed.getBase().hasMax() ? ed.getBase().getMax() : ed.getMax();
      ElementRule rule = new ElementRule(ed.getPath(), !"1".equals(max) && !"0".equals(max), null);
      ElementRule slice = null;
      int dot = id.lastIndexOf('.');
      String last = id.substring(dot + 1);
      if (ed.hasSliceName() && last.contains(":")) {
        rule = new ElementRule(ed.getPath(), rule.repeating, ed.getSliceName());
        slice = rule;
      }
      fill(rule, ed, sd.getUrl());
      if (root == null) {
        root = rule;
      } else if (slice != null) {
        String baseId = id.substring(0, id.lastIndexOf(':'));
        ElementRule base = byId.get(baseId);
        if (base == null || base.slicing == null) {
          throw new IllegalStateException("slice without slicing: " + id);
        }
        base.slicing.slices().add(slice);
      } else {
        ElementRule parent = byId.get(id.substring(0, dot));
        if (parent == null) {
          throw new IllegalStateException("element without parent: " + id);
        }
        parent.children.add(rule);
      }
      byId.put(id, rule);
    }
    byId.values().stream().filter(r -> r.slicing != null).forEach(ProfileCompiler::keySlices);
    return root;
  }

  /** Precomputes what an item must match to belong to each slice. */
  private static void keySlices(ElementRule sliced) {
    if (sliced.unsupported != null) {
      return;
    }
    String path = sliced.slicing.discriminators().get(0).path();
    for (ElementRule slice : sliced.slicing.slices()) {
      ElementRule target = path.equals("$this") ? slice : slice.child(path);
      PatternNode key = null;
      if (target != null) {
        key = target.pattern != null ? target.pattern : fixedKey(target);
      }
      TypeRef type = slice.singleType();
      if (key == null && path.equals("url") && type != null && type.profiles().size() == 1) {
        // extension slices name the extension by profile; its url is the profile's canonical
        key = PatternNode.primitive(stripVersion(type.profiles().get(0)));
      }
      if (key == null) {
        sliced.unsupported = "no discriminator value for slice " + slice.displayId();
        return;
      }
      slice.sliceKey = key;
      slice.sliceKeyChild = path.equals("$this") ? null : path;
    }
  }

  private static PatternNode fixedKey(ElementRule rule) {
    if (rule.fixed == null) {
      return null;
    }
    // a complex fixed value would need exact (not pattern) matching; no profile here uses one
    return rule.fixed.isPrimitive() ? PatternNode.primitive(rule.fixed.primitiveValue()) : null;
  }

  private void fill(ElementRule rule, ElementDefinition ed, String url) {
    rule.min = ed.getMin();
    rule.max = "*".equals(ed.getMax()) ? -1 : Integer.parseInt(ed.getMax());
    for (TypeRefComponent type : ed.getType()) {
      rule.types.add(typeRef(type));
    }
    rule.fixed = ed.getFixed();
    if (ed.hasPattern()) {
      rule.pattern = PatternNode.of(ed.getPattern());
    }
    if (ed.hasBinding()) {
      if (ed.getBinding().hasExtension(MAX_VALUE_SET)) {
        rule.unsupported = "maxValueSet binding on " + ed.getPath();
      }
      if (ed.getBinding().getStrength() == BindingStrength.REQUIRED
          && ed.getBinding().hasValueSet()) {
        rule.requiredValueSet = stripVersion(ed.getBinding().getValueSet());
      }
    }
    ed.getConstraint().stream()
        .map(constraint -> invariants.compile(constraint, url))
        .filter(java.util.Objects::nonNull)
        .forEach(rule.invariants::add);
    if (ed.hasContentReference()) {
      rule.unsupported = "contentReference at " + ed.getPath();
    }
    if (ed.hasSlicing()) {
      List<Discriminator> discriminators = new ArrayList<>();
      for (ElementDefinitionSlicingDiscriminatorComponent d : ed.getSlicing().getDiscriminator()) {
        discriminators.add(new Discriminator(d.getType().toCode(), d.getPath()));
        boolean supported =
            d.getType() == DiscriminatorType.VALUE || d.getType() == DiscriminatorType.PATTERN;
        if (!supported || !(d.getPath().equals("$this") || d.getPath().matches("[a-zA-Z]+"))) {
          rule.unsupported = "slicing by " + d.getType().toCode() + ":" + d.getPath();
        }
      }
      if (discriminators.size() != 1) {
        rule.unsupported = "slicing with " + discriminators.size() + " discriminators";
      }
      boolean closed = ed.getSlicing().getRules() == ElementDefinition.SlicingRules.CLOSED;
      rule.slicing = new Slicing(discriminators, closed, new ArrayList<>());
    }
  }

  private TypeRef typeRef(TypeRefComponent type) {
    String code = type.getWorkingCode();
    List<String> profiles = type.getProfile().stream().map(CanonicalType::getValue).toList();
    List<String> targets = new ArrayList<>();
    for (CanonicalType target : type.getTargetProfile()) {
      String url = stripVersion(target.getValue());
      String resourceType =
          url.startsWith(CORE) ? url.substring(CORE.length()) : typeOfProfile.apply(url);
      // an unknown target profile cannot restrict anything the HL7 validator could check here
      targets.add(resourceType == null ? "Resource" : resourceType);
    }
    return new TypeRef(code, profiles, List.copyOf(targets));
  }

  static String stripVersion(String url) {
    int bar = url.indexOf('|');
    return bar < 0 ? url : url.substring(0, bar);
  }
}
