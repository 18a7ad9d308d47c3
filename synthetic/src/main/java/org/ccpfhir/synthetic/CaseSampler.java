package org.ccpfhir.synthetic;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.synthetic.PatientCase.Tnm;
import org.ccpfhir.synthetic.StagingScheme.Row;
import org.ccpfhir.synthetic.TumorEntity.Grading;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;

/**
 * Samples the diagnosis part of a {@link PatientCase} (who, what, when, how advanced) and hands the
 * treatment course to {@link CourseSampler}. One random stream per patient, derived from (seed,
 * site, index), so any patient can be generated on its own and always comes out the same.
 */
final class CaseSampler {

  static final LocalDate FIRST_DIAGNOSIS = LocalDate.of(2005, 1, 1);
  static final LocalDate LAST_DIAGNOSIS = LocalDate.of(2025, 6, 30);

  /** Data are "as of" this date: nothing happens after it, so output never depends on today. */
  static final LocalDate DATA_CUTOFF = LocalDate.of(2025, 12, 31);

  private static final String PSEUDONYM_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private final long seed;
  private final SiteProfile site;
  private final boolean withIdat;

  CaseSampler(long seed, SiteProfile site, boolean withIdat) {
    this.seed = seed;
    this.site = site;
    this.withIdat = withIdat;
  }

  PatientCase sample(int index) {
    SeededRandom rng = SeededRandom.derive(seed, site.code(), index, "case");
    TumorEntity entity = site.pickEntity(rng);
    TumorEntity.Site organ = rng.pickWeighted(entity.sites);
    AdministrativeGender gender =
        rng.chance(entity.maleShare) ? AdministrativeGender.MALE : AdministrativeGender.FEMALE;

    long span = ChronoUnit.DAYS.between(FIRST_DIAGNOSIS, LAST_DIAGNOSIS);
    LocalDate diagnosis = FIRST_DIAGNOSIS.plusDays((long) (rng.nextDouble() * span));
    int minAge = entity.ageMean < 45 ? 15 : 18;
    int age = (int) Math.round(clamp(entity.ageMean + entity.ageSd * rng.gaussian(), minAge, 95));
    LocalDate birth = diagnosis.minusYears(age).minusDays(rng.nextInt(365));

    String laterality = organ.paired() ? laterality(rng) : null;
    List<Weighted<String>> morphs =
        organ.morphologies().isEmpty() ? entity.morphologies : organ.morphologies();
    String morphology = rng.pickWeighted(morphs);
    String grading = grading(rng, entity.grading, morphology);
    int stage = rng.pickIndex(entity.stageWeights);

    CourseSampler course = new CourseSampler(rng, entity, stage, diagnosis);
    Tnm clinical = null;
    Tnm pathological = null;
    List<String> metastases = new ArrayList<>();
    if (entity.isTnmStaged()) {
      String version = tnmVersion(diagnosis);
      Row row = rng.pickWeighted(entity.staging.rows(stage));
      boolean hasPathology = course.surgery() != null && rng.chance(0.95);
      if (!hasPathology || rng.chance(0.6)) {
        clinical = clinical(rng, row, diagnosis.plusDays(rng.nextInt(10)), version);
      }
      if (hasPathology) {
        Row pRow = row;
        if (course.neoadjuvant() && stage > 0 && rng.chance(0.4)) {
          pRow = rng.pickWeighted(entity.staging.rows(stage - 1)); // response to neoadjuvant
        }
        LocalDate date = course.surgery().date().plusDays(rng.between(3, 10));
        pathological = pathological(rng, pRow, date, version, course.neoadjuvant());
      }
      Tnm leading = pathological != null ? pathological : clinical;
      if (leading.distantMetastasis()) {
        int count = Math.min(entity.metastasisSites.size(), rng.between(1, 3));
        List<String> pool = new ArrayList<>(entity.metastasisSites);
        for (int i = 0; i < count; i++) {
          metastases.add(pool.remove(rng.nextInt(pool.size())));
        }
      }
    }
    course.sampleRest(organ.topography());
    PatientCase.Idat idat =
        withIdat
            ? IdatSampler.sample(SeededRandom.derive(seed, site.code(), index, "idat"), gender)
            : null;
    return new PatientCase(
        index,
        pseudonym(index),
        gender,
        birth,
        course.deathDate(),
        entity,
        organ,
        laterality,
        diagnosis,
        String.valueOf(diagnosis.getYear()),
        morphology,
        grading,
        stage,
        clinical,
        pathological,
        List.copyOf(metastases),
        course.surgery(),
        course.radiotherapy(),
        course.systemicTherapies(),
        course.followUps(),
        course.samples(),
        idat);
  }

  /** 10 random-looking upper-case alphanumerics, from a stream of its own. */
  String pseudonym(int index) {
    SeededRandom rng = SeededRandom.derive(seed, site.code(), index, "pseudonym");
    StringBuilder sb = new StringBuilder(10);
    for (int i = 0; i < 10; i++) {
      sb.append(PSEUDONYM_ALPHABET.charAt(rng.nextInt(PSEUDONYM_ALPHABET.length())));
    }
    return sb.toString();
  }

  private static String laterality(SeededRandom rng) {
    double r = rng.nextDouble();
    return r < 0.48 ? "L" : r < 0.96 ? "R" : r < 0.98 ? "B" : "U";
  }

  private static String grading(SeededRandom rng, Grading kind, String morphology) {
    return switch (kind) {
      case SOLID ->
          rng.pickWeighted(
              List.of(
                  Weighted.of("1", 20),
                  Weighted.of("2", 45),
                  Weighted.of("3", 25),
                  Weighted.of("X", 10)));
      case BRAIN ->
          switch (morphology) {
            case "9440/3" -> "4";
            case "9401/3" -> "3";
            case "9400/3" -> "2";
            default -> rng.chance(0.5) ? "2" : "3";
          };
      case LYMPHOMA -> rng.chance(0.9) ? "B" : rng.chance(0.5) ? "T" : "X";
      case NONE -> null;
    };
  }

  private static String tnmVersion(LocalDate diagnosis) {
    int year = diagnosis.getYear();
    return year >= 2017 ? "8" : year >= 2010 ? "7" : "6";
  }

  private static Tnm clinical(SeededRandom rng, Row row, LocalDate date, String version) {
    String tPrefix = rng.chance(0.03) ? "u" : "c";
    return new Tnm(
        false,
        date,
        version,
        row.stage(),
        rng.pick(row.t()),
        rng.pick(row.n()),
        rng.pick(row.m()),
        tPrefix,
        "c",
        "c",
        null,
        null,
        null);
  }

  private static Tnm pathological(
      SeededRandom rng, Row row, LocalDate date, String version, boolean afterNeoadjuvant) {
    String m = rng.pick(row.m());
    // M is usually clinical even in a pathological classification (cM0); proven M1 can be pM1
    String mPrefix = m.startsWith("1") && rng.chance(0.4) ? "p" : "c";
    String nPrefix = rng.chance(0.95) ? "p" : "c";
    return new Tnm(
        true,
        date,
        version,
        row.stage(),
        rng.pick(row.t()),
        rng.pick(row.n()),
        m,
        "p",
        nPrefix,
        mPrefix,
        afterNeoadjuvant ? "y" : null,
        rng.chance(0.02) ? "r" : null,
        rng.chance(0.03) ? "m" : null);
  }

  private static double clamp(double v, double min, double max) {
    return Math.max(min, Math.min(max, v));
  }
}
