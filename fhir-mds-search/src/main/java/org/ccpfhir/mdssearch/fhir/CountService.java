package org.ccpfhir.mdssearch.fhir;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.List;
import org.ccpfhir.mdssearch.count.CountEngine;
import org.ccpfhir.mdssearch.count.CountResult;
import org.ccpfhir.mdssearch.count.Criteria;
import org.ccpfhir.mdssearch.count.CriteriaException;
import org.ccpfhir.mdssearch.count.Stratifier;
import org.ccpfhir.mdssearch.disclosure.BudgetExceededException;
import org.ccpfhir.mdssearch.disclosure.DisclosurePolicy;
import org.ccpfhir.mdssearch.disclosure.QueryBudget;
import org.ccpfhir.mdssearch.disclosure.ReleaseAuditor;
import org.ccpfhir.mdssearch.disclosure.ReleasedCounts;
import org.ccpfhir.security.audit.AuditAgent;
import org.ccpfhir.security.auth.Caller;

/**
 * One counted query from request to release: budget, engine, disclosure policy, audit. The only
 * path by which counts leave the server.
 */
public class CountService {

  private final CountEngine engine;
  private final DisclosurePolicy policy;
  private final QueryBudget budget;
  private final ReleaseAuditor auditor;

  public CountService(
      CountEngine engine, DisclosurePolicy policy, QueryBudget budget, ReleaseAuditor auditor) {
    this.engine = engine;
    this.policy = policy;
    this.budget = budget;
    this.auditor = auditor;
  }

  public ReleasedCounts count(
      Criteria criteria, List<List<Stratifier>> stratifications, RequestDetails request) {
    Caller caller =
        Caller.current().orElseThrow(() -> new AuthenticationException("not authenticated"));
    AuditAgent agent = caller.toAuditAgent(address(request));
    String path = request.getRequestPath();
    try {
      budget.charge(caller.kind() + ":" + caller.id());
    } catch (BudgetExceededException e) {
      auditor.refused(agent, path, e.getMessage());
      throw new TooManyQueriesException(e.getMessage(), e.retryAfter());
    }
    CountResult result;
    try {
      result = engine.count(criteria, stratifications);
    } catch (CriteriaException e) {
      throw new InvalidRequestException(e.getMessage());
    }
    String canonical = criteria.canonical();
    ReleasedCounts released = policy.release(DisclosurePolicy.queryKey(canonical), result);
    auditor.released(agent, path, canonical, released);
    return released;
  }

  private static String address(RequestDetails request) {
    return request instanceof ServletRequestDetails servlet
        ? servlet.getServletRequest().getRemoteAddr()
        : null;
  }
}
