package org.ccpfhir.bridgehead.terminology;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.util.Set;
import java.util.stream.Collectors;
import org.ccpfhir.security.fhir.StorageInterceptor;
import org.ccpfhir.terminology.CcpTerminology;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MetadataResource;
import org.springframework.stereotype.Component;

/**
 * The shipped CodeSystems, ValueSets and ConceptMaps cannot be deleted (409 with an
 * OperationOutcome): the loader puts them back at the next start anyway, and after a delete and the
 * loader's restore under the same id a CodeSystem was left without any url index row for good
 * (HAPI's deferred concept deletion ran after the restore; seen in CI).
 */
@Component
@Interceptor
public class ShippedTerminologyGuard implements StorageInterceptor {

  private final Set<String> shipped =
      CcpTerminology.get().allResources().stream()
          .map(resource -> (MetadataResource) resource)
          .map(resource -> resource.fhirType() + "/" + TerminologyStoreLoader.storeId(resource))
          .collect(Collectors.toUnmodifiableSet());

  @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
  public void refuseDeletingShipped(IBaseResource resource) {
    String id = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    if (shipped.contains(id)) {
      throw new ResourceVersionConflictException(
          id + " is part of the shipped terminology and cannot be deleted");
    }
  }
}
