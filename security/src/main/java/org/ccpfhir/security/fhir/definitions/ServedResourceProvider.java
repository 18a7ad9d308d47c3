package org.ccpfhir.security.fhir.definitions;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
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
  public List<MetadataResource> search(
      @OptionalParam(name = "url") UriParam url,
      @OptionalParam(name = "name") StringParam name,
      @OptionalParam(name = "version") TokenParam version,
      @OptionalParam(name = "_id") TokenParam id) {
    return definitions.search(typeName(), url, name, version, id);
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
