package org.ccpfhir.security.fhir;

import java.util.Set;

/**
 * The port {@link DepartedSiteGuard} reads departures through: each app answers it from its own
 * table (the central list: its departure cases; the MDS database: its departed sites).
 */
@FunctionalInterface
public interface DepartedSites {

  /** Every site code that has left the network (CCP-IT §5.3); departures are final. */
  Set<String> departedSites();
}
