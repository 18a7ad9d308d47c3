package org.ccpfhir.synthetic;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Turns the resources the mappers' builders wrote (ids set, {@code Type/id} references) into the
 * generator's transaction entries, the only thing synthetic adds to their shape: a business
 * identifier on every resource, then PUT with the readable ids, or conditional POST with {@code
 * urn:uuid} fullUrls and references.
 */
final class Entries {

  private static final FhirTerser TERSER = FhirContext.forR4Cached().newTerser();

  private Entries() {}

  static Bundle transaction(PatientIds ids, EntryMode mode, List<Resource> resources) {
    Map<String, String> urns = new HashMap<>();
    if (mode == EntryMode.POST) {
      for (Resource r : resources) {
        urns.put(r.fhirType() + "/" + r.getIdPart(), ids.urn(r.getIdPart()));
      }
    }
    Bundle bundle = new Bundle();
    bundle.setType(Bundle.BundleType.TRANSACTION);
    for (Resource resource : resources) {
      Identifier business = businessIdentifier(ids, resource);
      BundleEntryComponent entry = bundle.addEntry().setResource(resource);
      String type = resource.fhirType();
      if (mode == EntryMode.PUT) {
        entry.getRequest().setMethod(HTTPVerb.PUT).setUrl(type + "/" + resource.getIdPart());
      } else {
        entry.setFullUrl(urns.get(type + "/" + resource.getIdPart()));
        resource.setIdElement(null);
        for (Reference ref : TERSER.getAllPopulatedChildElementsOfType(resource, Reference.class)) {
          if (urns.containsValue(ref.getReference())) {
            continue; // the builders share a Reference (e.g. the diagnosis) between resources
          }
          String urn = urns.get(ref.getReference());
          if (urn == null) {
            throw new IllegalStateException("reference outside the bundle: " + ref.getReference());
          }
          ref.setReference(urn);
        }
        entry
            .getRequest()
            .setMethod(HTTPVerb.POST)
            .setUrl(type)
            .setIfNoneExist("identifier=" + business.getSystem() + "|" + business.getValue());
      }
    }
    return bundle;
  }

  /**
   * The Patient (pseudonym) and Specimens (sample id) have one from the builders; every other
   * resource gets {@code <site>-resource|<pseudonym>-<suffix>}.
   */
  private static Identifier businessIdentifier(PatientIds ids, Resource resource) {
    var own = resource.getNamedProperty("identifier").getValues();
    if (!own.isEmpty()) {
      return (Identifier) own.get(0);
    }
    Identifier identifier = ids.identifier(resource.getIdPart());
    resource.setProperty("identifier", identifier);
    return identifier;
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
