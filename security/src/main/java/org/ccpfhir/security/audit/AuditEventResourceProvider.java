package org.ccpfhir.security.audit;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Instant;
import java.util.List;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;

/**
 * Read and search of the audit trail through FHIR ({@code AuditEvent}), newest first. Who may call
 * it (admins) is decided by the app's access rules.
 */
public class AuditEventResourceProvider implements IResourceProvider, FhirProvider {

  private static final int MAX_PAGE = 500;

  private final AuditRepository repository;
  private final AuditRecorder recorder;

  public AuditEventResourceProvider(AuditRepository repository, AuditRecorder recorder) {
    this.repository = repository;
    this.recorder = recorder;
  }

  @Override
  public Class<AuditEvent> getResourceType() {
    return AuditEvent.class;
  }

  @Read
  public AuditEvent read(@IdParam IdType id) {
    recorder.flush();
    return repository.read(id.getIdPart()).orElseThrow(() -> new ResourceNotFoundException(id));
  }

  @Search
  public List<AuditEvent> search(
      @OptionalParam(name = AuditEvent.SP_DATE) DateRangeParam date,
      @OptionalParam(name = AuditEvent.SP_AGENT + "-identifier") TokenParam agent,
      @OptionalParam(name = AuditEvent.SP_SUBTYPE) TokenParam subtype,
      @OptionalParam(name = AuditEvent.SP_OUTCOME) TokenParam outcome,
      @Count Integer count,
      @Offset Integer offset,
      RequestDetails request) {
    recorder.flush();
    // a page never exceeds what the server sends at once, so no server-side paging state
    int pageSize =
        request.getServer().getDefaultPageSize() == null
            ? 50
            : request.getServer().getDefaultPageSize();
    int limit = Math.min(count == null ? pageSize : count, Math.min(MAX_PAGE, pageSize));
    return repository.search(
        new AuditRepository.Query(
            date == null || date.getLowerBoundAsInstant() == null
                ? null
                : date.getLowerBoundAsInstant().toInstant(),
            date == null || date.getUpperBoundAsInstant() == null ? null : upper(date),
            agent == null ? null : agent.getValue(),
            subtype == null ? null : subtype.getValue(),
            outcome == null ? null : outcome.getValue(),
            null,
            limit,
            offset == null ? 0 : offset));
  }

  private static Instant upper(DateRangeParam date) {
    return date.getUpperBoundAsInstant().toInstant().plusMillis(1);
  }
}
