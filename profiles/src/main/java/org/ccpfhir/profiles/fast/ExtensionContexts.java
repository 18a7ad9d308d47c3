package org.ccpfhir.profiles.fast;

import org.ccpfhir.profiles.fast.DefinitionRegistry.Definition;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Resource;

/** Whether an extension may stand where it is used (its StructureDefinition's contexts). */
final class ExtensionContexts {

  private final Issues issues;

  ExtensionContexts(Issues issues) {
    this.issues = issues;
  }

  void check(Definition extension, ElementRule ownerRule, Base owner, String loc) {
    if (extension.contexts().isEmpty() || ownerRule == null) {
      return;
    }
    String ownerType = owner.fhirType();
    for (String context : extension.contexts()) {
      if (context.equals("Element")
          || context.equals(ownerRule.path)
          || context.equals(ownerType)
          || (owner instanceof Resource
              && (context.equals("Resource") || context.equals("DomainResource")))) {
        return;
      }
    }
    if (ownerRule.path.indexOf('.') < 0 && !(owner instanceof Resource)) {
      // inside a datatype the HL7 validator also compares the full element path, unknown here
      throw new UnsupportedContentException("extension context inside a datatype at " + loc);
    }
    issues.error(
        loc,
        "Extension_EXT_Context_Wrong",
        "The extension "
            + extension.url()
            + " is not allowed here (allowed: "
            + extension.contexts()
            + ")");
  }
}
