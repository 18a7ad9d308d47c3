package org.ccpfhir.mdssearch.fhir;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.List;
import org.ccpfhir.disclosure.Released;
import org.ccpfhir.mdssearch.count.Cell;
import org.ccpfhir.mdssearch.count.CountEngine;
import org.ccpfhir.mdssearch.count.CountResult;
import org.ccpfhir.mdssearch.count.Criteria;
import org.ccpfhir.mdssearch.count.CriteriaException;
import org.ccpfhir.mdssearch.count.Stratifier;
import org.ccpfhir.mdssearch.disclosure.BudgetExceededException;
import org.ccpfhir.mdssearch.disclosure.DisclosurePolicy;
import org.ccpfhir.mdssearch.disclosure.DisclosureProperties;
import org.ccpfhir.mdssearch.disclosure.QueryBudget;
import org.ccpfhir.mdssearch.disclosure.ReleaseAuditor;
import org.ccpfhir.mdssearch.disclosure.ReleasedCounts;
import org.ccpfhir.security.audit.AuditAgent;
import org.ccpfhir.security.auth.Caller;

/**
 * One counted query from request to release: limits, budget, engine, disclosure policy, the
 * committed release record, audit. The only path by which counts leave the server.
 */
public class CountService {

  private final CountEngine engine;
  private final DisclosurePolicy policy;
  private final QueryBudget budget;
  private final ReleaseAuditor auditor;
  private final DisclosureProperties.Limits limits;

  public CountService(
      CountEngine engine,
      DisclosurePolicy policy,
      QueryBudget budget,
      ReleaseAuditor auditor,
      DisclosureProperties properties) {
    this.engine = engine;
    this.policy = policy;
    this.budget = budget;
    this.auditor = auditor;
    this.limits = properties.limits();
  }

  /** A search total: the released number of matching patients (one cell). */
  public Released total(Criteria criteria, RequestDetails request) {
    return release(criteria, List.of(), true, request).patients();
  }

  /** Patients, samples and strata of {@code $evaluate-measure}. */
  public ReleasedCounts count(
      Criteria criteria, List<List<Stratifier>> stratifications, RequestDetails request) {
    return release(criteria, stratifications, false, request);
  }

  private ReleasedCounts release(
      Criteria criteria,
      List<List<Stratifier>> stratifications,
      boolean patientsOnly,
      RequestDetails request) {
    Caller caller =
        Caller.current().orElseThrow(() -> new AuthenticationException("not authenticated"));
    AuditAgent agent = caller.toAuditAgent(address(request));
    String path = request.getRequestPath();
    String user = caller.kind() + ":" + caller.id();
    int cells;
    try {
      cells = checkLimits(criteria, stratifications, patientsOnly);
    } catch (CriteriaException e) {
      auditor.refused(agent, path, 400, e.getMessage());
      throw new InvalidRequestException(e.getMessage());
    }
    try {
      budget.check(user, cells); // before the work, so an exhausted user costs nothing
      CountResult result;
      try {
        result =
            patientsOnly
                ? new CountResult(engine.patientsCell(criteria), Cell.EMPTY, List.of())
                : engine.count(criteria, stratifications);
      } catch (CriteriaException e) {
        throw new InvalidRequestException(e.getMessage());
      }
      String canonical = criteria.canonical();
      ReleasedCounts released = policy.release(DisclosurePolicy.queryKey(canonical), result);
      String detail = ReleaseAuditor.detail(canonical, released, patientsOnly);
      // durable before released: charge and release record commit together, then the answer
      budget.charge(user, cells, detail);
      auditor.released(agent, path, detail);
      return released;
    } catch (BudgetExceededException e) {
      auditor.refused(agent, path, 429, e.getMessage());
      throw new TooManyQueriesException(e.getMessage(), e.retryAfter());
    }
  }

  /** The cells the request releases, after checking every limit (nothing evaluated yet). */
  private int checkLimits(
      Criteria criteria, List<List<Stratifier>> stratifications, boolean patientsOnly) {
    int terms = criteria.terms();
    if (terms > limits.maxTerms()) {
      throw new CriteriaException(
          "criteria: " + terms + " search terms, at most " + limits.maxTerms() + " are evaluated");
    }
    if (patientsOnly) {
      return 1;
    }
    if (stratifications.size() > limits.maxStratifiers()) {
      throw new CriteriaException(
          "Measure.group.stratifier: "
              + stratifications.size()
              + " stratifiers, at most "
              + limits.maxStratifiers());
    }
    long cells = 2; // patients and samples
    for (int i = 0; i < stratifications.size(); i++) {
      List<Stratifier> dimensions = stratifications.get(i);
      if (dimensions.size() > limits.maxComponents()) {
        throw new CriteriaException(
            "Measure.group.stratifier["
                + i
                + "].component: "
                + dimensions.size()
                + " components, at most "
                + limits.maxComponents());
      }
      cells += engine.cells(dimensions);
    }
    if (cells > limits.maxCells()) {
      throw new CriteriaException(
          "Measure.group.stratifier: the strata would release "
              + cells
              + " cells, at most "
              + limits.maxCells());
    }
    return (int) cells;
  }

  private static String address(RequestDetails request) {
    return request instanceof ServletRequestDetails servlet
        ? servlet.getServletRequest().getRemoteAddr()
        : null;
  }
}
