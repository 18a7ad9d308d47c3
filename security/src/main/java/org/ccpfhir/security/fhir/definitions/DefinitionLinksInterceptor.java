package org.ccpfhir.security.fhir.definitions;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.List;
import java.util.Optional;
import org.ccpfhir.security.fhir.FhirInterceptor;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceOperationComponent;
import org.hl7.fhir.r4.model.OperationDefinition;

/**
 * Points the generated CapabilityStatement at the served definitions: each operation that has a
 * curated OperationDefinition names its canonical URL (instead of the parameterless definition HAPI
 * generates from the Java method), and each resource type lists the project's profiles for it as
 * {@code supportedProfile}. HAPI's own operations keep HAPI's definitions.
 */
@Interceptor
public class DefinitionLinksInterceptor implements FhirInterceptor {

  private final ServedDefinitions definitions;

  public DefinitionLinksInterceptor(ServedDefinitions definitions) {
    this.definitions = definitions;
  }

  @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
  public void link(IBaseConformance conformance) {
    if (!(conformance instanceof CapabilityStatement statement)) {
      return;
    }
    for (CapabilityStatementRestComponent rest : statement.getRest()) {
      rest.getOperation().forEach(this::linkOperation);
      for (CapabilityStatementRestResourceComponent resource : rest.getResource()) {
        resource.getOperation().forEach(this::linkOperation);
        List<String> profiles = definitions.profiles(resource.getType());
        for (String url : profiles) {
          if (resource.getSupportedProfile().stream().noneMatch(p -> url.equals(p.getValue()))) {
            resource.getSupportedProfile().add(new CanonicalType(url));
          }
        }
      }
    }
  }

  private void linkOperation(CapabilityStatementRestResourceOperationComponent operation) {
    Optional<OperationDefinition> curated = definitions.operation(operation.getName());
    curated.ifPresent(op -> operation.setDefinition(op.getUrl()));
  }
}
