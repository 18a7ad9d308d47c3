package org.ccpfhir.bridgehead.upload;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Resource;

/**
 * Which patients are relevant cases for the upload: a diagnosis (Condition, ICD-10-GM) whose
 * three-character category lies in one of the configured ranges ({@code C00-D48}, {@code C50},
 * {@code C00-C97,D00-D09}).
 */
public final class Icd10Filter {

  static final String ICD10GM = "http://fhir.de/CodeSystem/bfarm/icd-10-gm";
  private static final Pattern CATEGORY = Pattern.compile("[A-Z][0-9]{2}");

  private final List<String[]> ranges = new ArrayList<>();

  public Icd10Filter(List<String> ranges) {
    for (String range : ranges) {
      for (String part : range.split(",")) {
        String[] bounds = part.trim().toUpperCase(Locale.ROOT).split("-", -1);
        if (bounds.length > 2
            || !CATEGORY.matcher(bounds[0]).matches()
            || !CATEGORY.matcher(bounds[bounds.length - 1]).matches()) {
          throw new IllegalArgumentException(
              "ccp.upload.icd10-ranges: '" + part + "' is not a range such as C00-D48 or C50");
        }
        this.ranges.add(new String[] {bounds[0], bounds[bounds.length - 1]});
      }
    }
  }

  /** True when one of the resources is a Condition with a code in range. */
  public boolean relevant(List<? extends Resource> resources) {
    for (Resource resource : resources) {
      if (resource instanceof Condition condition) {
        for (Coding coding : condition.getCode().getCoding()) {
          if (ICD10GM.equals(coding.getSystem()) && inRange(coding.getCode())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  boolean inRange(String code) {
    if (code == null || code.length() < 3) {
      return false;
    }
    Matcher category = CATEGORY.matcher(code.substring(0, 3).toUpperCase(Locale.ROOT));
    if (!category.matches()) {
      return false;
    }
    String value = category.group();
    return ranges.stream().anyMatch(r -> value.compareTo(r[0]) >= 0 && value.compareTo(r[1]) <= 0);
  }
}
