package org.ccpfhir.security.fhir.definitions;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriParam;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Serves the shipped StructureDefinitions (read, search) and OperationDefinitions (search; a read
 * by id goes to HAPI's CapabilityStatement provider, which every app sets up to answer the curated
 * definition first: {@link ServedCapabilityStatementProvider}). Read-only: there are no write
 * methods, and the access rules refuse writes to these types.
 */
public class ServedProfilesProvider implements FhirProvider {

  private final ServedDefinitions definitions;

  public ServedProfilesProvider(ServedDefinitions definitions) {
    this.definitions = definitions;
  }

  @Read(type = StructureDefinition.class)
  public MetadataResource readStructureDefinition(@IdParam IdType id) {
    return Definitions.read(definitions, "StructureDefinition", id);
  }

  @Search(type = StructureDefinition.class)
  public IBundleProvider searchStructureDefinitions(
      @OptionalParam(name = "url") UriParam url,
      @OptionalParam(name = "name") StringParam name,
      @OptionalParam(name = "version") TokenParam version,
      @OptionalParam(name = "_id") TokenParam id,
      @Offset Integer offset,
      @Count Integer count,
      RequestDetails request) {
    return Definitions.page(
        definitions.search("StructureDefinition", url, name, version, id), offset, count, request);
  }

  @Search(type = OperationDefinition.class)
  public IBundleProvider searchOperationDefinitions(
      @OptionalParam(name = "url") UriParam url,
      @OptionalParam(name = "name") StringParam name,
      @OptionalParam(name = "version") TokenParam version,
      @OptionalParam(name = "_id") TokenParam id,
      @Offset Integer offset,
      @Count Integer count,
      RequestDetails request) {
    return Definitions.page(
        definitions.search("OperationDefinition", url, name, version, id), offset, count, request);
  }
}
