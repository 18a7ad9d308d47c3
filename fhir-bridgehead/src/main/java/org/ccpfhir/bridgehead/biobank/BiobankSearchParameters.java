package org.ccpfhir.bridgehead.biobank;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.Objects;
import org.ccpfhir.profiles.MdsResourceLoader;
import org.hl7.fhir.r4.model.SearchParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SearchParameters shipped by the profiles module (sample status, storage location) are written
 * to the store at start-up, before the first request, so that every sample written later is indexed
 * by them (HAPI indexes a write by the parameters active at that moment). A stored one that differs
 * from the shipped one is replaced, which makes HAPI reindex the Specimens.
 */
public class BiobankSearchParameters {

  private static final Logger LOG = LoggerFactory.getLogger(BiobankSearchParameters.class);

  public BiobankSearchParameters(DaoRegistry daos, ISearchParamRegistry registry) {
    var dao = daos.getResourceDao(SearchParameter.class);
    SystemRequestDetails request = new SystemRequestDetails();
    int written = 0;
    for (SearchParameter shipped : MdsResourceLoader.shared().searchParameters()) {
      SearchParameter stored = null;
      try {
        stored = dao.read(shipped.getIdElement().toUnqualifiedVersionless(), request);
      } catch (ResourceNotFoundException | ResourceGoneException e) {
        // not yet stored
      }
      if (stored == null || !same(stored, shipped)) {
        dao.update(shipped, request);
        written++;
      }
    }
    if (written > 0) {
      registry.forceRefresh();
    }
    LOG.info("Shipped search parameters: {} written", written);
  }

  private static boolean same(SearchParameter stored, SearchParameter shipped) {
    return Objects.equals(stored.getUrl(), shipped.getUrl())
        && Objects.equals(stored.getVersion(), shipped.getVersion())
        && Objects.equals(stored.getExpression(), shipped.getExpression())
        && stored.getType() == shipped.getType()
        && stored.getStatus() == shipped.getStatus();
  }
}
