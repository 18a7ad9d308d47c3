package org.ccpfhir.bridgehead.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ccpfhir.profiles.MdsResourceLoader;
import org.ccpfhir.security.fhir.FhirInterceptor;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.springframework.stereotype.Component;

/** Lists the MDS profiles in the CapabilityStatement, per resource type (supportedProfile). */
@Component
@Interceptor
public class SupportedProfilesInterceptor implements FhirInterceptor {

  private final Map<String, List<String>> profilesByType;

  public SupportedProfilesInterceptor() {
    this.profilesByType =
        MdsResourceLoader.shared().structureDefinitions().stream()
            .filter(sd -> sd.getKind() == StructureDefinition.StructureDefinitionKind.RESOURCE)
            .filter(sd -> sd.getUrl().startsWith("https://ccp-fhir.org/"))
            .collect(
                Collectors.groupingBy(
                    StructureDefinition::getType,
                    Collectors.mapping(StructureDefinition::getUrl, Collectors.toList())));
  }

  @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
  public void addProfiles(IBaseConformance conformance) {
    if (!(conformance instanceof CapabilityStatement statement)) {
      return;
    }
    statement.setName("ccp-fhir-bridgehead");
    statement.setTitle("ccp-fhir site bridgehead (MDS-K / MDS-B store)");
    for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
      for (CapabilityStatementRestResourceComponent resource : rest.getResource()) {
        profilesByType
            .getOrDefault(resource.getType(), List.of())
            .forEach(url -> resource.getSupportedProfile().add(new CanonicalType(url)));
      }
    }
  }
}
