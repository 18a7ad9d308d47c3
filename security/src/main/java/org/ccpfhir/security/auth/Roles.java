package org.ccpfhir.security.auth;

import java.util.Set;

/**
 * The roles of the network (DESIGN "Security"). Spring authorities carry them as {@code
 * ROLE_<name>}; tokens carry the plain names.
 */
public final class Roles {

  public static final String RESEARCHER = "researcher";
  public static final String SITE_APPROVER = "site-approver";
  public static final String DATA_MANAGER = "data-manager";
  public static final String LINKAGE_ADMIN = "linkage-admin";
  public static final String ADMIN = "admin";

  /** A site's biobank staff: registers and manages samples (CCP-IT §2.1 local data management). */
  public static final String BIOBANK = "biobank";

  /** Monitoring (e.g. a Prometheus scraper with client credentials): reads metrics only. */
  public static final String METRICS = "metrics";

  /** Every token issued through client credentials has it; its domains travel in the token. */
  public static final String APPLICATION = "application";

  /** Callers authenticated by a network certificate (another component), never by a token. */
  public static final String COMPONENT = "component";

  /** Roles a user or application may be given in configuration or by an identity provider. */
  public static final Set<String> ASSIGNABLE =
      Set.of(
          RESEARCHER,
          SITE_APPROVER,
          DATA_MANAGER,
          LINKAGE_ADMIN,
          ADMIN,
          BIOBANK,
          APPLICATION,
          METRICS);

  /** Every role a token-authenticated caller can hold. */
  public static final Set<String> USER_ROLES =
      Set.of(RESEARCHER, SITE_APPROVER, DATA_MANAGER, LINKAGE_ADMIN, ADMIN, BIOBANK);

  private Roles() {}

  public static String authority(String role) {
    return "ROLE_" + role;
  }
}
