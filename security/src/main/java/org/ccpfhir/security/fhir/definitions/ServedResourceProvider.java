package org.ccpfhir.security.fhir.definitions;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.IRestfulServer;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MetadataResource;

/**
 * Serves the shipped resources of one conformance type (StructureDefinition, OperationDefinition,
 * CodeSystem, ValueSet) read-only: search, and with {@link #readable} read by id. Not readable
 * here: OperationDefinition, whose reads HAPI's CapabilityStatement provider answers ({@link
 * ServedCapabilityStatementProvider}) so that HAPI's generated definitions of its own operations
 * stay. No write methods; the access rules refuse writes to these types.
 */
public class ServedResourceProvider implements IResourceProvider, FhirProvider {

  /** Page size when neither the request nor the server names one. */
  static final int DEFAULT_PAGE_SIZE = 20;

  /** Upper bound of {@code _count}: every type has far fewer shipped resources. */
  static final int MAX_PAGE_SIZE = 500;

  private final ServedDefinitions definitions;
  private final Class<? extends MetadataResource> type;

  ServedResourceProvider(ServedDefinitions definitions, Class<? extends MetadataResource> type) {
    this.definitions = definitions;
    this.type = type;
  }

  /** Search only. */
  public static ServedResourceProvider searchable(
      ServedDefinitions definitions, Class<? extends MetadataResource> type) {
    return new ServedResourceProvider(definitions, type);
  }

  /** Search and read by id. */
  public static ServedResourceProvider readable(
      ServedDefinitions definitions, Class<? extends MetadataResource> type) {
    return new Readable(definitions, type);
  }

  @Override
  public Class<? extends MetadataResource> getResourceType() {
    return type;
  }

  @Search
  public IBundleProvider search(
      @OptionalParam(name = "url") UriParam url,
      @OptionalParam(name = "name") StringParam name,
      @OptionalParam(name = "version") TokenParam version,
      @OptionalParam(name = "_id") TokenParam id,
      @Offset Integer offset,
      @Count Integer count,
      RequestDetails request) {
    return page(definitions.search(typeName(), url, name, version, id), offset, count, request);
  }

  /**
   * One page of an in-memory result, paged by offset: HAPI then writes {@code Bundle.total} and
   * {@code _offset} links for {@code next} and {@code previous} itself (a plain list would be cut
   * at the first page without a link where the app has a database paging provider, which cannot
   * page an in-memory result).
   */
  static IBundleProvider page(
      List<MetadataResource> all, Integer offset, Integer count, RequestDetails request) {
    int from = offset == null ? 0 : offset;
    if (from < 0) {
      throw new InvalidRequestException("_offset must not be negative");
    }
    int size = count == null ? defaultPageSize(request) : Math.min(count, MAX_PAGE_SIZE);
    if (size < 0) {
      throw new InvalidRequestException("_count must not be negative");
    }
    List<MetadataResource> page =
        from >= all.size() ? List.of() : all.subList(from, Math.min(all.size(), from + size));
    SimpleBundleProvider provider = new SimpleBundleProvider(List.copyOf(page));
    provider.setSize(all.size());
    provider.setCurrentPageOffset(from);
    provider.setCurrentPageSize(size);
    return provider;
  }

  private static int defaultPageSize(RequestDetails request) {
    if (request != null
        && request.getServer() instanceof IRestfulServer<?> server
        && server.getDefaultPageSize() != null) {
      return Math.min(server.getDefaultPageSize(), MAX_PAGE_SIZE);
    }
    return DEFAULT_PAGE_SIZE;
  }

  private String typeName() {
    return type.getSimpleName();
  }

  MetadataResource byId(IdType id) {
    return definitions
        .read(typeName(), id.getIdPart())
        .orElseThrow(() -> new ResourceNotFoundException(new IdType(typeName(), id.getIdPart())));
  }

  /** HAPI finds the search on the superclass and the read here (public: HAPI invokes both). */
  public static final class Readable extends ServedResourceProvider {

    Readable(ServedDefinitions definitions, Class<? extends MetadataResource> type) {
      super(definitions, type);
    }

    @Read
    public MetadataResource read(@IdParam IdType id) {
      return byId(id);
    }
  }
}
