package org.ccpfhir.bridgehead.visibility;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.bridgehead.TestPatients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Counts of unit-scoped users with the site rule {@code explicitly-consented-visible-to-all} on
 * (its own context: the rule is read at start-up): a patient of another unit with the network
 * consent counts, one without does not.
 */
@TestPropertySource(properties = "ccp.visibility.explicitly-consented-visible-to-all=true")
class VisibilityConsentedCountIT extends PostgresIT {

  @Autowired private DaoRegistry daoRegistry;

  @Test
  void aScopedCountAddsTheConsentedPatientsOfOtherUnitsAndNoOthers() {
    for (String user : List.of("oncology", "surgery")) {
      acceptTermsOfUse(user);
    }
    String tag = UUID.randomUUID().toString().substring(0, 8);
    // ONC with network consent, ONC without, SURG without
    List<String> ids =
        TestPatients.storeAsSite(
            daoRegistry,
            List.of(
                new TestPatients.Minimal("CC" + tag + "0", "ONC", true),
                new TestPatients.Minimal("CC" + tag + "1", "ONC", false),
                new TestPatients.Minimal("CC" + tag + "2", "SURG", false)));
    String search = "/Patient?identifier=" + values(tag);

    assertThat(count("surgery", search)).isEqualTo(2);
    assertThat(count("oncology", search)).isEqualTo(2);
    Response page = patients().as("surgery").get(search + "&_total=accurate");
    assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
    assertThat(page.jsonPath().getInt("total")).isEqualTo(2);
    assertThat(page.jsonPath().getList("entry.resource.id", String.class))
        .containsExactlyInAnyOrder(ids.get(0), ids.get(2));
    Response all = fhir().get(search + "&_summary=count");
    assertThat(all.jsonPath().getInt("total")).isEqualTo(3);
  }

  private int count(String user, String search) {
    Response answer = patients().as(user).get(search + "&_summary=count");
    assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
    return answer.jsonPath().getInt("total");
  }

  private static String values(String tag) {
    return "CC" + tag + "0,CC" + tag + "1,CC" + tag + "2";
  }
}
