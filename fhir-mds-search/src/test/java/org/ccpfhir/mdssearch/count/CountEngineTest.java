package org.ccpfhir.mdssearch.count;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.ccpfhir.mdssearch.store.PatientFacts;
import org.ccpfhir.mdssearch.store.PatientFactsExtractor;
import org.ccpfhir.mdssearch.store.StoredChange;
import org.ccpfhir.mdssearch.store.StoredFacts;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Specimen;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine against a brute-force scan of the same facts (synthetic patients of two sites). */
class CountEngineTest {

  private static final SearchCatalog CATALOG = new SearchCatalog();
  private static final List<StoredFacts> PATIENTS = new ArrayList<>();
  private static final Random KEYS = new Random(17);
  private static CountEngine engine;

  @BeforeAll
  static void load() {
    PatientFactsExtractor extractor = new PatientFactsExtractor();
    CountIndex index = new CountIndex();
    int ordinal = 0;
    for (String site : List.of("HD", "TUE")) {
      SyntheticPatientGenerator generator =
          new SyntheticPatientGenerator(11L, site, EntryMode.PUT, false);
      for (int i = 0; i < 600; i++) {
        StoredFacts stored =
            new StoredFacts(
                ordinal++, site, extractor.extract(generator.patient(i)), KEYS.nextInt());
        PATIENTS.add(stored);
        index.add(stored);
      }
    }
    index.optimize();
    engine = new CountEngine(index);
  }

  private static int count(String expression) {
    return engine.patients(CriteriaParser.parse(CATALOG, expression));
  }

  private static long brute(Predicate<StoredFacts> predicate) {
    return PATIENTS.stream().filter(predicate).count();
  }

  private static Predicate<StoredFacts> token(String token) {
    return p -> p.facts().tokens().contains(token);
  }

  private static Predicate<StoredFacts> tokenPrefix(String prefix) {
    return p -> p.facts().tokens().stream().anyMatch(t -> t.startsWith(prefix));
  }

  private static Predicate<StoredFacts> dateIn(String key, LocalDate from, LocalDate to) {
    return p ->
        p.facts().tokens().stream()
            .filter(t -> t.startsWith("@" + key + "="))
            .map(t -> LocalDate.parse(t.substring(t.indexOf('=') + 1)))
            .anyMatch(d -> !d.isBefore(from) && !d.isAfter(to));
  }

  @Test
  void singleCodesPrefixesAndDatesMatchABruteForceScan() {
    assertThat(count("Condition?code:below=C50"))
        .isEqualTo(brute(tokenPrefix("Condition.code=C50")))
        .isPositive();
    assertThat(count("Condition?code:below=C34,C18") + 0L)
        .isEqualTo(brute(tokenPrefix("Condition.code=C34").or(tokenPrefix("Condition.code=C18"))));
    assertThat(count("Patient?gender=female")).isEqualTo(brute(token("sex=female")));
    assertThat(count("Condition?onset-date=ge2015&onset-date=lt2017-07"))
        .isEqualTo(
            brute(
                dateIn(
                    "Condition.onset-date", LocalDate.of(2015, 1, 1), LocalDate.of(2017, 6, 30))));
    // type and date on the same sample, not on two samples of the patient
    assertThat(count("Specimen?type=whole-blood&collected=ge2019"))
        .isEqualTo(
            brute(
                dateIn(
                    "Specimen.collected|whole-blood",
                    LocalDate.of(2019, 1, 1),
                    LocalDate.of(2100, 1, 1))))
        .isLessThanOrEqualTo(count("Specimen?type=whole-blood AND Specimen?collected=ge2019"));
    assertThat(count("Condition?code:below=C50&onset-date=ge2020"))
        .isEqualTo(
            brute(
                p ->
                    p.facts().tokens().stream()
                        .filter(t -> t.startsWith("@Condition.onset-date|C50"))
                        .map(t -> LocalDate.parse(t.substring(t.indexOf('=') + 1)))
                        .anyMatch(d -> d.getYear() >= 2020)));
    assertThat(count("Patient?site=TUE")).isEqualTo(600);
  }

  @Test
  void booleanOperatorsFollowSetAlgebra() {
    int female = count("Patient?gender=female");
    int breast = count("Condition?code:below=C50");
    int both = count("Patient?gender=female AND Condition?code:below=C50");
    int either = count("Patient?gender=female OR Condition?code:below=C50");
    assertThat(either).isEqualTo(female + breast - both);
    assertThat(count("NOT Patient?gender=female")).isEqualTo(PATIENTS.size() - female);
    assertThat(count("Condition?code:below=C50 AND NOT Patient?gender=female"))
        .isEqualTo(breast - both);
    assertThat(count("(Patient?site=HD OR Patient?site=TUE) AND Specimen"))
        .isEqualTo(brute(token("has=Specimen")));
  }

  /** Completed years at the first diagnosis, recomputed from the facts' dates; -1 when unknown. */
  private static int ageAtDiagnosis(StoredFacts p) {
    LocalDate birth = null;
    LocalDate first = null;
    for (String t : p.facts().tokens()) {
      if (t.startsWith("@Patient.birthdate=")) {
        birth = LocalDate.parse(t.substring(t.indexOf('=') + 1));
      } else if (t.startsWith("@Condition.onset-date=")) {
        LocalDate d = LocalDate.parse(t.substring(t.indexOf('=') + 1));
        first = first == null || d.isBefore(first) ? d : first;
      }
    }
    return birth == null || first == null || first.isBefore(birth)
        ? -1
        : java.time.Period.between(birth, first).getYears();
  }

  @Test
  void ageAtDiagnosisRangesMatchABruteForceScanAndTheDecades() {
    int forties = count("Patient?age-at-diagnosis=ge40&age-at-diagnosis=lt50");
    assertThat(forties + 0L)
        .isEqualTo(brute(p -> ageAtDiagnosis(p) >= 40 && ageAtDiagnosis(p) < 50))
        .isPositive();
    // the same rule as the age decade stratum
    assertThat(forties + 0L).isEqualTo(brute(token("age=40")));
    assertThat(count("Patient?age-at-diagnosis=ge43&age-at-diagnosis=le61") + 0L)
        .isEqualTo(brute(p -> ageAtDiagnosis(p) >= 43 && ageAtDiagnosis(p) <= 61));
    assertThat(count("Patient?age-at-diagnosis=gt59") + 0L)
        .isEqualTo(brute(p -> ageAtDiagnosis(p) >= 60));
    assertThat(count("Patient?age-at-diagnosis=55") + 0L)
        .isEqualTo(brute(p -> ageAtDiagnosis(p) == 55));
    // "women with C50 diagnosed from 2016 on, aged 40-59 at diagnosis"
    assertThat(
            count(
                "Patient?gender=female AND Condition?code:below=C50&onset-date=ge2016"
                    + " AND Patient?age-at-diagnosis=ge40&age-at-diagnosis=le59"))
        .isLessThanOrEqualTo(
            forties + count("Patient?age-at-diagnosis=ge50&age-at-diagnosis=lt60"));
    assertThat(count("Patient?age-at-diagnosis=ge60&age-at-diagnosis=lt40")).isZero();
  }

  @Test
  void badAgeValuesAreRefusedWithTheirName() {
    for (String bad : List.of("forty", "ge-1", "ap40", "le1000", "x", "")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> count("Patient?age-at-diagnosis=" + bad))
          .isInstanceOf(CriteriaException.class)
          .hasMessageContaining("age-at-diagnosis");
    }
  }

  @Test
  void observationsMatchCodeAndValueTogether() {
    assertThat(count("Observation?code=75186-7&value-concept=verstorben"))
        .isEqualTo(brute(token("Observation.code-value=75186-7|verstorben")));
    assertThat(count("Patient?deceased=true"))
        .isGreaterThanOrEqualTo(count("Observation?code=75186-7&value-concept=verstorben"));
  }

  @Test
  void samplesAndStrataAreConsistentWithTheTotal() {
    CountResult result =
        engine.count(
            CriteriaParser.parse(CATALOG, "Condition?code:below=C"),
            List.of(
                List.of(Stratifier.AGE_AT_DIAGNOSIS),
                List.of(Stratifier.SEX),
                List.of(Stratifier.SITE),
                List.of(Stratifier.VITAL_STATUS),
                List.of(Stratifier.AGE_AT_DIAGNOSIS, Stratifier.SEX, Stratifier.SITE)));
    for (CountResult.Stratification stratification : result.stratifications()) {
      assertThat(stratification.cells().values().stream().mapToInt(Cell::count).sum())
          .isEqualTo(result.patients().count());
      // cell keys add up like the counts: the strata partition the patients
      assertThat(stratification.cells().values().stream().mapToInt(Cell::key).sum())
          .isEqualTo(result.patients().key());
    }
    long allSamples =
        PATIENTS.stream()
            .filter(tokenPrefix("Condition.code=C"))
            .flatMap(p -> p.facts().tokens().stream())
            .filter("has=Specimen"::equals)
            .count();
    assertThat(result.samples().count()).isEqualTo(allSamples);

    CountResult blood =
        engine.count(CriteriaParser.parse(CATALOG, "Specimen?type=whole-blood"), List.of());
    long bloodSamples =
        PATIENTS.stream()
            .flatMap(p -> p.facts().tokens().stream())
            .filter("Specimen.type=whole-blood"::equals)
            .count();
    assertThat(blood.samples().count()).isEqualTo(bloodSamples).isPositive();
  }

  @Test
  void typeAndDateMatchOnTheSameSample() {
    Bundle bundle = new Bundle();
    bundle.addEntry().setResource(new Patient());
    for (String[] sample :
        new String[][] {{"whole-blood", "2010-01-01"}, {"blood-serum", "2020-01-01"}}) {
      Specimen specimen = new Specimen();
      specimen.getType().addCoding().setCode(sample[0]);
      specimen.getCollection().setCollected(new DateTimeType(sample[1]));
      bundle.addEntry().setResource(specimen);
    }
    CountIndex index = new CountIndex();
    index.add(new StoredFacts(1, "HD", new PatientFactsExtractor().extract(bundle), 7));
    CountEngine own = new CountEngine(index);
    assertThat(
            own.patients(
                CriteriaParser.parse(CATALOG, "Specimen?type=whole-blood&collected=ge2020")))
        .isZero();
    assertThat(
            own.patients(
                CriteriaParser.parse(
                    CATALOG, "Specimen?type=whole-blood AND Specimen?collected=ge2020")))
        .isEqualTo(1);
  }

  @Test
  void upsertAndDeleteAreFollowed() {
    CountIndex index = new CountIndex();
    CountEngine own = new CountEngine(index);
    PatientFacts male =
        new PatientFacts(List.of("sex=male", "has=Condition", "Condition.code=C61"));
    PatientFacts female = new PatientFacts(List.of("sex=female", "has=Condition"));
    index.apply(new StoredChange(5, "HD", null, male, 7));
    assertThat(own.patients(CriteriaParser.parse(CATALOG, "Condition?code=C61"))).isEqualTo(1);
    index.apply(new StoredChange(5, "HD", male, female, 7));
    assertThat(own.patients(CriteriaParser.parse(CATALOG, "Condition?code=C61"))).isZero();
    assertThat(own.patients(CriteriaParser.parse(CATALOG, "Patient?gender=female"))).isEqualTo(1);
    index.apply(new StoredChange(5, "HD", female, null, 7));
    assertThat(own.patients(CriteriaParser.parse(CATALOG, "Patient"))).isZero();
  }

  @Test
  void selectionsOfTheSamePatientsHaveTheSameCellKey() {
    Cell direct =
        engine
            .count(CriteriaParser.parse(CATALOG, "Condition?code:below=C50"), List.of())
            .patients();
    Cell rewritten =
        engine
            .count(
                CriteriaParser.parse(
                    CATALOG,
                    "Condition?code:below=C50,D99 AND Condition?code:below=C50 OR Condition?code=Z99"),
                List.of())
            .patients();
    assertThat(rewritten).isEqualTo(direct);
    Cell female =
        engine
            .count(
                CriteriaParser.parse(CATALOG, "Condition?code:below=C"),
                List.of(List.of(Stratifier.SEX)))
            .stratifications()
            .get(0)
            .cells()
            .get(List.of("female"));
    assertThat(
            engine
                .count(
                    CriteriaParser.parse(
                        CATALOG, "Condition?code:below=C AND Patient?gender=female"),
                    List.of())
                .patients())
        .isEqualTo(female);
  }

  @Test
  void strataListEveryValueEvenWithoutPatients() {
    CountResult none =
        engine.count(
            CriteriaParser.parse(CATALOG, "Condition?code=B20"),
            List.of(
                List.of(Stratifier.AGE_AT_DIAGNOSIS),
                List.of(Stratifier.SEX, Stratifier.VITAL_STATUS)));
    assertThat(none.patients()).isEqualTo(Cell.EMPTY);
    assertThat(none.stratifications().get(0).cells()).hasSize(14).containsKey(List.of("120"));
    assertThat(none.stratifications().get(1).cells())
        .hasSize(12)
        .allSatisfy((values, cell) -> assertThat(cell).isEqualTo(Cell.EMPTY));
    assertThat(engine.cells(List.of(Stratifier.AGE_AT_DIAGNOSIS, Stratifier.SEX))).isEqualTo(56);
  }
}
