package org.ccpfhir.bridgehead.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Searches are answered from what is stored now and leave nothing in HAPI's search tables: a search
 * by identifier or name stores no identifier or name, and a repeated search after a write finds the
 * new resource without {@code Cache-Control: no-cache}, and so does a repeated {@code
 * _summary=count}.
 */
class SearchCacheIT extends PostgresIT {

  @Autowired DataSource dataSource;

  @Test
  void aRepeatedSearchFindsWhatWasWrittenMeanwhileAndNoSearchIsStored() {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    Timestamp start = jdbc.queryForObject("SELECT now()", Timestamp.class);
    String marker = "Zz" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Bundle bundle =
        SyntheticPatientGenerator.merge(
            IntStream.range(0, 3)
                .mapToObj(
                    new SyntheticPatientGenerator(
                            UUID.randomUUID().getMostSignificantBits(), "HD", EntryMode.POST, false)
                        ::patient)
                .toList());
    Identifier identifier = firstPatient(bundle).getIdentifierFirstRep();
    String byIdentifier =
        "/Patient?identifier=" + identifier.getSystem() + "|" + identifier.getValue();

    assertThat(total(byIdentifier)).isZero();
    // README "Using the bridgehead": count, write, count again — no Cache-Control header
    int countBefore = count();
    assertThat(count()).isEqualTo(countBefore);
    // names are not searchable here (no IDAT in the store); identifiers are
    assertThat(total("/Patient?identifier=" + marker)).isZero();
    assertThat(total("/Patient?gender=female&identifier=urn:ccp:test%7C" + marker + "&_count=1"))
        .isZero();
    Bundle stored = client.transaction().withBundle(bundle).execute();
    assertThat(total(byIdentifier)).isEqualTo(1);
    // a cached result of the same count would still say countBefore (issue 23 finding 3)
    assertThat(count()).isGreaterThanOrEqualTo(countBefore + 3);

    // paging of the unstored searches: offset links that run the query again
    List<String> ids =
        stored.getEntry().stream()
            .map(e -> new IdType(e.getResponse().getLocation()))
            .filter(id -> "Patient".equals(id.getResourceType()))
            .map(IdType::getIdPart)
            .toList();
    assertThat(ids).hasSize(3);
    Bundle first =
        client
            .search()
            .byUrl("Patient?_id=" + String.join(",", ids) + "&_count=2")
            .returnBundle(Bundle.class)
            .execute();
    assertThat(first.getEntry()).hasSize(2);
    assertThat(first.getLink(Bundle.LINK_NEXT)).isNotNull();
    Bundle second = client.loadPage().next(first).execute();
    assertThat(second.getEntry()).hasSize(1);
    assertThat(second.getLink(Bundle.LINK_NEXT)).isNull();

    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM hfj_search WHERE created >= ?", Integer.class, start))
        .isZero();
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM hfj_search WHERE search_query_string_vc LIKE ?"
                    + " OR search_query_string_vc LIKE ?",
                Integer.class,
                "%" + marker + "%",
                "%" + identifier.getValue() + "%"))
        .isZero();
  }

  private int total(String search) {
    List<Object> entries =
        fhir().get(search).then().statusCode(200).extract().jsonPath().getList("entry");
    return entries == null ? 0 : entries.size();
  }

  private int count() {
    return fhir()
        .get("/Patient?_summary=count")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getInt("total");
  }

  private static Patient firstPatient(Bundle bundle) {
    return bundle.getEntry().stream()
        .map(Bundle.BundleEntryComponent::getResource)
        .filter(Patient.class::isInstance)
        .map(Patient.class::cast)
        .findFirst()
        .orElseThrow();
  }
}
