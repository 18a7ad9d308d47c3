package org.ccpfhir.mdssearch.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ca.uhn.fhir.context.FhirContext;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ccpfhir.disclosure.RecordSample;
import org.ccpfhir.mdssearch.MdsSearchItSupport;
import org.ccpfhir.mdssearch.count.CountEngine;
import org.ccpfhir.mdssearch.count.CountIndex;
import org.ccpfhir.mdssearch.count.CriteriaParser;
import org.ccpfhir.mdssearch.count.SearchCatalog;
import org.ccpfhir.mdssearch.count.Stratifier;
import org.ccpfhir.mdssearch.disclosure.DisclosurePolicy;
import org.ccpfhir.mdssearch.disclosure.DisclosureProperties;
import org.ccpfhir.mdssearch.disclosure.QueryBudget;
import org.ccpfhir.mdssearch.disclosure.ReleasedCounts;
import org.ccpfhir.mdssearch.store.MdsAttributes;
import org.ccpfhir.mdssearch.store.MdsRecordRepository;
import org.ccpfhir.mdssearch.store.MdsStoreService;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A hostile researcher's attacks on the release policy (issue 17), each against what the README
 * promises: differently written questions about the same patients release one value, an empty set
 * looks like a small one, strata never say which cells exist, and a request too large is refused
 * before it costs anything. The shared test data: 150 synthetic patients at HD and TUE, 3 rare ones
 * (C97, female, born 1950-01) at DD.
 */
class DisclosureAttackIT extends MdsSearchItSupport {

  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final String ATTACKER = "attacker";

  @Autowired MdsStoreService store;
  @Autowired CountEngine engine;
  @Autowired QueryBudget budget;
  @Autowired MdsRecordRepository repository;
  @Autowired DisclosureProperties disclosure;
  @Autowired CountSearchProperties sites;

  private final SearchCatalog catalog = new SearchCatalog();

  @BeforeEach
  void load() {
    CountTestData.load(store);
  }

  /** Averaging over rewrites: every wording of one selection gets the same released value. */
  @Test
  void rewritesOfOneSelectionReleaseOneValue() {
    String base = "Condition?code:below=C50";
    int truth = engine.patients(CriteriaParser.parse(catalog, base));
    assertThat(truth).as("test data: a cell above the floor").isGreaterThan(20);
    List<String> rewrites =
        List.of(
            base,
            "Condition?code:below=" + MdsAttributes.ICD10GM + "|C50",
            "Condition?code:below=C50,D99",
            "Condition?code:below=C50 AND Condition?code:below=C50",
            "Condition?code:below=C50 OR Condition?code=Z99.9",
            "Condition?code:below=C50 AND NOT Condition?code=Z99.9",
            "Condition?code:below=C50 AND Patient?birthdate=ge1800&birthdate=lt2200",
            "Condition?code:below=C50 AND Patient?birthdate=ge1800 AND Patient?birthdate=lt2200",
            "(Condition?code:below=C50)");
    Set<String> released = new LinkedHashSet<>();
    for (String rewrite : rewrites) {
      assertThat(engine.patients(CriteriaParser.parse(catalog, rewrite)))
          .as("the rewrite %s selects the same patients", rewrite)
          .isEqualTo(truth);
      released.add(released(measure(rewrite, List.of())).get("patients"));
    }
    released.add(total("/fhir/Condition?code:below=C50&_summary=count"));
    released.add(total("/fhir/Condition?_summary=count&code:below=C50,D99"));
    released.add(
        total("/fhir/Condition?code:below=" + MdsAttributes.ICD10GM + "|C50&_summary=count"));
    assertThat(released).as("one value for one selection, however asked").hasSize(1);
  }

  /** A stratum is the same selection as the total of the query narrowed to it. */
  @Test
  void aStratumAndTheNarrowedQueryReleaseOneValue() {
    Map<String, String> strata =
        released(measure("Condition?code:below=C", List.of(List.of("sex"))));
    String narrowed =
        released(measure("Condition?code:below=C AND Patient?gender=female", List.of()))
            .get("patients");
    assertThat(strata.get("sex=female")).isEqualTo(narrowed);
    assertThat(total("/fhir/Patient?gender=female&_summary=count"))
        .isEqualTo(released(measure("Patient", List.of(List.of("sex")))).get("sex=female"));
  }

  /** Stratifier permutations: another order is the same cell, never a new draw. */
  @Test
  void stratifierOrderGivesNoNewDraws() {
    List<List<String>> orders =
        List.of(
            List.of("age-at-diagnosis", "sex", "site"),
            List.of("site", "sex", "age-at-diagnosis"),
            List.of("sex", "age-at-diagnosis", "site"));
    Map<String, String> first = null;
    for (List<String> order : orders) {
      Map<String, String> cells = released(measure("Condition?code:below=C", List.of(order)));
      if (first == null) {
        first = cells;
      }
      assertThat(cells).as("order %s", order).isEqualTo(first);
    }
    // the 24 orders in one request: refused, not 24 draws for the price of one
    List<List<String>> permutations = new ArrayList<>();
    permute(
        new ArrayList<>(List.of("age-at-diagnosis", "sex", "site", "vital-status")),
        0,
        permutations);
    post(measure("Condition?code:below=C", permutations))
        .then()
        .statusCode(400)
        .body("resourceType", equalTo("OperationOutcome"))
        .body(containsString("stratifier"));
  }

  /**
   * Differencing on a single person: does the singled-out rare patient (C97, female, 1950-01, DD)
   * have B20? Nobody has, yet the answer must look exactly like the answer of a set of one to nine.
   */
  @Test
  void anEmptySetLooksLikeASmallOne() {
    String person =
        "Condition?code=C97 AND Patient?birthdate=1950-01 AND Patient?site=DD"
            + " AND Patient?gender=female";
    assertThat(engine.patients(CriteriaParser.parse(catalog, person))).isEqualTo(3);
    assertThat(engine.patients(CriteriaParser.parse(catalog, person + " AND Condition?code=B20")))
        .isZero();
    List<List<String>> all =
        List.of(
            List.of("age-at-diagnosis"), List.of("sex"), List.of("site"), List.of("vital-status"));
    Map<String, String> some = released(measure(person, all));
    Map<String, String> none = released(measure(person + " AND Condition?code=B20", all));
    assertThat(none).isEqualTo(some);
    assertThat(none.values()).allMatch(v -> v.equals("<10"), "every cell floored");
    assertThat(total("/fhir/Condition?code=B20&_summary=count")).isEqualTo("<10");
    assertThat(total("/fhir/Condition?code=C97&_summary=count")).isEqualTo("<10");
  }

  /** Strata list their full, data-independent set of cells, so a cell's presence says nothing. */
  @Test
  void strataListEveryCellWhateverTheData() {
    List<List<String>> all =
        List.of(
            List.of("age-at-diagnosis"), List.of("sex"), List.of("site"), List.of("vital-status"));
    Set<String> everywhere = released(measure("Patient", all)).keySet();
    Set<String> rare = released(measure("Condition?code=C97", all)).keySet();
    Set<String> nobody = released(measure("Condition?code=B20", all)).keySet();
    assertThat(rare).isEqualTo(everywhere);
    assertThat(nobody).isEqualTo(everywhere);
    assertThat(everywhere)
        .contains("site=HD", "site=TUE", "site=DD", "sex=other", "age-at-diagnosis=0-9")
        .contains("age-at-diagnosis=120-129", "age-at-diagnosis=unknown", "vital-status=unknown");
  }

  /**
   * Denning's tracker and stratum arithmetic on the suppressed C97 cell (3 patients): the tracker T
   * (all men, who are disjoint from it) is asked with and without the cell in many wordings; the
   * differences of released values would average to 3. Each side releases one value however it is
   * asked, so the attacker gets one difference of two released values — a multiple of the rounding,
   * never the suppressed count.
   */
  @Test
  void trackerAndStratumArithmeticRecoverNoSuppressedCell() {
    List<String> trackers =
        List.of(
            "Patient?gender=male",
            "Patient?gender=" + "http://hl7.org/fhir/administrative-gender|male",
            "Patient?gender=male AND Patient?gender=male",
            "Patient?gender=male OR Condition?code=Z99.9",
            "Patient?gender=male&birthdate=ge1800",
            "NOT Patient?gender=female,other,unknown");
    Set<String> with = new LinkedHashSet<>();
    Set<String> without = new LinkedHashSet<>();
    for (String tracker : trackers) {
      assertThat(engine.patients(CriteriaParser.parse(catalog, tracker)))
          .isEqualTo(engine.patients(CriteriaParser.parse(catalog, "Patient?gender=male")));
      with.add(released(measure(tracker + " OR Condition?code=C97", List.of())).get("patients"));
      without.add(
          released(measure("(" + tracker + ") AND NOT Condition?code=C97", List.of()))
              .get("patients"));
    }
    assertThat(with).hasSize(1);
    assertThat(without).hasSize(1);
    int difference =
        Integer.parseInt(with.iterator().next()) - Integer.parseInt(without.iterator().next());
    assertThat(difference % 10).as("a difference of released values").isZero();
    // stratum arithmetic: the site strata of C97-or-men against the total
    Map<String, String> bySite =
        released(measure("Patient?gender=male OR Condition?code=C97", List.of(List.of("site"))));
    assertThat(bySite.get("site=DD")).isEqualTo("<10");
    assertThat(bySite.keySet()).contains("site=HD", "site=TUE", "site=DD");
  }

  /**
   * Denning's tracker over <em>different</em> sets (issue 17; bench/disclosure.sh runs it at
   * scale): "is the set X empty?" asked as pairs (T and not X, T or X) for many different trackers
   * T. At the default sampling rate of 1 every pair is a fresh draw, and a single pair that differs
   * proves X non-empty: the documented limit of the cell-key method alone.
   */
  @Test
  void atTheDefaultRateTrackersOverDifferentSetsTellAnEmptySetFromThreePatients() {
    assertThat(disclosure.samplingRate()).isEqualTo(1.0);
    int differ = 0;
    int differEmpty = 0;
    for (String tracker : trackers()) {
      differ += differs(tracker, "Condition?code=C97") ? 1 : 0;
      differEmpty += differs(tracker, "Condition?code=C97 AND Condition?code=B20") ? 1 : 0;
    }
    assertThat(differEmpty).as("an empty X never changes a value").isZero();
    assertThat(differ).as("three patients change some of %d pairs", trackers().size()).isPositive();
  }

  /**
   * The defence (README "Disclosure control", record sample): at a sampling rate below 1, a patient
   * outside the record sample never changes any released number, so the tracker above learns
   * nothing about her however many different sets it spends. Checked exactly: every tracker pair
   * releases the same values from the stored records as from the stored records without X's
   * patients that are outside the sample.
   */
  @Test
  void outsideTheRecordSampleTrackersOverDifferentSetsLearnNothing() {
    double rate = 0.05;
    DisclosurePolicy policy =
        new DisclosurePolicy(
            new DisclosureProperties(
                disclosure.floor(),
                disclosure.rounding(),
                disclosure.hourlyBudget(),
                disclosure.weeklyBudget(),
                rate,
                disclosure.limits()));
    CountIndex all = new CountIndex(rate);
    CountIndex withoutUncounted = new CountIndex(rate);
    int[] uncounted = {0};
    repository.forEachFacts(
        facts -> {
          all.add(facts);
          // X = the three C97 patients, the only ones at DD
          if (facts.site().equals("DD") && !RecordSample.counts(facts.key(), rate)) {
            uncounted[0]++;
          } else {
            withoutUncounted.add(facts);
          }
        });
    List<String> siteCodes = List.copyOf(new TreeSet<>(sites.sites().keySet()));
    CountEngine server = new CountEngine(all, null, siteCodes);
    CountEngine reference = new CountEngine(withoutUncounted, null, siteCodes);
    String x = "Condition?code=C97";
    for (String tracker : trackers()) {
      for (String pair : List.of("(" + tracker + ") AND NOT " + x, tracker + " OR " + x)) {
        var criteria = CriteriaParser.parse(catalog, pair);
        assertThat(server.patients(criteria))
            .as(pair)
            .isGreaterThanOrEqualTo(disclosure.floor() + 3);
        assertThat(policy.patients(server.patientsCell(criteria)).toString())
            .as("%s: X's %d patients outside the sample change nothing", pair, uncounted[0])
            .isEqualTo(policy.patients(reference.patientsCell(criteria)).toString());
      }
    }
  }

  private boolean differs(String tracker, String x) {
    String without =
        released(measure("(" + tracker + ") AND NOT (" + x + ")", List.of())).get("patients");
    String with = released(measure(tracker + " OR (" + x + ")", List.of())).get("patients");
    return !without.equals(with);
  }

  /** Different sets of the HD and TUE patients, each well above the floor. */
  private List<String> trackers() {
    List<String> trackers = new ArrayList<>();
    for (int year = 1935; year <= 1975; year += 3) {
      trackers.add("Patient?birthdate=ge" + year + "&site=HD,TUE");
      trackers.add("Patient?birthdate=lt" + year + "&site=HD,TUE");
    }
    return trackers.stream()
        .filter(t -> engine.patients(CriteriaParser.parse(catalog, t)) >= 30)
        .toList();
  }

  /**
   * Repetition after a restart: the released values follow from the stored record keys alone, so an
   * engine rebuilt from the database (what a restart does) releases what the server released.
   */
  @Test
  void aRestartReleasesTheSameValues() {
    String criteria = "Condition?code:below=C";
    Map<String, String> served = released(measure(criteria, List.of(List.of("sex", "site"))));
    CountIndex rebuilt = new CountIndex();
    repository.forEachFacts(rebuilt::add);
    CountEngine restarted =
        new CountEngine(rebuilt, null, List.copyOf(new TreeSet<>(sites.sites().keySet())));
    ReleasedCounts again =
        new DisclosurePolicy(disclosure)
            .release(
                "restart",
                restarted.count(
                    CriteriaParser.parse(catalog, criteria),
                    List.of(List.of(Stratifier.SEX, Stratifier.SITE))));
    assertThat(again.patients().toString()).isEqualTo(served.get("patients"));
    assertThat(again.samples().toString()).isEqualTo(served.get("samples"));
    again
        .stratifications()
        .get(0)
        .cells()
        .forEach(
            (values, released) ->
                assertThat(released.toString())
                    .isEqualTo(served.get("sex=" + values.get(0) + "|site=" + values.get(1))));
  }

  /** Bounded work: oversized requests are refused before evaluation and cost nothing. */
  @Test
  void oversizedRequestsAreRefusedBeforeEvaluationAndNotCharged() {
    long before = budget.spent("USER:" + ATTACKER);
    List<List<String>> copies = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      copies.add(List.of("age-at-diagnosis", "sex", "site", "vital-status"));
    }
    postAs(ATTACKER, measure("Patient", copies))
        .then()
        .statusCode(400)
        .body("resourceType", equalTo("OperationOutcome"))
        .body(containsString("stratifier"));
    StringBuilder terms = new StringBuilder("Condition?code=C00.0");
    for (int i = 1; i < 150; i++) {
      terms.append(",C").append(String.format("%02d", i % 100)).append('.').append(i / 100);
    }
    postAs(ATTACKER, criteria(terms.toString()))
        .then()
        .statusCode(400)
        .body("resourceType", equalTo("OperationOutcome"))
        .body(containsString("terms"));
    List<List<String>> distinct = new ArrayList<>();
    List<String> codes = List.of("age-at-diagnosis", "sex", "site", "vital-status");
    for (int mask = 1; mask < 16; mask++) {
      List<String> dimensions = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        if ((mask & 1 << i) != 0) {
          dimensions.add(codes.get(i));
        }
      }
      distinct.add(dimensions);
    }
    postAs(ATTACKER, measure("Patient", distinct))
        .then()
        .statusCode(400)
        .body(containsString("15 stratifiers, at most 10"));
    postAs(ATTACKER, criteria("(".repeat(2000) + "Patient" + ")".repeat(2000)))
        .then()
        .statusCode(400)
        .body(containsString("nested deeper"));
    as(ATTACKER)
        .get("/fhir/Condition?_summary=count&code=" + "C50,".repeat(120) + "C51")
        .then()
        .statusCode(400)
        .body(containsString("121 search terms, at most 100"));
    assertThat(budget.spent("USER:" + ATTACKER)).isEqualTo(before);
  }

  // --- the attacker's tools

  private Response post(Parameters parameters) {
    return postAs("researcher", parameters);
  }

  private Response postAs(String user, Parameters parameters) {
    return as(user)
        .contentType("application/fhir+json")
        .body(FHIR.newJsonParser().encodeResourceToString(parameters))
        .post("/fhir/Measure/$evaluate-measure");
  }

  /** Released cells of a MeasureReport by canonical name: patients, samples, "sex=female", … */
  private Map<String, String> released(Parameters parameters) {
    Response response = post(parameters);
    response.then().statusCode(200);
    MeasureReport report =
        FHIR.newJsonParser().parseResource(MeasureReport.class, response.asString());
    Map<String, String> cells = new LinkedHashMap<>();
    cells.put(
        "patients", value(report.getGroup().get(0).getPopulationFirstRep().getCountElement()));
    cells.put("samples", value(report.getGroup().get(1).getPopulationFirstRep().getCountElement()));
    for (MeasureReport.MeasureReportGroupStratifierComponent stratifier :
        report.getGroupFirstRep().getStratifier()) {
      for (MeasureReport.StratifierGroupComponent stratum : stratifier.getStratum()) {
        List<String> parts = new ArrayList<>();
        if (stratum.hasComponent()) {
          for (MeasureReport.StratifierGroupComponentComponent component : stratum.getComponent()) {
            parts.add(
                component.getCode().getCodingFirstRep().getCode()
                    + "="
                    + component.getValue().getText());
          }
        } else {
          parts.add(
              stratifier.getCodeFirstRep().getCodingFirstRep().getCode()
                  + "="
                  + stratum.getValue().getText());
        }
        parts.sort(null);
        cells.put(
            String.join("|", parts), value(stratum.getPopulationFirstRep().getCountElement()));
      }
    }
    return cells;
  }

  private String total(String path) {
    Response response = as("researcher").get(path);
    response.then().statusCode(200);
    Integer total = response.path("total");
    return total == null ? "<10" : total.toString();
  }

  private static String value(IntegerType count) {
    return count.getValue() == null ? "<10" : count.getValue().toString();
  }

  static Parameters criteria(String criteria) {
    Parameters parameters = new Parameters();
    parameters.addParameter().setName("criteria").setValue(new StringType(criteria));
    return parameters;
  }

  static Parameters measure(String criteria, List<List<String>> stratifiers) {
    Measure measure = new Measure();
    Measure.MeasureGroupComponent group = measure.addGroup();
    group
        .addPopulation()
        .setCode(concept("initial-population"))
        .setCriteria(
            new Expression().setLanguage("application/x-fhir-query").setExpression(criteria));
    if (stratifiers.isEmpty()) {
      // a report of the population only: one stratifier the test ignores is not wanted here
      group.addStratifier().setCode(concept("vital-status"));
    }
    for (List<String> dimensions : stratifiers) {
      Measure.MeasureGroupStratifierComponent stratifier = group.addStratifier();
      if (dimensions.size() == 1) {
        stratifier.setCode(concept(dimensions.get(0)));
      } else {
        dimensions.forEach(d -> stratifier.addComponent().setCode(concept(d)));
      }
    }
    Parameters parameters = new Parameters();
    parameters.addParameter().setName("measure").setResource(measure);
    return parameters;
  }

  private static CodeableConcept concept(String code) {
    CodeableConcept concept = new CodeableConcept();
    concept.addCoding().setCode(code);
    return concept;
  }

  private static void permute(List<String> items, int from, List<List<String>> out) {
    if (from == items.size()) {
      out.add(List.copyOf(items));
      return;
    }
    for (int i = from; i < items.size(); i++) {
      java.util.Collections.swap(items, from, i);
      permute(items, from + 1, out);
      java.util.Collections.swap(items, from, i);
    }
  }
}
