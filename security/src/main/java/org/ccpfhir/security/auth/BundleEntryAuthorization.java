package org.ccpfhir.security.auth;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.ccpfhir.security.audit.AuditEntry;
import org.ccpfhir.security.audit.AuditQuerySanitizer;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Applies the app's access rules to every entry of a batch or transaction Bundle, exactly as to the
 * direct request the entry stands for: each entry (and each entry of a nested batch or transaction
 * Bundle) is handed, as an {@link EntryRequest} with the caller's authentication, to the very
 * authorization manager Spring Security built from the {@link EndpointRules}. One refused entry
 * refuses the whole request with 403 before anything of it runs; the OperationOutcome and the audit
 * record name the entry, its method and its (sanitized) path.
 *
 * <p>A HAPI interceptor rather than a servlet filter: HAPI has parsed the Bundle by then (any
 * encoding, {@code _format}, one parse), and it decides which requests are transactions, so the
 * check sees exactly the Bundle that will run. It runs before every other interceptor of the same
 * pointcut, so no ingest work is spent on a refused Bundle. Apps register it wherever they register
 * HAPI interceptors.
 *
 * <p>A resource in a POST or PUT entry is also checked under its own type, because HAPI stores it
 * by its type whatever the entry's URL says. Entry URLs are checked by Spring Security's firewall
 * like direct requests, and limited to the characters FHIR paths use, so a spelling the matchers
 * would read differently than HAPI is refused rather than guessed.
 */
@Interceptor
public class BundleEntryAuthorization {

  /** Before the ingest checks and everything else at the same pointcut. */
  public static final int ORDER = -10_000;

  private static final Pattern PATH = Pattern.compile("[A-Za-z0-9\\-._$%/:]*");
  private static final Pattern ABSOLUTE = Pattern.compile("^[A-Za-z][A-Za-z0-9+.\\-]*:.*");

  private final AuthorizationManager<HttpServletRequest> rules;
  private final HttpFirewall firewall = new StrictHttpFirewall();

  public BundleEntryAuthorization(AuthorizationManager<HttpServletRequest> rules) {
    this.rules = rules;
  }

  /** Takes the authorization manager of the chain's {@link AuthorizationFilter}. */
  public static BundleEntryAuthorization of(SecurityFilterChain chain) {
    return chain.getFilters().stream()
        .filter(AuthorizationFilter.class::isInstance)
        .map(f -> new BundleEntryAuthorization(((AuthorizationFilter) f).getAuthorizationManager()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("security filter chain without rules"));
  }

  @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = ORDER)
  public void checkEntries(RequestDetails request, RestOperationTypeEnum operation) {
    if ((operation == RestOperationTypeEnum.TRANSACTION || operation == RestOperationTypeEnum.BATCH)
        && request.getResource() instanceof Bundle bundle
        && request instanceof ServletRequestDetails servlet) {
      check(servlet, bundle, "Bundle");
    }
  }

  private void check(ServletRequestDetails request, Bundle bundle, String location) {
    List<BundleEntryComponent> entries = bundle.getEntry();
    for (int i = 0; i < entries.size(); i++) {
      BundleEntryComponent entry = entries.get(i);
      String where = location + ".entry[" + i + "]";
      checkEntry(request, entry, where);
      if (entry.getResource() instanceof Bundle nested
          && (nested.getType() == BundleType.BATCH || nested.getType() == BundleType.TRANSACTION)) {
        check(request, nested, where + ".resource");
      }
    }
  }

  private void checkEntry(ServletRequestDetails request, BundleEntryComponent entry, String where) {
    if (!entry.getRequest().hasMethod() || !entry.getRequest().hasUrl()) {
      throw invalid(where, where + ": the entry has no request method or url");
    }
    // an unknown method (e.g. FOO) parses into an element without a value
    Bundle.HTTPVerb verb = entry.getRequest().getMethod();
    if (verb == null || verb == Bundle.HTTPVerb.NULL) {
      throw invalid(where, where + ": the entry's request method is not an HTTP verb of FHIR");
    }
    String method = verb.toCode();
    String url = entry.getRequest().getUrl();
    String base = request.getFhirServerBase();
    if (ABSOLUTE.matcher(url).matches()) {
      if (base == null || !url.startsWith(base + "/")) {
        throw invalid(where, where + ": the url must be relative to this server");
      }
      url = url.substring(base.length() + 1);
    }
    int question = url.indexOf('?');
    String path = stripLeadingSlashes(question < 0 ? url : url.substring(0, question));
    String query = question < 0 ? null : url.substring(question + 1);
    if (!PATH.matcher(path).matches()) {
      throw invalid(where, where + ": the url is not a FHIR path");
    }
    Set<String> paths = new LinkedHashSet<>();
    paths.add(path);
    IBaseResource resource = entry.getResource();
    if (resource != null && (method.equals("POST") || method.equals("PUT"))) {
      paths.add(resource.fhirType());
    }
    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
    for (String candidate : paths) {
      if (!allowed(request.getServletRequest(), method, candidate, query, caller, where)) {
        throw forbidden(request, where, method, candidate);
      }
    }
  }

  private boolean allowed(
      HttpServletRequest carrier,
      String method,
      String path,
      String query,
      Authentication caller,
      String where) {
    if (caller == null) {
      return false;
    }
    try {
      HttpServletRequest entry =
          firewall.getFirewalledRequest(new EntryRequest(carrier, method, path, query));
      AuthorizationResult result = rules.authorize(() -> caller, entry);
      // as Spring Security's AuthorizationFilter: no decision is no refusal
      return result == null || result.isGranted();
    } catch (RequestRejectedException | IllegalArgumentException e) {
      throw invalid(where, where + ": the url is not a valid request path");
    }
  }

  private static String stripLeadingSlashes(String path) {
    int start = 0;
    while (start < path.length() && path.charAt(start) == '/') {
      start++;
    }
    return path.substring(start);
  }

  private static ForbiddenOperationException forbidden(
      ServletRequestDetails request, String where, String method, String path) {
    // the sanitized path and no query: the reason is audited, and URLs may carry client values
    String reason =
        where
            + ": "
            + method
            + " "
            + AuditQuerySanitizer.path(path)
            + " is "
            + RefusalHandlers.forbiddenFor()
            + "; nothing of the request was run";
    request.getServletRequest().setAttribute(AuditEntry.DETAIL_ATTRIBUTE, reason);
    return new ForbiddenOperationException(reason, outcome(IssueType.FORBIDDEN, where, reason));
  }

  private static InvalidRequestException invalid(String where, String reason) {
    return new InvalidRequestException(reason, outcome(IssueType.INVALID, where, reason));
  }

  private static OperationOutcome outcome(IssueType type, String where, String reason) {
    OperationOutcome outcome = SecurityResponses.outcome(type, reason);
    List<StringType> expression = new ArrayList<>();
    expression.add(new StringType(where));
    outcome.getIssueFirstRep().setExpression(expression);
    return outcome;
  }
}
