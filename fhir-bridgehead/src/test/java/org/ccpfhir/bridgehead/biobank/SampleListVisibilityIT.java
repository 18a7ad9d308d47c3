package org.ccpfhir.bridgehead.biobank;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.bridgehead.TestPatients;
import org.ccpfhir.terminology.CodeSystems;
import org.junit.jupiter.api.Test;

/**
 * The sample page's list as a unit-scoped biobank user gets it: one page of samples of several
 * patients of two units, whose patients the store decides together (one query for the page, {@code
 * UnitVisibility.Check.decidePatientsOf}), holds exactly the samples of the own unit's patients —
 * none of the other unit's, none of the own unit's missing — for every filter of the page; the
 * site-wide biobank user gets all of them.
 */
class SampleListVisibilityIT extends PostgresIT {

  @Test
  void aPageOfSamplesOfManyPatientsHoldsExactlyTheOwnUnitsSamples() {
    for (String user : List.of("oncology", "surgery", "oncology-biobank")) {
      acceptTermsOfUse(user);
    }
    // a freezer of this test: the shared store keeps the samples of earlier runs
    String freezer = "L-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> onc =
        List.of(pseudonymOf("oncology"), pseudonymOf("oncology"), pseudonymOf("oncology"));
    List<String> surg = List.of(pseudonymOf("surgery"), pseudonymOf("surgery"));
    List<String> oncSamples = new ArrayList<>();
    List<String> all = new ArrayList<>();
    int position = 1;
    // interleaved, so that the newest-first page mixes the units
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 3; i++) {
        String own = register(onc.get(i), freezer, position++);
        oncSamples.add(own);
        all.add(own);
        if (i < surg.size()) {
          all.add(register(surg.get(i), freezer, position++));
        }
      }
    }

    for (String filter :
        List.of(
            "storage-freezer:exact=" + freezer,
            "type="
                + CodeSystems.SAMPLE_MATERIAL_TYPE
                + "|plasma-edta&sample-status=available&storage-freezer:exact="
                + freezer,
            "storage-freezer:exact=" + freezer + "&storage-rack:exact=R1&storage-box:exact=B1")) {
      String page = "/Specimen?" + filter + "&_count=100&_sort=-_lastUpdated";
      assertThat(sampleIds(patients().as("oncology-biobank").get(page)))
          .as(filter)
          .containsExactlyInAnyOrderElementsOf(oncSamples);
      assertThat(sampleIds(patients().as("biobank").get(page)))
          .as(filter)
          .containsExactlyInAnyOrderElementsOf(all);
    }
  }

  private String pseudonymOf(String department) {
    return patients().ingest(department).pseudonym().getValue();
  }

  /** A sample registered by the site biobank (sees every unit), as the page does. */
  private String register(String pseudonym, String freezer, int position) {
    String body =
        patients()
            .json(
                TestPatients.sample(
                    pseudonym,
                    "plasma-edta",
                    "available",
                    new Samples.Location(freezer, "R1", "B1", "A" + position),
                    TestPatients.ml("1")));
    Response created =
        patients().as("biobank").contentType("application/fhir+json").body(body).post("/Specimen");
    assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
    return created.jsonPath().getString("id");
  }

  private static List<String> sampleIds(Response response) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    List<String> ids = response.jsonPath().getList("entry.resource.id", String.class);
    return ids == null ? List.of() : ids;
  }
}
