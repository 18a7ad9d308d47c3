package org.ccpfhir.bridgehead.visibility;

import java.util.LinkedHashSet;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Resource;

/**
 * The treating units of a resource: {@code meta.security} codings of {@value #SYSTEM}, one per
 * unit. The system is the project's, the codes are each site's own units (configured, {@link
 * VisibilityProperties}), so no CodeSystem content is shipped for it.
 */
public final class TreatingUnits {

  /** The CodeSystem of the unit labels. */
  public static final String SYSTEM = "https://ccp-fhir.org/fhir/CodeSystem/treating-unit";

  /** Channel: transaction / batch Bundles and single writes (also what {@code ccp-etl} posts). */
  public static final String INGEST = "ingest";

  /** Channel: {@code $import-obds}. */
  public static final String IMPORT_OBDS = "import-obds";

  private TreatingUnits() {}

  /** The units a resource carries, in label order. */
  public static Set<String> of(IBaseResource resource) {
    Set<String> units = new LinkedHashSet<>();
    if (resource instanceof Resource r) {
      for (Coding label : r.getMeta().getSecurity()) {
        if (SYSTEM.equals(label.getSystem()) && label.hasCode()) {
          units.add(label.getCode());
        }
      }
    }
    return units;
  }

  /** Replaces the resource's unit labels by {@code units}; other security labels stay. */
  public static void set(Resource resource, Set<String> units) {
    resource.getMeta().getSecurity().removeIf(label -> SYSTEM.equals(label.getSystem()));
    units.stream().sorted().forEach(unit -> resource.getMeta().addSecurity(SYSTEM, unit, null));
  }
}
