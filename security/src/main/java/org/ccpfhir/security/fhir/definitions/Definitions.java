package org.ccpfhir.security.fhir.definitions;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MetadataResource;

final class Definitions {

  private Definitions() {}

  static MetadataResource read(ServedDefinitions definitions, String type, IdType id) {
    return definitions
        .read(type, id.getIdPart())
        .orElseThrow(() -> new ResourceNotFoundException(new IdType(type, id.getIdPart())));
  }
}
