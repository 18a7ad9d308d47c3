package org.ccpfhir.synthetic;

import java.util.List;
import org.ccpfhir.synthetic.Fhir.Generated;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/** Turns a patient's generated resources into transaction entries (PUT or conditional POST). */
final class BundleAssembler {

  private BundleAssembler() {}

  static Bundle transaction(PatientIds ids, List<Generated> resources) {
    Bundle bundle = new Bundle();
    bundle.setType(Bundle.BundleType.TRANSACTION);
    for (Generated g : resources) {
      bundle.addEntry(entry(ids, g));
    }
    return bundle;
  }

  private static BundleEntryComponent entry(PatientIds ids, Generated g) {
    Resource resource = g.resource();
    String type = resource.fhirType();
    BundleEntryComponent entry = new BundleEntryComponent();
    if (ids.mode() == EntryMode.PUT) {
      String id = ids.logicalId(g.suffix());
      resource.setId(id);
      entry.setResource(resource);
      entry.getRequest().setMethod(HTTPVerb.PUT).setUrl(type + "/" + id);
    } else {
      entry.setFullUrl(ids.urn(g.suffix()));
      entry.setResource(resource);
      entry
          .getRequest()
          .setMethod(HTTPVerb.POST)
          .setUrl(type)
          .setIfNoneExist("identifier=" + token(businessIdentifier(resource)));
    }
    return entry;
  }

  private static Identifier businessIdentifier(Resource resource) {
    if (resource instanceof Patient patient) {
      return patient.getIdentifierFirstRep();
    }
    // every generated non-Patient resource carries exactly one identifier
    return (Identifier) resource.getNamedProperty("identifier").getValues().get(0);
  }

  private static String token(Identifier identifier) {
    return identifier.getSystem() + "|" + identifier.getValue();
  }

  /** One transaction with the entries of several patient bundles, in order. */
  static Bundle merge(List<Bundle> bundles) {
    Bundle merged = new Bundle();
    merged.setType(Bundle.BundleType.TRANSACTION);
    for (Bundle b : bundles) {
      merged.getEntry().addAll(b.getEntry());
    }
    return merged;
  }
}
