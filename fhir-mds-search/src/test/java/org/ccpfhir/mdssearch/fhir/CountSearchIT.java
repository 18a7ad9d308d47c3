package org.ccpfhir.mdssearch.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import io.restassured.response.Response;
import java.util.List;
import org.ccpfhir.mdssearch.MdsSearchItSupport;
import org.ccpfhir.mdssearch.count.CountEngine;
import org.ccpfhir.mdssearch.count.CriteriaParser;
import org.ccpfhir.mdssearch.count.SearchCatalog;
import org.ccpfhir.mdssearch.store.MdsStoreService;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Researchers count through FHIR; nothing else leaves the server. */
class CountSearchIT extends MdsSearchItSupport {

  private static final FhirContext FHIR = FhirContext.forR4Cached();

  @Autowired MdsStoreService store;
  @Autowired CountEngine engine;

  @BeforeEach
  void load() {
    CountTestData.load(store);
  }

  private IGenericClient client(String user) {
    IGenericClient client = fhirClient(FHIR);
    client.registerInterceptor(new BearerTokenAuthInterceptor(token(user)));
    return client;
  }

  @Test
  void searchWithSummaryCountReturnsOnlyAReleasedTotal() {
    Response first = as("researcher").get("/fhir/Condition?code:below=C&_summary=count");
    first.then().statusCode(200).body("resourceType", equalTo("Bundle")).body("entry", nullValue());
    int total = first.path("total");
    assertThat(total % 10).isZero();
    assertThat(total).isBetween(250, 350);
    // the same question again, and reordered, releases the same number
    as("researcher")
        .get("/fhir/Condition?_summary=count&code:below=C")
        .then()
        .body("total", equalTo(total));
  }

  @Test
  void smallCountsAreFlooredWithADataAbsentExtension() {
    as("researcher")
        .get("/fhir/Condition?code=C97&_summary=count")
        .then()
        .statusCode(200)
        .body("total", nullValue())
        .body(
            "_total.extension.find { it.url.endsWith('data-absent-reason') }.valueCode",
            equalTo("masked"))
        .body(
            "_total.extension.find { it.url.endsWith('count-below') }.valueUnsignedInt",
            equalTo(10));
  }

  @Test
  void everyWayToReadARecordIsRefused() {
    for (String path :
        List.of(
            "/fhir/Patient",
            "/fhir/Patient?gender=female",
            "/fhir/Patient?_summary=true",
            "/fhir/Patient?_summary=data",
            "/fhir/Patient?_summary=count&_elements=id",
            "/fhir/Condition?_summary=count&_include=Condition:subject",
            "/fhir/Condition?_summary=count&_revinclude=Observation:subject",
            "/fhir/Patient/1",
            "/fhir/Patient/1/_history/1",
            "/fhir/Patient/1/$everything",
            "/fhir/Patient/$everything")) {
      as("researcher")
          .get(path)
          .then()
          .statusCode(403)
          .body("resourceType", equalTo("OperationOutcome"));
    }
    as("researcher")
        .contentType("application/fhir+json")
        .body("{\"resourceType\":\"Patient\"}")
        .post("/fhir/Patient")
        .then()
        .statusCode(403);
    as("researcher").delete("/fhir/Patient/1").then().statusCode(403);
    as("researcher").get("/fhir/AuditEvent").then().statusCode(403);
  }

  @Test
  void unsupportedParametersAre400NamingThem() {
    as("researcher")
        .get("/fhir/Patient?_summary=count&name=Meier&address-city=Berlin")
        .then()
        .statusCode(400)
        .body("resourceType", equalTo("OperationOutcome"))
        .body(containsString("name"))
        .body(containsString("address-city"));
    as("researcher")
        .get("/fhir/Condition?_summary=count&onset-date=yesterday")
        .then()
        .statusCode(400)
        .body(containsString("onset-date"));
    as("researcher")
        .get("/fhir/Patient?_summary=count&age-at-diagnosis=ap40")
        .then()
        .statusCode(400)
        .body(containsString("age-at-diagnosis"));
  }

  /** Issue 23: the age at diagnosis as a search parameter, released like every count. */
  @Test
  void ageAtDiagnosisRangesAreCounted() {
    Response all = as("researcher").get("/fhir/Patient?age-at-diagnosis=ge0&_summary=count");
    all.then().statusCode(200).body("entry", nullValue());
    Response none =
        as("researcher")
            .get("/fhir/Patient?age-at-diagnosis=ge60&age-at-diagnosis=lt40&_summary=count");
    // an empty range is floored like any small count: no number
    none.then().statusCode(200).body("total", nullValue());
  }

  @Test
  void evaluateMeasureReportsPatientsSamplesAndFullStrata() {
    Measure measure = new Measure();
    measure.setUrl("urn:test:breast-or-blood");
    Measure.MeasureGroupComponent group = measure.addGroup();
    group
        .addPopulation()
        .setCode(concept("initial-population"))
        .setCriteria(
            new Expression()
                .setLanguage("application/x-fhir-query")
                .setExpression(
                    "Condition?code:below=C AND NOT Patient?gender=male OR Specimen?type=whole-blood"));
    group.addStratifier().setCode(concept("age-at-diagnosis"));
    group.addStratifier().setCode(concept("sex"));
    group.addStratifier().setCode(concept("site"));
    group.addStratifier().setCode(concept("vital-status"));
    Measure.MeasureGroupStratifierComponent cross = group.addStratifier();
    cross.addComponent().setCode(concept("age-at-diagnosis"));
    cross.addComponent().setCode(concept("sex"));
    cross.addComponent().setCode(concept("site"));
    Parameters parameters = new Parameters();
    parameters.addParameter().setName("measure").setResource(measure);

    MeasureReport report = evaluate(parameters);
    MeasureReport again = evaluate(parameters);

    assertThat(report.getType()).isEqualTo(MeasureReport.MeasureReportType.SUMMARY);
    assertThat(report.getGroup()).hasSize(2);
    int total = report.getGroupFirstRep().getPopulationFirstRep().getCount();
    assertThat(total).isPositive();
    assertThat(report.getGroup().get(1).getCode().getCodingFirstRep().getCode())
        .isEqualTo("specimen");
    assertThat(report.getGroupFirstRep().getStratifier()).hasSize(5);
    // every stratifier lists its full set of cells (14 age groups, 4 sexes, the 3 configured sites,
    // 3 vital states), empty ones as "<10"; a stratum's patients are among the total's, and each
    // released value is within the table's bound (< rounding + 2) of its true count
    List<Integer> sizes = List.of(14, 4, 3, 3, 14 * 4 * 3);
    for (int i = 0; i < 5; i++) {
      MeasureReport.MeasureReportGroupStratifierComponent stratifier =
          report.getGroupFirstRep().getStratifier().get(i);
      assertThat(stratifier.getStratum()).hasSize(sizes.get(i));
      for (MeasureReport.StratifierGroupComponent stratum : stratifier.getStratum()) {
        var count = stratum.getPopulationFirstRep().getCountElement();
        if (count.getValue() != null) {
          assertThat(count.getValue()).isLessThanOrEqualTo(total + 2 * 12);
        }
      }
    }
    // the site stratum names the site's contact Organization
    MeasureReport.StratifierGroupComponent hd =
        report.getGroupFirstRep().getStratifier().get(2).getStratum().stream()
            .filter(s -> s.getValue().getCodingFirstRep().getCode().equals("HD"))
            .findFirst()
            .orElseThrow();
    Extension contact = hd.getValue().getExtensionByUrl(CountExtensions.SITE_CONTACT);
    Reference reference = (Reference) contact.getValue();
    Organization organization =
        report.getContained().stream()
            .filter(r -> ("#" + r.getIdElement().getIdPart()).equals(reference.getReference()))
            .map(Organization.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(organization.getTelecomFirstRep().getValue()).isEqualTo("ccp-contact@hd.example");
    // asking twice releases the same numbers
    assertThat(
            FHIR.newJsonParser()
                .encodeResourceToString(
                    again.setDate(report.getDate()).setPeriod(report.getPeriod())))
        .isEqualTo(FHIR.newJsonParser().encodeResourceToString(report));
  }

  @Test
  void evaluateMeasureRefusesBadCriteriaWith400() {
    Parameters parameters = new Parameters();
    parameters
        .addParameter()
        .setName("criteria")
        .setValue(new org.hl7.fhir.r4.model.StringType("Condition?code=C50 AND (Patient?foo=1"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> evaluate(parameters))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("foo");
    as("researcher")
        .contentType("application/fhir+json")
        .body("{\"resourceType\":\"Patient\"}")
        .post("/fhir/Measure/$evaluate-measure")
        .then()
        .statusCode(400)
        .body(containsString("Parameters"));
    as("researcher")
        .contentType("application/fhir+json")
        .body("not json")
        .post("/fhir/Measure/$evaluate-measure")
        .then()
        .statusCode(400);
  }

  @Test
  void uploadsAndDeletionsAreCountedAtOnce() {
    SearchCatalog catalog = new SearchCatalog();
    int before = engine.patients(CriteriaParser.parse(catalog, "Condition?code=C97"));
    store.upsert("TUE", "RARE-X", CountTestData.rare());
    assertThat(engine.patients(CriteriaParser.parse(catalog, "Condition?code=C97")))
        .isEqualTo(before + 1);
    assertThat(store.delete("TUE", "RARE-X")).isTrue();
    assertThat(engine.patients(CriteriaParser.parse(catalog, "Condition?code=C97")))
        .isEqualTo(before);
  }

  private MeasureReport evaluate(Parameters parameters) {
    return client("researcher")
        .operation()
        .onType(Measure.class)
        .named("$evaluate-measure")
        .withParameters(parameters)
        .returnResourceType(MeasureReport.class)
        .execute();
  }

  private static org.hl7.fhir.r4.model.CodeableConcept concept(String code) {
    org.hl7.fhir.r4.model.CodeableConcept concept = new org.hl7.fhir.r4.model.CodeableConcept();
    concept.addCoding().setCode(code);
    return concept;
  }
}
