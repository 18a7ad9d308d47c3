package org.ccpfhir.synthetic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.synthetic.PatientCase.Sample;
import org.ccpfhir.synthetic.PatientCase.Surgery;

/**
 * Biosamples of a patient who has any: tissue from the surgery, blood (and derivatives) around
 * diagnosis, bone marrow for haematological entities.
 */
final class SpecimenSampler {

  private final SeededRandom rng;
  private final List<Sample> samples = new ArrayList<>();

  SpecimenSampler(SeededRandom rng) {
    this.rng = rng;
  }

  List<Sample> sample(
      TumorEntity entity, Surgery surgery, LocalDate diagnosis, LocalDate end, String topography) {
    boolean haematological = entity.opsCodes.isEmpty();
    if (surgery != null && !haematological) {
      LocalDate date = surgery.date();
      add("tumor-tissue-ffpe", 0.85, date, topography);
      add("normal-tissue-ffpe", 0.3, date, topography);
      add("tumor-tissue-frozen", 0.35, date, topography);
      add("normal-tissue-frozen", 0.15, date, topography);
    }
    LocalDate blood = diagnosis.plusDays(rng.between(0, 14));
    if (blood.isAfter(end)) {
      blood = diagnosis;
    }
    add("whole-blood", haematological ? 0.7 : 0.4, blood, null);
    if (haematological) {
      add("bone-marrow", 0.4, blood, null);
    }
    add("blood-serum", 0.35, blood, null);
    add("blood-plasma", 0.35, blood, null);
    add("dna", 0.2, blood, null);
    add("rna", 0.1, blood, null);
    if (samples.isEmpty()) {
      samples.add(new Sample("whole-blood", blood, null));
    }
    return List.copyOf(samples);
  }

  private void add(String type, double p, LocalDate date, String topography) {
    if (rng.chance(p)) {
      samples.add(new Sample(type, date, topography));
    }
  }
}
