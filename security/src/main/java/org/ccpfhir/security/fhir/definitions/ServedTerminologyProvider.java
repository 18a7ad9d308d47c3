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
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Serves the shipped CodeSystems and ValueSets (read, search) on apps without a FHIR store. The
 * bridgehead does not register it: its store holds the same resources (loaded from the same
 * classpath at start) because the terminology operations ($lookup, $expand, ...) need them there.
 */
public class ServedTerminologyProvider implements FhirProvider {

  private final ServedDefinitions definitions;

  public ServedTerminologyProvider(ServedDefinitions definitions) {
    this.definitions = definitions;
  }

  @Read(type = CodeSystem.class)
  public MetadataResource readCodeSystem(@IdParam IdType id) {
    return Definitions.read(definitions, "CodeSystem", id);
  }

  @Search(type = CodeSystem.class)
  public IBundleProvider searchCodeSystems(
      @OptionalParam(name = "url") UriParam url,
      @OptionalParam(name = "name") StringParam name,
      @OptionalParam(name = "version") TokenParam version,
      @OptionalParam(name = "_id") TokenParam id,
      @Offset Integer offset,
      @Count Integer count,
      RequestDetails request) {
    return Definitions.page(
        definitions.search("CodeSystem", url, name, version, id), offset, count, request);
  }

  @Read(type = ValueSet.class)
  public MetadataResource readValueSet(@IdParam IdType id) {
    return Definitions.read(definitions, "ValueSet", id);
  }

  @Search(type = ValueSet.class)
  public IBundleProvider searchValueSets(
      @OptionalParam(name = "url") UriParam url,
      @OptionalParam(name = "name") StringParam name,
      @OptionalParam(name = "version") TokenParam version,
      @OptionalParam(name = "_id") TokenParam id,
      @Offset Integer offset,
      @Count Integer count,
      RequestDetails request) {
    return Definitions.page(
        definitions.search("ValueSet", url, name, version, id), offset, count, request);
  }
}
