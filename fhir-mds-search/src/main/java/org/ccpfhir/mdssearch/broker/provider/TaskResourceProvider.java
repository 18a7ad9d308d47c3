package org.ccpfhir.mdssearch.broker.provider;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ccpfhir.mdssearch.broker.BrokerAccess;
import org.ccpfhir.security.audit.AuditEntry;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Task;

/**
 * {@code Task} at the broker: researchers create requests and read their requests and site Tasks;
 * sites long-poll their own Tasks ({@code GET [base]/Task?_lastUpdated=gt<cursor>} with {@code
 * Prefer: wait=<seconds>}) and PUT their state. Every outcome — change or refusal — goes into the
 * request's audit record.
 */
public class TaskResourceProvider implements IResourceProvider, FhirProvider {

  private static final Pattern WAIT = Pattern.compile("(?:^|[,;\\s])wait=(\\d{1,4})");
  private static final int DEFAULT_COUNT = 100;
  private static final int MAX_COUNT = 500;

  private final BrokerAccess broker;

  public TaskResourceProvider(BrokerAccess broker) {
    this.broker = broker;
  }

  @Override
  public Class<Task> getResourceType() {
    return Task.class;
  }

  @Create
  public MethodOutcome create(@ResourceParam Task task, HttpServletRequest request) {
    Task stored = audited(request, () -> broker.create(task));
    request.setAttribute(
        AuditEntry.DETAIL_ATTRIBUTE, "search request Task/" + stored.getIdPart() + " stored");
    return new MethodOutcome(new IdType("Task", stored.getIdPart(), "1"), true).setResource(stored);
  }

  @Read
  public Task read(@IdParam IdType id, HttpServletRequest request) {
    return audited(request, () -> broker.read(id.getIdPart()));
  }

  @Update
  public MethodOutcome update(
      @IdParam IdType id, @ResourceParam Task task, HttpServletRequest request) {
    var outcome = audited(request, () -> broker.update(id.getIdPart(), task));
    request.setAttribute(AuditEntry.DETAIL_ATTRIBUTE, outcome.detail());
    return new MethodOutcome(outcome.task().getIdElement()).setResource(outcome.task());
  }

  @Search
  public List<Task> search(
      @OptionalParam(name = "part-of") ReferenceParam partOf,
      @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
      @Count Integer count,
      HttpServletRequest request) {
    int limit = count == null ? DEFAULT_COUNT : Math.max(1, Math.min(count, MAX_COUNT));
    return audited(
        request,
        () ->
            broker.search(
                partOf == null ? null : partOf.getIdPart(),
                cursor(lastUpdated),
                limit,
                wait(request.getHeader("Prefer"))));
  }

  /** Millisecond after which changes are wanted; only {@code gt} / {@code ge} bounds. */
  static long cursor(DateRangeParam lastUpdated) {
    if (lastUpdated == null) {
      return -1;
    }
    if (lastUpdated.getUpperBound() != null || lastUpdated.getLowerBound() == null) {
      throw new InvalidRequestException(
          "_lastUpdated: only a lower bound (gt or ge) is supported, e.g."
              + " _lastUpdated=gt2026-01-01T00:00:00.000Z");
    }
    long at = lastUpdated.getLowerBound().getValue().getTime();
    return lastUpdated.getLowerBound().getPrefix() == ParamPrefixEnum.GREATERTHAN ? at : at - 1;
  }

  static Duration wait(String prefer) {
    if (prefer == null) {
      return Duration.ZERO;
    }
    Matcher matcher = WAIT.matcher(prefer);
    return matcher.find() ? Duration.ofSeconds(Long.parseLong(matcher.group(1))) : Duration.ZERO;
  }

  private static <T> T audited(HttpServletRequest request, Supplier<T> action) {
    try {
      return action.get();
    } catch (BaseServerResponseException e) {
      request.setAttribute(AuditEntry.DETAIL_ATTRIBUTE, "refused: " + e.getMessage());
      throw e;
    }
  }
}
