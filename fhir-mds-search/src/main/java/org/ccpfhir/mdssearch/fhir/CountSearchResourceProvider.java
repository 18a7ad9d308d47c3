package org.ccpfhir.mdssearch.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ccpfhir.disclosure.Released;
import org.ccpfhir.mdssearch.count.CriteriaException;
import org.ccpfhir.mdssearch.count.CriteriaParser;
import org.ccpfhir.mdssearch.count.SearchCatalog;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;

/**
 * {@code GET [base]/<Type>?...&_summary=count} for one countable resource type: a Bundle with the
 * released number of matching patients as {@code total}, never a resource. Every way to read a
 * record is refused.
 */
public class CountSearchResourceProvider implements IResourceProvider, FhirProvider {

  static final String RELEASED = CountSearchResourceProvider.class.getName() + ".released";

  private static final List<String> READING =
      List.of("_elements", "_include", "_revinclude", "_contained", "_containedType");

  private final Class<? extends IBaseResource> type;
  private final SearchCatalog catalog;
  private final CountService counts;

  public CountSearchResourceProvider(
      Class<? extends IBaseResource> type, SearchCatalog catalog, CountService counts) {
    this.type = type;
    this.catalog = catalog;
    this.counts = counts;
  }

  @Override
  public Class<? extends IBaseResource> getResourceType() {
    return type;
  }

  @Search(allowUnknownParams = true)
  public IBundleProvider count(RequestDetails request) {
    Map<String, String[]> raw = request.getParameters();
    for (String name : raw.keySet()) {
      String base = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
      if (READING.contains(base)) {
        throw refusal("parameter '" + base + "' would return records");
      }
    }
    String[] summary = raw.get("_summary");
    if (summary == null || summary.length != 1 || !summary[0].equals("count")) {
      throw refusal("only _summary=count is answered");
    }
    Map<String, List<String>> criteria = new LinkedHashMap<>();
    raw.forEach(
        (name, values) -> {
          if (!SearchCatalog.isControl(name)) {
            criteria.put(name, List.of(values));
          }
        });
    String typeName = request.getResourceName();
    try {
      Released released = counts.total(CriteriaParser.search(catalog, typeName, criteria), request);
      request.getUserData().put(RELEASED, released);
      return new CountBundleProvider(released);
    } catch (CriteriaException e) {
      throw new InvalidRequestException(e.getMessage());
    }
  }

  @Read(version = true)
  public IBaseResource read(@IdParam IdType id) {
    throw refusal("records cannot be read");
  }

  @Operation(name = "$everything", idempotent = true)
  public IBundleProvider everything(@IdParam IdType id) {
    throw refusal("records cannot be read");
  }

  @Operation(name = "$everything", idempotent = true)
  public IBundleProvider everythingOfType() {
    throw refusal("records cannot be read");
  }

  static ForbiddenOperationException refusal(String why) {
    return new ForbiddenOperationException(
        "The central search answers counts only: "
            + why
            + " (use _summary=count, or Measure/$evaluate-measure for strata)");
  }
}
