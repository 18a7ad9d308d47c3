package org.ccpfhir.mappers.fhir;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Resource;

/**
 * Transaction bundles of PUT entries: every resource has a stable id, so a re-import updates in
 * place. References use {@code Type/id}, which the server resolves within the transaction.
 */
public final class Transactions {

  private Transactions() {}

  public static Bundle transaction(List<? extends Resource> resources) {
    Bundle bundle = new Bundle();
    bundle.setType(Bundle.BundleType.TRANSACTION);
    for (Resource r : resources) {
      add(bundle, r);
    }
    return bundle;
  }

  public static void add(Bundle bundle, Resource resource) {
    String url = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    bundle.addEntry().setResource(resource).getRequest().setMethod(HTTPVerb.PUT).setUrl(url);
  }
}
