package org.ccpfhir.profiles.fast;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Base;

/**
 * One element of a compiled StructureDefinition snapshot: everything {@link InstanceChecker} needs
 * to check the instances of that element without looking at the ElementDefinition again.
 *
 * <p>Built by {@link ProfileCompiler} and never changed afterwards, so that one rule tree can be
 * shared by all threads.
 */
final class ElementRule {

  /** A permitted type: code, type profiles (extensions), reference target resource types. */
  record TypeRef(String code, List<String> profiles, List<String> targetTypes) {

    boolean anyTarget() {
      return targetTypes.isEmpty() || targetTypes.contains("Resource");
    }
  }

  /** One discriminator of a slicing ({@code value}/{@code pattern} only). */
  record Discriminator(String type, String path) {}

  /** The slicing of a repeating element. */
  record Slicing(List<Discriminator> discriminators, boolean closed, List<ElementRule> slices) {}

  /** The slicing-irrelevant identity of the element, e.g. {@code Observation.component}. */
  final String path;

  /** Property name in the HAPI model, without {@code [x]}. */
  final String name;

  final int hash;
  final boolean choice;

  /** True if the base element repeats; then locations carry an index, as the HL7 validator's. */
  final boolean repeating;

  final String sliceName;
  int min;

  /** Maximum count; -1 = unbounded. */
  int max = -1;

  final List<TypeRef> types = new ArrayList<>();
  Base fixed;
  PatternNode pattern;

  /** For a slice: what an item must match to belong to it (per its slicing's discriminator). */
  PatternNode sliceKey;

  /** For a slice: the child the key applies to, or null for {@code $this}. */
  String sliceKeyChild;

  /** ValueSet of a required binding, or null. */
  String requiredValueSet;

  final List<Invariants.Invariant> invariants = new ArrayList<>();
  final List<ElementRule> children = new ArrayList<>();
  Slicing slicing;

  /** Set at compile time for content this validator does not check (e.g. contentReference). */
  String unsupported;

  /** For a slice: whether an item of the sliced element belongs to it. */
  boolean containsItem(Base item) {
    if (sliceKeyChild == null) {
      return sliceKey.matches(item);
    }
    for (Base target : item.getProperty(sliceKeyChild.hashCode(), sliceKeyChild, false)) {
      if (target != null && sliceKey.matches(target)) {
        return true;
      }
    }
    return false;
  }

  ElementRule(String path, boolean repeating, String sliceName) {
    this.path = path;
    String last = path.substring(path.lastIndexOf('.') + 1);
    this.choice = last.endsWith("[x]");
    this.name = choice ? last.substring(0, last.length() - 3) : last;
    this.hash = name.hashCode();
    this.repeating = repeating;
    this.sliceName = sliceName;
  }

  /** The only type, or null if there are several (choice) or none (root of a definition). */
  TypeRef singleType() {
    return types.size() == 1 ? types.get(0) : null;
  }

  /** The permitted type with this code, or null. */
  TypeRef type(String code) {
    for (TypeRef type : types) {
      if (type.code().equals(code)) {
        return type;
      }
    }
    return null;
  }

  /** The child with this name (the first, not a slice), or null. */
  ElementRule child(String childName) {
    for (ElementRule child : children) {
      if (child.name.equals(childName)) {
        return child;
      }
    }
    return null;
  }

  String displayId() {
    return sliceName == null ? path : path + ":" + sliceName;
  }

  @Override
  public String toString() {
    return displayId();
  }
}
