package org.ccpfhir.security.auth;

import java.util.List;

/** Checks role names given in configuration, so a typo fails at start-up, not at access. */
final class RoleNames {

  private RoleNames() {}

  static void requireAssignable(List<String> roles, String owner) {
    for (String role : roles) {
      if (!Roles.ASSIGNABLE.contains(role)) {
        throw new IllegalArgumentException(
            owner + " has unknown role '" + role + "'; known roles: " + Roles.ASSIGNABLE);
      }
    }
  }
}
