package org.ccpfhir.security.fhir.definitions;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.IRestfulServer;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MetadataResource;

final class Definitions {

  /** Page size when neither the request nor the server names one. */
  static final int DEFAULT_PAGE_SIZE = 20;

  /** Upper bound of {@code _count}: every type has far fewer shipped resources. */
  static final int MAX_PAGE_SIZE = 500;

  private Definitions() {}

  static MetadataResource read(ServedDefinitions definitions, String type, IdType id) {
    return definitions
        .read(type, id.getIdPart())
        .orElseThrow(() -> new ResourceNotFoundException(new IdType(type, id.getIdPart())));
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
}
