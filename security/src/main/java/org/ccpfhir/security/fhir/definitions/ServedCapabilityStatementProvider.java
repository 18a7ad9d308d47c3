package org.ccpfhir.security.fhir.definitions;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ServerCapabilityStatementProvider;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.OperationDefinition;

/**
 * HAPI's CapabilityStatement provider, answering {@code OperationDefinition/[id]} with the curated
 * definition. HAPI registers this provider's read after every other provider, so it decides every
 * OperationDefinition read; ids it does not know fall through to the definitions HAPI generates
 * (for HAPI's own operations).
 */
public class ServedCapabilityStatementProvider extends ServerCapabilityStatementProvider {

  private final ServedDefinitions definitions;

  public ServedCapabilityStatementProvider(RestfulServer server, ServedDefinitions definitions) {
    super(server);
    this.definitions = definitions;
  }

  @Override
  @Read(type = OperationDefinition.class)
  public IBaseResource readOperationDefinition(@IdParam IIdType id, RequestDetails request) {
    OperationDefinition curated = definitions.operationDefinition(id);
    return curated != null ? curated : super.readOperationDefinition(id, request);
  }
}
