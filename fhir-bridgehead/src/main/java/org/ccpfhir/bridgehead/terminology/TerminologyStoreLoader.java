package org.ccpfhir.bridgehead.terminology;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.ccpfhir.platform.schema.OwnSchema;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Puts the shipped CodeSystems, ValueSets and ConceptMaps into the store so that the standard
 * terminology operations ($lookup, $validate-code, $expand, $translate) answer for them. Each is
 * stored under a fixed id; an unchanged resource makes HAPI skip the write. A restart skips the
 * whole load when the shipped content and the stored versions are those of the last complete load
 * ({@link TerminologyStoreProperties#skipUnchanged()}): one query instead of ~60 reads and
 * comparisons, some of large CodeSystems.
 */
@Component
public class TerminologyStoreLoader implements HealthIndicator {

  private static final Logger LOG = LoggerFactory.getLogger(TerminologyStoreLoader.class);

  /** The state of the last complete load (declared in {@link TerminologyStoreConfig}). */
  public static final OwnSchema SCHEMA = OwnSchema.of("ccp-terminology");

  private final DaoRegistry daoRegistry;
  private final FhirContext fhirContext;
  private final JdbcTemplate jdbc;
  private final TerminologyStoreProperties properties;
  private volatile Health health =
      Health.outOfService().withDetail("terminology", "loading").build();

  public TerminologyStoreLoader(
      DaoRegistry daoRegistry,
      FhirContext fhirContext,
      DataSource dataSource,
      TerminologyStoreProperties properties) {
    this.daoRegistry = daoRegistry;
    this.fhirContext = fhirContext;
    this.properties = properties;
    this.jdbc = new JdbcTemplate(dataSource);
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
    CcpTerminology terminology = CcpTerminology.get();
    List<MetadataResource> shipped = new ArrayList<>();
    // every shipped resource, also the ValueSets defined by a code pattern over a catalogue that is
    // not shipped (ICD-10-GM, ICD-O-3): they are served like the others, and
    // TerminologyOperationGuard refuses to expand them (the store pre-expands nothing,
    // JpaStoreConfig)
    for (IBaseResource resource : terminology.allResources()) {
      MetadataResource copy = ((MetadataResource) resource).copy();
      copy.setId(storeId(copy));
      shipped.add(copy);
    }
    String contentHash = contentHash(shipped);
    if (properties.skipUnchanged() && unchanged(shipped, contentHash)) {
      LOG.info(
          "Terminology in store: {} CodeSystems, ValueSets and ConceptMaps unchanged since the"
              + " last load ({} ms)",
          shipped.size(),
          (System.nanoTime() - start) / 1_000_000);
      return shipped.size();
    }
    for (MetadataResource resource : shipped) {
      store(resource);
    }
    remember(shipped, contentHash);
    LOG.info(
        "Terminology in store: {} CodeSystems, ValueSets and ConceptMaps ({} ms)",
        shipped.size(),
        (System.nanoTime() - start) / 1_000_000);
    return shipped.size();
  }

  /** Same shipped content as the last complete load, and each resource still in its version. */
  private boolean unchanged(List<MetadataResource> shipped, String contentHash) {
    List<String> remembered =
        jdbc.queryForList(
            "SELECT store_hash FROM ccp_terminology_state WHERE id = 1 AND content_hash = ?",
            String.class,
            contentHash);
    return !remembered.isEmpty() && remembered.get(0).equals(storeHash(shipped));
  }

  private void remember(List<MetadataResource> shipped, String contentHash) {
    String storeHash = storeHash(shipped);
    jdbc.update("DELETE FROM ccp_terminology_state WHERE id = 1");
    jdbc.update(
        "INSERT INTO ccp_terminology_state (id, content_hash, store_hash, resources, loaded_ms)"
            + " VALUES (1, ?, ?, ?, ?)",
        contentHash,
        storeHash,
        shipped.size(),
        System.currentTimeMillis());
  }

  private String contentHash(List<MetadataResource> shipped) {
    var parser = fhirContext.newJsonParser();
    return sha256(shipped.stream().map(parser::encodeResourceToString).toList());
  }

  /**
   * The shipped resources' current rows in HAPI's resource table (type, id, version, or "absent"
   * when missing or deleted): an update, a delete or a re-creation by an administrator changes it.
   */
  private String storeHash(List<MetadataResource> shipped) {
    Map<String, Long> versions = new HashMap<>();
    jdbc.query(
        "SELECT res_type, fhir_id, res_ver FROM hfj_resource"
            + " WHERE res_type IN ('CodeSystem', 'ValueSet', 'ConceptMap')"
            + " AND res_deleted_at IS NULL",
        row -> {
          versions.put(row.getString(1) + "/" + row.getString(2), row.getLong(3));
        });
    List<String> lines = new ArrayList<>();
    for (MetadataResource resource : shipped) {
      String key = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
      Long version = versions.get(key);
      lines.add(key + "=" + (version == null ? "absent" : version));
    }
    return sha256(lines);
  }

  private static String sha256(List<String> parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /**
   * ValueSets over catalogues that are not shipped (ICD-10-GM, ICD-O-3 format patterns): readable
   * and searchable here, but only the terminology module's validation support can check a code
   * against them; the store cannot expand them.
   */
  static boolean patternDefined(ValueSet valueSet, CcpTerminology terminology) {
    return !valueSet.getCompose().getInclude().stream()
        .allMatch(include -> terminology.isShipped(include.getSystem()));
  }

  @SuppressWarnings("unchecked")
  private void store(MetadataResource resource) {
    IFhirResourceDao<MetadataResource> dao =
        (IFhirResourceDao<MetadataResource>) daoRegistry.getResourceDao(resource.fhirType());
    MetadataResource copy = resource.copy();
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
