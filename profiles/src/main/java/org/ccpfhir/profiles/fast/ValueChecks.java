package org.ccpfhir.profiles.fast;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ccpfhir.profiles.fast.ElementRule.TypeRef;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Checks of single values that need no rule tree: primitive formats (the regexes of the primitive
 * type definitions, as the HL7 validator uses them), resource ids, reference syntax and target
 * types, and what counts as empty for the HL7 validator.
 */
final class ValueChecks {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
  private static final Pattern WHITESPACE = Pattern.compile("\\s");
  private static final Pattern TIME_ZONE = Pattern.compile(".*(Z|[+-]\\d\\d:\\d\\d)");
  private static final Pattern LITERAL_REFERENCE =
      Pattern.compile(
          "(?:https?://\\S+?/)?([A-Z][A-Za-z]+)/[A-Za-z0-9\\-.]{1,64}(?:/_history/[A-Za-z0-9\\-.]{1,64})?");

  private final DefinitionRegistry registry;
  private final Issues issues;

  ValueChecks(DefinitionRegistry registry, Issues issues) {
    this.registry = registry;
    this.issues = issues;
  }

  void checkPrimitive(PrimitiveType<?> primitive, String type, String location) {
    String text = primitive.getValueAsString();
    if (text == null) {
      return;
    }
    Pattern format = registry.primitiveFormat(type);
    boolean valid =
        primitive.getValue() != null && (format == null || format.matcher(text).matches());
    if (valid && (type.equals("dateTime") || type.equals("instant")) && text.indexOf('T') > 0) {
      // the R4 regex leaves the time zone optional, the validator requires it with a time
      valid = TIME_ZONE.matcher(text).matches();
    }
    if (!valid) {
      issues.error(
          location, primitiveRule(type, text), "The value '" + text + "' is not a valid " + type);
    }
  }

  /** The HL7 validator's rule id for a malformed primitive, by what is wrong with it. */
  private static String primitiveRule(String type, String text) {
    boolean whitespace = WHITESPACE.matcher(text).find();
    return switch (type) {
      case "code" -> whitespace ? "Type_Specific_Checks_DT_Code_WS" : "Type_Specific_Checks_DT";
      case "uri", "url", "canonical" ->
          whitespace ? "Type_Specific_Checks_DT_URI_WS" : "Type_Specific_Checks_DT";
      case "dateTime", "instant" ->
          text.indexOf('T') > 0 && !TIME_ZONE.matcher(text).matches()
              ? "Type_Specific_Checks_DT_Primitive_Regex_Type"
              : "Type_Specific_Checks_DT";
      default -> "Type_Specific_Checks_DT";
    };
  }

  void checkResourceId(Resource r, String location) {
    String value = r.getIdElement().getValue();
    if (value == null || value.startsWith("urn:")) {
      // a POST entry's urn:uuid/urn:oid fullUrl becomes the parsed resource's id; HAPI does not
      // encode it, so the HL7 validator never sees it, and the server assigns the id
      return;
    }
    String id = r.getIdElement().getIdPart();
    if (id == null) {
      return;
    }
    if (id.length() > 64) {
      issues.error(
          location + ".id",
          "Resource_RES_ID_Malformed_Length",
          "Invalid Resource id: Too long (" + id.length() + " chars)");
    } else if (!ID.matcher(id).matches()) {
      issues.error(
          location + ".id",
          "Resource_RES_ID_Malformed_Chars",
          "Invalid Resource id: Invalid Characters ('" + id + "')");
    }
  }

  void checkReference(Reference reference, TypeRef typeRef, String location) {
    String url = reference.getReference();
    if (url == null) {
      return;
    }
    if (WHITESPACE.matcher(url).find()) {
      issues.error(
          location, "REFERENCE_REF_INVALID_REF", "The reference '" + url + "' is not valid");
      return;
    }
    if (url.startsWith("#")) {
      // resources with contained resources go to the HL7 validator: nothing here to point to
      issues.error(
          location,
          "Reference_REF_CantResolve",
          "Unable to resolve resource with reference '" + url + "'");
      return;
    }
    if (typeRef == null || typeRef.anyTarget()) {
      return;
    }
    Matcher matcher = LITERAL_REFERENCE.matcher(url);
    if (matcher.matches() && !typeRef.targetTypes().contains(matcher.group(1))) {
      issues.error(
          location,
          "Reference_REF_BadTargetType2",
          "The type '"
              + matcher.group(1)
              + "' implied by the reference URL "
              + url
              + " is not a valid target for this element (must be one of "
              + typeRef.targetTypes()
              + ")");
    }
  }

  /**
   * Empty as the HL7 validator sees it: it reads the JSON HAPI encodes, which leaves out empty
   * elements and extensions with neither a value nor nested extensions (a url alone).
   */
  static boolean isEmpty(Base item) {
    if (item instanceof Extension extension) {
      return !extension.hasValue() && !extension.hasExtension();
    }
    return item.isEmpty();
  }

  static boolean hasContent(Base[] raw) {
    for (Base item : raw) {
      if (item != null && !item.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  static boolean fixedMatches(Base fixed, Base value) {
    return fixed.isPrimitive()
        ? value.isPrimitive() && fixed.primitiveValue().equals(value.primitiveValue())
        : fixed.equalsDeep(value);
  }
}
