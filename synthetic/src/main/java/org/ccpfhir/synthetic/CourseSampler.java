package org.ccpfhir.synthetic;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.synthetic.PatientCase.FollowUp;
import org.ccpfhir.synthetic.PatientCase.Radiotherapy;
import org.ccpfhir.synthetic.PatientCase.Sample;
import org.ccpfhir.synthetic.PatientCase.Surgery;
import org.ccpfhir.synthetic.PatientCase.SystemicTherapy;

/**
 * Samples the course after diagnosis: surgery (decided first, because the pathological TNM depends
 * on it), then death, radio- and systemic therapy, follow-ups and biosamples. Everything is cut at
 * the death date or {@link CaseSampler#DATA_CUTOFF}.
 */
final class CourseSampler {

  private static final double[] FATALITY_BY_STAGE = {0.3, 0.58, 1.0, 1.8};

  private final SeededRandom rng;
  private final TumorEntity entity;
  private final int stage;
  private final LocalDate diagnosis;
  private final boolean neoadjuvant;
  private final Surgery surgery;
  private LocalDate neoStart;
  private LocalDate neoEnd;
  private LocalDate deathDate;
  private LocalDate end;
  private Radiotherapy radiotherapy;
  private final List<SystemicTherapy> systemic = new ArrayList<>();
  private List<FollowUp> followUps = List.of();
  private List<Sample> samples = List.of();

  CourseSampler(SeededRandom rng, TumorEntity entity, int stage, LocalDate diagnosis) {
    this.rng = rng;
    this.entity = entity;
    this.stage = stage;
    this.diagnosis = diagnosis;
    boolean hasOp = rng.chance(entity.op[stage]);
    boolean neo = hasOp && (stage == 1 || stage == 2) && rng.chance(entity.neoadjuvant);
    LocalDate opDate = diagnosis.plusDays(rng.between(7, 45));
    if (neo) {
      neoStart = diagnosis.plusDays(rng.between(14, 28));
      neoEnd = neoStart.plusDays(rng.between(90, 150));
      LocalDate afterNeo = neoEnd.plusDays(rng.between(21, 42));
      if (afterNeo.isBefore(CaseSampler.DATA_CUTOFF.minusDays(30))) {
        opDate = afterNeo;
      } else {
        neo = false; // too close to the cut-off for a neoadjuvant course
      }
    }
    this.neoadjuvant = neo;
    this.surgery = hasOp ? surgery(opDate) : null;
  }

  private Surgery surgery(LocalDate date) {
    String intention =
        stage == 3
            ? pick("P", 70, "K", 20, "D", 10)
            : pick("K", 90, "D", 4, "P", 3, "S", 1, "X", 2);
    String local =
        stage == 3
            ? pick("R0", 40, "R1", 20, "R2", 30, "RX", 10)
            : pick("R0", 85, "R1", 8, "R2", 2, "RX", 5);
    // the overall assessment includes distant metastases left in place
    String total = stage == 3 && local.equals("R0") && rng.chance(0.5) ? "R2" : local;
    String ops = entity.opsCodes.isEmpty() ? null : rng.pick(entity.opsCodes);
    return new Surgery(date, intention, ops, local, total);
  }

  boolean neoadjuvant() {
    return neoadjuvant;
  }

  Surgery surgery() {
    return surgery;
  }

  void sampleRest(String topography) {
    sampleDeath();
    end = deathDate != null ? deathDate : CaseSampler.DATA_CUTOFF;
    sampleTherapies();
    followUps =
        new FollowUpSampler(rng, stage, deathDate != null).sample(diagnosis, primaryEnd(), end);
    if (rng.chance(0.4)) {
      samples = new SpecimenSampler(rng).sample(entity, surgery, diagnosis, end, topography);
    }
  }

  private void sampleDeath() {
    double p = Math.min(0.97, entity.fatality * FATALITY_BY_STAGE[stage]);
    if (!rng.chance(p)) {
      return;
    }
    double median = entity.medianSurvivalYears * (stage == 3 ? 0.6 : 1.0);
    long days = Math.max(45, Math.round(rng.exponentialWithMedian(median) * 365.25));
    LocalDate death = diagnosis.plusDays(days);
    if (surgery != null && !death.isAfter(surgery.date().plusDays(30))) {
      death = surgery.date().plusDays(rng.between(30, 120));
    }
    if (death.isBefore(CaseSampler.DATA_CUTOFF)) {
      deathDate = death;
    }
  }

  private void sampleTherapies() {
    String intention = stage == 3 ? pick("P", 85, "K", 10, "X", 5) : pick("K", 92, "S", 3, "X", 5);
    boolean neoChemo = false;
    if (neoadjuvant) {
      neoChemo = !entity.chemoRegimens.isEmpty() && rng.chance(0.8);
      boolean neoRt = rng.chance(entity.rt[stage]) || !neoChemo;
      if (neoChemo) {
        addSystemic("CH", neoStart, neoEnd, intention, "N", rng.pick(entity.chemoRegimens));
      }
      if (neoRt) {
        LocalDate start = neoStart.plusDays(rng.between(0, 14));
        addRadiotherapy(start, start.plusDays(rng.between(28, 42)), intention, "N");
      }
    }
    LocalDate base =
        surgery != null
            ? surgery.date().plusDays(rng.between(28, 56))
            : diagnosis.plusDays(rng.between(14, 35));
    String relation = surgery != null ? "A" : "O";
    if (radiotherapy == null && rng.chance(entity.rt[stage])) {
      LocalDate start = base.plusDays(rng.between(0, 14));
      addRadiotherapy(start, start.plusDays(rng.between(28, 49)), intention, relation);
    }
    LocalDate afterChemo = base;
    if (!neoChemo && !entity.chemoRegimens.isEmpty() && rng.chance(entity.chemo[stage])) {
      afterChemo = base.plusDays(rng.between(90, 180));
      addSystemic("CH", base, afterChemo, intention, relation, rng.pick(entity.chemoRegimens));
    }
    if (!entity.hormoneRegimens.isEmpty() && rng.chance(entity.hormone[stage])) {
      addSystemic(
          "HO",
          afterChemo,
          afterChemo.plusDays(1826),
          intention,
          relation,
          rng.pick(entity.hormoneRegimens));
    }
    if (!entity.immunoRegimens.isEmpty() && rng.chance(entity.immuno[stage])) {
      addSystemic(
          "IM",
          base,
          base.plusDays(rng.between(180, 365)),
          intention,
          relation,
          rng.pick(entity.immunoRegimens));
    }
    if (!entity.targetedRegimens.isEmpty() && rng.chance(entity.targeted)) {
      addSystemic(
          "ZS",
          base,
          base.plusDays(rng.between(180, 720)),
          intention,
          relation,
          rng.pick(entity.targetedRegimens));
    }
    if (rng.chance(entity.stemCell)) {
      LocalDate start = afterChemo.plusDays(rng.between(30, 90));
      TumorEntity.Regimen sct =
          new TumorEntity.Regimen(
              rng.chance(0.7)
                  ? "Autologe Stammzelltransplantation"
                  : "Allogene Stammzelltransplantation",
              null);
      addSystemic("SZ", start, start.plusDays(rng.between(1, 7)), intention, relation, sct);
    }
  }

  private void addRadiotherapy(LocalDate start, LocalDate stop, String intention, String rel) {
    if (start.isAfter(end)) {
      return;
    }
    radiotherapy = new Radiotherapy(start, clip(stop), intention, rel);
  }

  private void addSystemic(
      String category,
      LocalDate start,
      LocalDate stop,
      String intention,
      String relation,
      TumorEntity.Regimen regimen) {
    if (start.isAfter(end)) {
      return;
    }
    systemic.add(new SystemicTherapy(category, start, clip(stop), intention, relation, regimen));
  }

  /** Ongoing therapies have no end; therapies of patients who died stop at the death date. */
  private LocalDate clip(LocalDate stop) {
    if (!stop.isAfter(end)) {
      return stop;
    }
    return deathDate != null ? deathDate : null;
  }

  /** End of the primary treatment, ignoring long maintenance therapies. */
  private LocalDate primaryEnd() {
    LocalDate last = surgery != null ? surgery.date() : diagnosis;
    LocalDate limit = diagnosis.plusDays(365);
    if (radiotherapy != null && radiotherapy.end() != null) {
      last = later(last, radiotherapy.end());
    }
    for (SystemicTherapy s : systemic) {
      LocalDate stop = s.end() != null ? s.end() : s.start();
      if (!stop.isAfter(limit)) {
        last = later(last, stop);
      }
    }
    return last.isBefore(end) ? last : diagnosis;
  }

  /** Picks from alternating code/weight pairs. */
  private String pick(Object... codeWeightPairs) {
    List<Weighted<String>> items = new ArrayList<>();
    for (int i = 0; i < codeWeightPairs.length; i += 2) {
      items.add(
          Weighted.of(
              (String) codeWeightPairs[i], ((Number) codeWeightPairs[i + 1]).doubleValue()));
    }
    return rng.pickWeighted(items);
  }

  private static LocalDate later(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  LocalDate deathDate() {
    return deathDate;
  }

  Radiotherapy radiotherapy() {
    return radiotherapy;
  }

  List<SystemicTherapy> systemicTherapies() {
    return List.copyOf(systemic);
  }

  List<FollowUp> followUps() {
    return followUps;
  }

  List<Sample> samples() {
    return samples;
  }

  static long days(LocalDate from, LocalDate to) {
    return ChronoUnit.DAYS.between(from, to);
  }
}
