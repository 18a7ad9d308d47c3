package org.ccpfhir.bridgehead.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.ccpfhir.bridgehead.PostgresIT;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * Data shaped like DKTK's obds2fhir output (onco-core profile URLs and code systems) and resources
 * of the wider basic data set that MDS does not cover are accepted and stored as sent.
 */
class DktkShapedIngestIT extends PostgresIT {

  private static final String EXAMPLES = "/ccp-profiles/examples/";

  private static final List<String> FILES =
      List.of(
          "dktk/patient-pseudonymised.json",
          "dktk/condition-primaerdiagnose.json",
          "dktk/observation-histologie.json",
          "valid/mds-observation-grading.json",
          "dktk/observation-fernmetastasen.json",
          "dktk/observation-tnmc.json",
          "dktk/observation-vitalstatus.json",
          "dktk/observation-lokaler-tumorstatus.json",
          "dktk/clinicalimpression-verlauf.json",
          "dktk/procedure-operation.json",
          "dktk/procedure-strahlentherapie.json",
          "dktk/medicationstatement-systemtherapie.json",
          "dktk/specimen-bbmri.json",
          "wider/observation-genetic-variant.json",
          "wider/observation-lymph-nodes-positive.json");

  @Test
  void dktkShapedAndWiderDataSetResourcesAreAccepted() throws IOException {
    String prefix = "dktk" + UUID.randomUUID().toString().substring(0, 8) + "-";
    Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    for (String file : FILES) {
      Resource resource =
          (Resource) fhirContext.newJsonParser().parseResource(rewriteIds(read(file), prefix));
      bundle
          .addEntry()
          .setResource(resource)
          .getRequest()
          .setMethod(Bundle.HTTPVerb.PUT)
          .setUrl(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
    }

    fhir()
        .body(fhirContext.newJsonParser().encodeResourceToString(bundle))
        .post()
        .then()
        .statusCode(200);

    Observation tnm = client.read().resource(Observation.class).withId(prefix + "tnmc").execute();
    assertThat(tnm.getMeta().getProfile())
        .extracting(p -> p.getValue())
        .contains("http://dktk.dkfz.de/fhir/StructureDefinition/onco-core-Observation-TNMc");
    Observation variant =
        client.read().resource(Observation.class).withId(prefix + "genetic-variant").execute();
    assertThat(variant.getSubject().getReference()).isEqualTo("Patient/" + prefix + "patient");
  }

  /** Links the MDS example to the DKTK patient and makes every id unique to this test run. */
  private static String rewriteIds(String json, String prefix) {
    return json.replace("mds-patient-example", "dktk-patient")
        .replace("mds-condition-primary-diagnosis-example", "dktk-diagnosis")
        .replace("mds-observation-grading-example", "dktk-grading")
        .replace("\"dktk-", "\"" + prefix)
        .replace("/dktk-", "/" + prefix);
  }

  private static String read(String file) throws IOException {
    try (InputStream in = DktkShapedIngestIT.class.getResourceAsStream(EXAMPLES + file)) {
      if (in == null) {
        throw new IOException("missing example " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
