package org.ccpfhir.mappers.bench;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ccpfhir.mappers.MappedFile;
import org.ccpfhir.mappers.fhir.PatientBundleBuilder;
import org.ccpfhir.mappers.fhir.ResourceIds;
import org.ccpfhir.mappers.obds.ObdsMapper;
import org.ccpfhir.mappers.testing.ObdsDocuments;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Data of bench/import-obds.sh: an oBDS document of N synthetic patients (the measured {@code
 * $import-obds} request) and, for the baseline, the same kind of patients mapped here to one
 * transaction Bundle (what the import stores, posted through the ordinary ingest).
 *
 * <p>Arguments: {@code xml|transaction firstPatient patients outFile}.
 */
public final class ObdsImportData {

  private ObdsImportData() {}

  public static void main(String[] args) throws Exception {
    String kind = args[0];
    int first = Integer.parseInt(args[1]);
    int patients = Integer.parseInt(args[2]);
    Path out = Path.of(args[3]);
    String document = ObdsDocuments.document(first, patients);
    if (kind.equals("xml")) {
      Files.writeString(out, document, StandardCharsets.UTF_8);
      return;
    }
    ObdsMapper mapper = new ObdsMapper(new PatientBundleBuilder(ResourceIds.forSite("HD")));
    MappedFile mapped =
        mapper.map(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)), "bench");
    Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    mapped.bundles().forEach(b -> transaction.getEntry().addAll(b.getEntry()));
    Files.writeString(
        out,
        FhirContext.forR4Cached().newJsonParser().encodeResourceToString(transaction),
        StandardCharsets.UTF_8);
  }
}
