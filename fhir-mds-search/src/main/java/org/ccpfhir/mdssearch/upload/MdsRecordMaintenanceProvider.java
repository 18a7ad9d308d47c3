package org.ccpfhir.mdssearch.upload;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import javax.sql.DataSource;
import org.ccpfhir.security.audit.AuditEntry;
import org.ccpfhir.security.auth.Caller;
import org.ccpfhir.security.auth.Roles;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code [mds]/fhir/$mds-record?site=…&pseudonym=…}: one stored record for maintenance (e.g. a
 * data-subject request), admins only — the access rule and this provider both check. The request's
 * audit record says that an admin read a record and of which site. Researchers have no read path.
 */
public class MdsRecordMaintenanceProvider implements FhirProvider {

  private final JdbcTemplate jdbc;
  private final FhirContext fhir;

  public MdsRecordMaintenanceProvider(DataSource dataSource, FhirContext fhir) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.fhir = fhir;
  }

  @Operation(name = "$mds-record", idempotent = true)
  public Bundle record(
      @OperationParam(name = "site", min = 1, max = 1) StringType site,
      @OperationParam(name = "pseudonym", min = 1, max = 1) StringType pseudonym,
      HttpServletRequest request) {
    if (Caller.current().filter(c -> c.hasRole(Roles.ADMIN)).isEmpty()) {
      throw new ForbiddenOperationException("records are read by admins only, for maintenance");
    }
    if (site == null || !site.hasValue() || pseudonym == null || !pseudonym.hasValue()) {
      throw new InvalidRequestException("parameters 'site' and 'pseudonym' are required");
    }
    request.setAttribute(
        AuditEntry.DETAIL_ATTRIBUTE, "maintenance read of a record of site " + site.getValue());
    List<String> found =
        jdbc.queryForList(
            "SELECT bundle_json FROM mds_record WHERE site = ? AND mds_id = ?",
            String.class,
            site.getValue(),
            pseudonym.getValue());
    if (found.isEmpty()) {
      throw new ResourceNotFoundException("no record of site " + site.getValue() + " under it");
    }
    return fhir.newJsonParser().parseResource(Bundle.class, found.get(0));
  }
}
