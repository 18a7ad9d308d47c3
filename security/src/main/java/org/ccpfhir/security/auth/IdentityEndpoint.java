package org.ccpfhir.security.auth;

import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /ccp/identity}: who this component takes the caller to be (kind, name, site, roles,
 * groups) — for checking a token or certificate set-up, and the first call between two components.
 */
@RestController
public class IdentityEndpoint {

  public static final String PATH = "/ccp/identity";

  @GetMapping(path = PATH, produces = "application/fhir+json")
  public ResponseEntity<String> identity() {
    Parameters parameters = new Parameters();
    Caller.current()
        .ifPresent(
            caller -> {
              parameters.addParameter("kind", new StringType(caller.kind().name().toLowerCase()));
              parameters.addParameter("id", new StringType(caller.id()));
              if (caller.site() != null) {
                parameters.addParameter("site", new StringType(caller.site()));
              }
              caller.roles().forEach(r -> parameters.addParameter("role", new StringType(r)));
              caller.domains().forEach(d -> parameters.addParameter("domain", new StringType(d)));
              caller.groups().forEach(g -> parameters.addParameter("group", new StringType(g)));
            });
    return ResponseEntity.ok(
        ca.uhn.fhir.context.FhirContext.forR4Cached()
            .newJsonParser()
            .encodeResourceToString(parameters));
  }
}
