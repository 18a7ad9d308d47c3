package org.ccpfhir.mdssearch.fhir;

import org.ccpfhir.disclosure.Released;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.UnsignedIntType;

/**
 * How a count below the floor is shown: no value, but the data-absent-reason extension {@code
 * masked} and the project's extension {@code count-below} with the floor ("&lt;10").
 */
final class CountExtensions {

  static final String DATA_ABSENT_REASON =
      "http://hl7.org/fhir/StructureDefinition/data-absent-reason";
  static final String COUNT_BELOW = "https://ccp-fhir.org/fhir/StructureDefinition/count-below";
  static final String SITE_CONTACT = "https://ccp-fhir.org/fhir/StructureDefinition/site-contact";
  static final String SITE_SYSTEM = "https://ccp-fhir.org/fhir/CodeSystem/site";
  static final String STRATIFIER_SYSTEM = "https://ccp-fhir.org/fhir/CodeSystem/count-stratifier";

  private CountExtensions() {}

  static void markBelowFloor(Element element, Released released) {
    element.addExtension(DATA_ABSENT_REASON, new CodeType("masked"));
    element.addExtension(COUNT_BELOW, new UnsignedIntType(released.floor()));
  }
}
