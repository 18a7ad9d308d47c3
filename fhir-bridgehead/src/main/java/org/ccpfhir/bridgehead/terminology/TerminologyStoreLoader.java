package org.ccpfhir.bridgehead.terminology;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Locale;
import org.ccpfhir.terminology.CcpTerminology;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.ValueSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Puts the shipped CodeSystems, ValueSets and ConceptMaps into the store so that the standard
 * terminology operations ($lookup, $validate-code, $expand, $translate) answer for them. Each is
 * stored under a fixed id; an unchanged resource makes HAPI skip the write, so restarts are cheap.
 */
@Component
public class TerminologyStoreLoader implements HealthIndicator {

  private static final Logger LOG = LoggerFactory.getLogger(TerminologyStoreLoader.class);

  private final DaoRegistry daoRegistry;
  private volatile Health health =
      Health.outOfService().withDetail("terminology", "loading").build();

  public TerminologyStoreLoader(DaoRegistry daoRegistry) {
    this.daoRegistry = daoRegistry;
  }

  /** Loads in the background so that the server answers at once; health says when it is done. */
  @EventListener(ApplicationReadyEvent.class)
  public void loadInBackground() {
    Thread thread = new Thread(this::loadAndReport, "terminology-loader");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public Health health() {
    return health;
  }

  private void loadAndReport() {
    try {
      int count = load();
      health = Health.up().withDetail("resources", count).build();
    } catch (RuntimeException e) {
      LOG.error("Loading the terminology into the store failed", e);
      health = Health.down(e).build();
    }
  }

  int load() {
    long start = System.nanoTime();
    int count = 0;
    CcpTerminology terminology = CcpTerminology.get();
    for (IBaseResource resource : terminology.allResources()) {
      if (resource instanceof ValueSet valueSet && !expandableInStore(valueSet, terminology)) {
        continue;
      }
      store((MetadataResource) resource);
      count++;
    }
    LOG.info(
        "Terminology in store: {} CodeSystems, ValueSets and ConceptMaps ({} ms)",
        count,
        (System.nanoTime() - start) / 1_000_000);
    return count;
  }

  /**
   * ValueSets over catalogues we may not ship (ICD-10-GM, ICD-O-3 patterns) are answered by the
   * terminology module's validation support only; the store could not expand them.
   */
  private static boolean expandableInStore(ValueSet valueSet, CcpTerminology terminology) {
    return valueSet.getCompose().getInclude().stream()
        .allMatch(include -> terminology.isShipped(include.getSystem()));
  }

  @SuppressWarnings("unchecked")
  private void store(MetadataResource resource) {
    MetadataResource copy = resource.copy();
    copy.setId(storeId(copy));
    IFhirResourceDao<MetadataResource> dao =
        (IFhirResourceDao<MetadataResource>) daoRegistry.getResourceDao(copy.fhirType());
    // first: HAPI refuses a second CodeSystem or ValueSet with the same url
    removeLegacyCopy(dao, copy);
    dao.update(copy, new SystemRequestDetails());
  }

  /**
   * Until the shipped id was used, copies were stored under {@link #legacyId}; one left in an
   * existing store would answer a search by url twice.
   */
  private static void removeLegacyCopy(
      IFhirResourceDao<MetadataResource> dao, MetadataResource stored) {
    String legacy = legacyId(stored);
    if (legacy.equals(stored.getIdElement().getIdPart())) {
      return;
    }
    try {
      dao.delete(new IdType(stored.fhirType(), legacy), new SystemRequestDetails());
    } catch (ResourceNotFoundException | ResourceGoneException absent) {
      // nothing to clean up
    }
  }

  /**
   * The shipped id (the same on every app, where the definitions are read from the classpath);
   * resources without one get the legacy id.
   */
  static String storeId(MetadataResource resource) {
    return resource.getIdElement().hasIdPart()
        ? resource.getIdElement().getIdPart()
        : legacyId(resource);
  }

  /** A stable id from the canonical URL's last segment (ids allow [A-Za-z0-9-.], max 64). */
  static String legacyId(MetadataResource resource) {
    String url = resource.getUrl();
    String tail = url.substring(url.lastIndexOf('/') + 1);
    String id = ("ccp-" + tail).replaceAll("[^A-Za-z0-9.-]", "-").toLowerCase(Locale.ROOT);
    return id.length() > 64 ? id.substring(0, 64) : id;
  }
}
