package org.ccpfhir.bridgehead.visibility;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceAccessDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOutcome;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentContextServices;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentService;
import ca.uhn.fhir.util.UrlUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ccpfhir.security.fhir.FhirInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.springframework.stereotype.Component;

/**
 * Enforces {@link UnitVisibility} on the FHIR API through HAPI's consent framework: the JPA store
 * asks it for every resource it loads for a request (read, vread, search, {@code _include} / {@code
 * _revinclude}, {@code _history}, {@code $everything}, the GET entries of a batch) before the
 * resource leaves the store — a read of a hidden patient answers 404 as if it did not exist, a
 * search leaves hidden resources out — and it sees every resource in every answer, also inside the
 * Bundles and Parameters of operations. Callers who see everything are marked authorized at the
 * start of the request and cost nothing further. Operations that answer something other than FHIR
 * resources (CSV, sealed exports, listings) check {@link UnitVisibility} themselves.
 */
@Component
@Interceptor
public class VisibilityInterceptor extends ConsentInterceptor implements FhirInterceptor {

  /** HAPI's "not known" messages carry a code that tells a hidden read from an unknown id. */
  private static final Pattern NOT_KNOWN =
      Pattern.compile("HAPI-\\d+: (Resource \\S+ is not known)");

  /** Request user data: the visible total a scoped user's {@code _total=accurate} search gets. */
  static final String VISIBLE_TOTAL = VisibilityInterceptor.class.getName() + ".total";

  private final UnitVisibility visibility;
  private final DaoRegistry daos;
  private final VisibleCounts counts;

  public VisibilityInterceptor(
      UnitVisibility visibility, DaoRegistry daos, FhirContext fhirContext, VisibleCounts counts) {
    super(new Service(visibility, withoutPatientData(fhirContext)));
    this.visibility = visibility;
    this.daos = daos;
    this.counts = counts;
  }

  /**
   * Site-wide callers (and every caller while visibility is off) skip HAPI's consent processing
   * altogether: HAPI refuses {@code _summary=count} and {@code _total=accurate} for any request its
   * consent framework looks at, which must not take the site-wide counts.
   */
  @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
  public boolean siteWideCallersSkipConsent(RequestDetails request) {
    if (VisibilityStorageGuard.checkOf(request, visibility).scope().everything()) {
      ConsentInterceptor.skipAllConsentForRequest(request);
    }
    return true;
  }

  /**
   * A unit-scoped user's {@code GET Patient?...&_summary=count} and {@code _total=accurate} count
   * the patients this user sees ({@link VisibleCounts}), never hidden ones. HAPI's consent
   * framework would refuse both (it cannot count only what a consent service lets through): the
   * count is answered here as the searchset Bundle HAPI would send ({@code total}, no entries), and
   * for {@code _total=accurate} the parameter is taken off the request (HAPI then runs the search
   * filtered as usual) and the first page gets the visible total. Other resource types keep HAPI's
   * 400: a correct count of, e.g., the visible Conditions would read every match. Audited like
   * every request (the audit filter records the request with its query).
   */
  @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
  public boolean scopedPatientCounts(RequestDetails request) {
    if (request.getRequestType() != RequestTypeEnum.GET
        || !"Patient".equals(request.getResourceName())
        || (request.getId() != null && request.getId().hasIdPart())
        || request.getOperation() != null
        || request.getCompartmentName() != null) {
      return true;
    }
    boolean count = asked(request, "_summary", "count");
    boolean accurate = asked(request, "_total", "accurate");
    if (!count && !accurate) {
      return true;
    }
    UnitVisibility.Check check = VisibilityStorageGuard.checkOf(request, visibility);
    if (check.scope().everything()) {
      return true;
    }
    int visible = counts.patients(request.getParameters(), check);
    if (count) {
      Bundle answer = new Bundle();
      answer.setType(Bundle.BundleType.SEARCHSET);
      answer.setTotal(visible);
      answer.getMeta().setLastUpdatedElement(InstantType.now());
      answer.addLink().setRelation(Bundle.LINK_SELF).setUrl(request.getCompleteUrl());
      try {
        RestfulServerUtils.streamResponseAsResource(
            request.getServer(), answer, Set.of(SummaryEnum.FALSE), 200, false, false, request);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return false;
    }
    Map<String, String[]> parameters = new HashMap<>(request.getParameters());
    parameters.remove("_total");
    request.setParameters(parameters);
    request.getUserData().put(VISIBLE_TOTAL, visible);
    return true;
  }

  /** After HAPI's consent hooks, which leave a scoped user's search without a total. */
  @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = 1000)
  public void visibleTotal(RequestDetails request, ResponseDetails response) {
    if (request.getUserData().get(VISIBLE_TOTAL) instanceof Integer total
        && response.getResponseResource() instanceof Bundle bundle) {
      bundle.setTotal(total);
    }
  }

  /** Request user data: the search's parameters (offset and page size, as HAPI ran it). */
  private static final String SEARCH = VisibilityInterceptor.class.getName() + ".search";

  /** Request user data: how many matches the page held before they were filtered. */
  private static final String FETCHED = VisibilityInterceptor.class.getName() + ".fetched";

  @Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
  public void searchOf(SearchParameterMap params, RequestDetails request) {
    if (request != null) {
      request.getUserData().putIfAbsent(SEARCH, params);
    }
  }

  /** The first pre-access of a search is its page of matches (includes come after it). */
  @Hook(Pointcut.STORAGE_PREACCESS_RESOURCES)
  public void pageFetched(IPreResourceAccessDetails details, RequestDetails request) {
    if (request != null) {
      request.getUserData().putIfAbsent(FETCHED, details.size());
    }
  }

  /**
   * A unit-scoped user's page can be shorter than asked, down to empty: the store fetches a page of
   * matches (an offset search, {@code UnstoredSearches}) and the consent check leaves the hidden
   * ones out. HAPI then takes the short page for the last one and sends no {@code next} link, so
   * the user's paging ended early while visible patients came later. When the page was full before
   * filtering, there may be more: the link to the next offset is added. (The last page can so be an
   * empty one; a full page cannot be told from "exactly this many left" without another query.)
   */
  @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = 1000)
  public void nextPageAfterFilteredPage(RequestDetails request, ResponseDetails response) {
    if (!(response.getResponseResource() instanceof Bundle bundle)
        || bundle.getType() != Bundle.BundleType.SEARCHSET
        || bundle.getLink(Bundle.LINK_NEXT) != null
        || !(request.getUserData().get(SEARCH) instanceof SearchParameterMap search)
        || !(request.getUserData().get(FETCHED) instanceof Integer fetched)
        || search.getOffset() == null
        || search.getCount() == null
        || fetched < search.getCount()
        || VisibilityStorageGuard.checkOf(request, visibility).scope().everything()) {
      return;
    }
    bundle
        .addLink()
        .setRelation(Bundle.LINK_NEXT)
        .setUrl(offsetLink(request, search.getOffset() + search.getCount(), search.getCount()));
  }

  /** The request's search at another offset, in the shape of HAPI's own offset links. */
  private static String offsetLink(RequestDetails request, int offset, int count) {
    Map<String, String[]> parameters = new TreeMap<>(request.getParameters());
    parameters.put(Constants.PARAM_OFFSET, new String[] {String.valueOf(offset)});
    parameters.put(Constants.PARAM_COUNT, new String[] {String.valueOf(count)});
    StringBuilder link =
        new StringBuilder(request.getFhirServerBase()).append('/').append(request.getRequestPath());
    char separator = '?';
    for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
      for (String value : parameter.getValue()) {
        link.append(separator)
            .append(UrlUtil.escapeUrlParam(parameter.getKey()))
            .append('=')
            .append(UrlUtil.escapeUrlParam(value));
        separator = '&';
      }
    }
    return link.toString();
  }

  private static boolean asked(RequestDetails request, String parameter, String value) {
    String[] values = request.getParameters().get(parameter);
    return values != null && Arrays.asList(values).contains(value);
  }

  /**
   * An operation on one resource ({@code Patient/1/$meta}, {@code $validate}, {@code $everything},
   * ...) is refused like an unknown id when the resource is hidden from the caller: HAPI's consent
   * framework lets {@code $meta} through on purpose, and other operations answer on the resource
   * without loading it through the store's search.
   */
  @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
  public void instanceOperations(RequestDetails request) {
    String operation = request.getOperation();
    IIdType id = request.getId();
    if (operation == null
        || !operation.startsWith("$")
        || id == null
        || !id.hasIdPart()
        || request.getResourceName() == null
        || !daos.isResourceTypeSupported(request.getResourceName())) {
      return;
    }
    UnitVisibility.Check check = visibility.forCurrentCaller();
    if (check.scope().everything()) {
      return;
    }
    IBaseResource resource;
    try {
      resource =
          daos.getResourceDao(request.getResourceName())
              .read(
                  new IdType(request.getResourceName(), id.getIdPart()),
                  new SystemRequestDetails());
    } catch (ResourceNotFoundException | ResourceGoneException e) {
      return;
    }
    if (!check.test(resource)) {
      throw new ResourceNotFoundException(
          "Resource " + request.getResourceName() + "/" + id.getIdPart() + " is not known");
    }
  }

  /**
   * A read refused here and a read of an id that does not exist must answer alike (404 without a
   * hint): both lose HAPI's message code, for every caller.
   */
  @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
  public BaseServerResponseException sameAnswerAsUnknown(Throwable exception) {
    if (exception instanceof ResourceNotFoundException notFound && notFound.getMessage() != null) {
      Matcher matcher = NOT_KNOWN.matcher(notFound.getMessage());
      if (matcher.find()) {
        return new ResourceNotFoundException(matcher.group(1));
      }
    }
    return null;
  }

  /**
   * The resource types that hold nobody's data (definitions, terminology, directory entries such as
   * Organization): outside the Patient compartment (HAPI's compartment definitions: no search
   * parameter makes them a member) and without a {@code subject} / {@code patient} element, the one
   * {@link UnitVisibility} follows (so its check lets every resource of them through anyway), and
   * not Bundle or Parameters, which carry whole resources the filter checks one by one. A request
   * on them is not filtered by unit, so HAPI keeps their searches' {@code Bundle.total} and paging
   * for unit-scoped callers too; what such a request loads besides (e.g. {@code _revinclude}) is
   * still held back by {@link VisibilityStorageGuard} in the store.
   */
  private static final Set<String> CARRY_RESOURCES = Set.of("Bundle", "Parameters");

  static Set<String> withoutPatientData(FhirContext fhirContext) {
    Set<String> types = new HashSet<>();
    for (String type : fhirContext.getResourceTypes()) {
      if (CARRY_RESOURCES.contains(type)) {
        continue;
      }
      RuntimeResourceDefinition definition = fhirContext.getResourceDefinition(type);
      if (definition.getSearchParamsForCompartmentName("Patient").isEmpty()
          && !hasElement(definition, "subject")
          && !hasElement(definition, "patient")) {
        types.add(type);
      }
    }
    return Set.copyOf(types);
  }

  private static boolean hasElement(RuntimeResourceDefinition definition, String name) {
    return definition.getChildByName(name) != null
        || definition.getChildByName(name + "[x]") != null;
  }

  private static final class Service implements IConsentService {

    private final UnitVisibility visibility;
    private final Set<String> withoutPatientData;

    private Service(UnitVisibility visibility, Set<String> withoutPatientData) {
      this.visibility = visibility;
      this.withoutPatientData = withoutPatientData;
    }

    @Override
    public ConsentOutcome startOperation(
        RequestDetails request, IConsentContextServices contextServices) {
      String type = request.getResourceName();
      return type != null && withoutPatientData.contains(type)
              || VisibilityStorageGuard.checkOf(request, visibility).scope().everything()
          ? ConsentOutcome.AUTHORIZED
          : ConsentOutcome.PROCEED;
    }

    /**
     * Only for unit-scoped callers: HAPI refuses {@code _summary=count} and {@code _total=accurate}
     * whenever a consent service looks at single resources, which must not take the counts of
     * site-wide callers.
     */
    @Override
    public boolean shouldProcessCanSeeResource(
        RequestDetails request, IConsentContextServices contextServices) {
      return !VisibilityStorageGuard.checkOf(request, visibility).scope().everything();
    }

    @Override
    public ConsentOutcome canSeeResource(
        RequestDetails request, IBaseResource resource, IConsentContextServices contextServices) {
      return decide(request, resource);
    }

    @Override
    public ConsentOutcome willSeeResource(
        RequestDetails request, IBaseResource resource, IConsentContextServices contextServices) {
      return decide(request, resource);
    }

    private ConsentOutcome decide(RequestDetails request, IBaseResource resource) {
      return VisibilityStorageGuard.checkOf(request, visibility).test(resource)
          ? ConsentOutcome.PROCEED
          : ConsentOutcome.REJECT;
    }
  }
}
