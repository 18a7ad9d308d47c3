package org.ccpfhir.mappers;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;

/**
 * What one source file became: one transaction bundle per patient.
 *
 * @param messages source reports (oBDS/ADT messages, CSV rows, text documents) read
 */
public record MappedFile(String source, List<Bundle> bundles, int messages) {

  public int patients() {
    return bundles.size();
  }

  public int resources() {
    return bundles.stream().mapToInt(b -> b.getEntry().size()).sum();
  }
}
