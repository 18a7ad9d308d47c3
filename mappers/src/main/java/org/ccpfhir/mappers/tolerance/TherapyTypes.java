package org.ccpfhir.mappers.tolerance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The therapy-type rows of the tolerance policy. ADT-GEKID lists several types per systemic
 * therapy; the MDS has one per MedicationStatement, and SYSTTherapieartCS has codes for the
 * combinations of chemo-, immune and targeted therapy (CI, CZ, IZ, CIZ). Those types become their
 * combination code; every other reported type becomes a statement of its own (e.g. CH + HO → CH and
 * HO), so no reported type is lost and none is invented.
 */
public final class TherapyTypes {

  private TherapyTypes() {}

  /** The category codes, one per statement; empty when no type was reported. */
  public static List<String> combine(List<String> reported) {
    Set<String> types = new LinkedHashSet<>(reported);
    boolean c = types.remove("CH");
    boolean i = types.remove("IM");
    boolean z = types.remove("ZS");
    List<String> out = new ArrayList<>();
    String combined = (c ? "C" : "") + (i ? "I" : "") + (z ? "Z" : "");
    switch (combined) {
      case "" -> {
        // none of the three
      }
      case "C" -> out.add("CH");
      case "I" -> out.add("IM");
      case "Z" -> out.add("ZS");
      default -> out.add(combined);
    }
    out.addAll(types);
    return out;
  }
}
