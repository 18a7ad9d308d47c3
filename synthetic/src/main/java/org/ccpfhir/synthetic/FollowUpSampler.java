package org.ccpfhir.synthetic;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.synthetic.PatientCase.FollowUp;

/**
 * 1–4 follow-ups between the end of primary treatment and death / data cut-off, with a status
 * trajectory that fits the patient's fate: remission for cured patients, recurrence or progression
 * before death, stable or progressive disease for stage IV.
 */
final class FollowUpSampler {

  private final SeededRandom rng;
  private final int stage;
  private final boolean dies;

  FollowUpSampler(SeededRandom rng, int stage, boolean dies) {
    this.rng = rng;
    this.stage = stage;
    this.dies = dies;
  }

  List<FollowUp> sample(LocalDate diagnosis, LocalDate primaryEnd, LocalDate end) {
    List<LocalDate> dates = new ArrayList<>();
    int target = rng.between(1, 4);
    LocalDate date = primaryEnd.plusDays(rng.between(60, 120));
    while (dates.size() < target && date.isBefore(end)) {
      dates.add(date);
      date = date.plusDays(rng.between(90, 365));
    }
    if (dates.isEmpty()) {
      long span = CourseSampler.days(diagnosis, end);
      dates.add(diagnosis.plusDays(Math.max(1, span / 2)));
    }
    int k = dates.size();
    // index of the first bad event (recurrence / progression), or k if none
    int firstEvent = k;
    if (dies) {
      firstEvent = k == 1 ? 0 : rng.between(Math.max(0, k - 2), k - 1);
    } else if (rng.chance(stage == 3 ? 0.3 : 0.06)) {
      firstEvent = rng.nextInt(k);
    }
    String recurrence = rng.chance(0.4) ? "local" : rng.chance(0.33) ? "nodes" : "distant";
    List<FollowUp> result = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      if (rng.chance(0.03)) {
        result.add(new FollowUp(dates.get(i), rng.chance(0.5) ? "U" : "X", "X", "X", "X"));
      } else if (i < firstEvent) {
        result.add(stable(dates.get(i)));
      } else if (i == firstEvent) {
        result.add(firstEvent(dates.get(i), recurrence));
      } else {
        result.add(progressing(dates.get(i), recurrence));
      }
    }
    return List.copyOf(result);
  }

  private FollowUp stable(LocalDate date) {
    if (stage == 3) {
      String overall = rng.pick("T", "K", "B", "K");
      return new FollowUp(date, overall, rng.pick("T", "N", "K"), rng.pick("T", "N"), "N");
    }
    if (rng.chance(0.08)) {
      return new FollowUp(date, "R", "F", "K", "K");
    }
    return new FollowUp(date, "V", "K", "K", "K");
  }

  private FollowUp firstEvent(LocalDate date, String recurrence) {
    if (stage == 3) {
      return new FollowUp(date, "P", rng.pick("P", "N"), rng.pick("P", "N"), "P");
    }
    return switch (recurrence) {
      case "local" -> new FollowUp(date, "Y", "R", "K", "K");
      case "nodes" -> new FollowUp(date, "Y", "K", "R", "K");
      default -> new FollowUp(date, "P", "K", "K", "R");
    };
  }

  private FollowUp progressing(LocalDate date, String recurrence) {
    if (stage == 3) {
      return new FollowUp(date, "P", "P", rng.pick("P", "N"), "P");
    }
    return switch (recurrence) {
      case "local" -> new FollowUp(date, "P", "P", rng.pick("K", "R"), rng.pick("K", "R"));
      case "nodes" -> new FollowUp(date, "P", "K", "P", rng.pick("K", "R"));
      default -> new FollowUp(date, "P", "K", rng.pick("K", "R"), "P");
    };
  }
}
