package org.ccpfhir.bench.linkage;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ccpfhir.identity.controlnumber.ControlNumberMatcher;
import org.ccpfhir.identity.controlnumber.ControlNumbers;
import org.ccpfhir.identity.controlnumber.LshBlockingIndex;
import org.ccpfhir.identity.linkage.LinkageClass;
import org.ccpfhir.synthetic.identity.Corruptor;
import org.ccpfhir.synthetic.identity.IdentityGenerator;
import org.ccpfhir.synthetic.identity.SyntheticIdentity;

/**
 * {@code lost --people N}: the quality run's people and copies (same seeds, same encoding) through
 * the list's blocking and matcher alone, without database and pseudonyms, to see why a true pair is
 * lost after review — never a blocking candidate, scored below the review threshold, or a review
 * that pairs the copy with someone else — by corruption kind, with each lost copy's field levels
 * (made-up identities only).
 */
final class LostPairs {

  private LostPairs() {}

  static void run(int people, long seed, boolean verbose) {
    List<SyntheticIdentity> originals = new IdentityGenerator(seed).people(people);
    Corruptor corruptor = new Corruptor(seed + 1);
    ControlNumberMatcher matcher = ControlNumberMatcher.withDefaults();
    LshBlockingIndex index = new LshBlockingIndex(40, 5, 5);
    List<ControlNumbers> stored = new ArrayList<>();
    double[] scratch = ControlNumberMatcher.scratch();
    int mergedOriginals = 0;
    int newPersonReviews = 0;
    for (int i = 0; i < originals.size(); i++) {
      ControlNumbers numbers =
          CentralLinkageBench.ENCODER.encode(CentralLinkageBench.viaPatient(originals.get(i)));
      double bestNew = Double.NEGATIVE_INFINITY;
      int bestNewId = -1;
      for (int id : index.candidates(numbers)) {
        double score = matcher.score(numbers, stored.get(id), scratch);
        if (score > bestNew) {
          bestNew = score;
          bestNewId = id;
        }
      }
      if (bestNewId >= 0
          && matcher.compare(numbers, stored.get(bestNewId)).classification()
              == LinkageClass.POSSIBLE_MATCH) {
        newPersonReviews++;
      }
      if (bestNewId >= 0
          && matcher.compare(numbers, stored.get(bestNewId)).classification()
              == LinkageClass.MATCH) {
        mergedOriginals++; // two different people linked
        System.out.printf(
            "FALSE MATCH of originals: %s%n  and %s%n  %s%n",
            originals.get(i),
            originals.get(bestNewId),
            matcher.compare(numbers, stored.get(bestNewId)).weights());
      }
      stored.add(numbers);
      index.add(i, numbers);
    }
    int matched = 0;
    int reviews = 0;
    int wrongReviews = 0;
    int notCandidate = 0;
    int belowReview = 0;
    int falseMatches = 0;
    Map<Corruptor.Kind, int[]> lostByKind = new EnumMap<>(Corruptor.Kind.class);
    for (int i = 0; i < originals.size(); i++) {
      Corruptor.Corrupted corrupted = corruptor.realistic(originals.get(i));
      ControlNumbers copy =
          CentralLinkageBench.ENCODER.encode(CentralLinkageBench.viaPatient(corrupted.copy()));
      int best = -1;
      double bestScore = Double.NEGATIVE_INFINITY;
      boolean ownCandidate = false;
      for (int id : index.candidates(copy)) {
        ownCandidate |= id == i;
        double score = matcher.score(copy, stored.get(id), scratch);
        if (score > bestScore) {
          bestScore = score;
          best = id;
        }
      }
      LinkageClass verdict =
          best < 0
              ? LinkageClass.NON_MATCH
              : matcher.compare(copy, stored.get(best)).classification();
      String why;
      if (verdict == LinkageClass.MATCH && best == i) {
        matched++;
        continue;
      } else if (verdict == LinkageClass.MATCH) {
        falseMatches++;
        why = "FALSE MATCH";
      } else if (verdict == LinkageClass.POSSIBLE_MATCH && best == i) {
        reviews++;
        continue;
      } else if (verdict == LinkageClass.POSSIBLE_MATCH) {
        reviews++;
        wrongReviews++;
        why = ownCandidate ? "review of another (own candidate)" : "review of another";
      } else if (!ownCandidate) {
        notCandidate++;
        why = "never a candidate";
      } else {
        belowReview++;
        why = "below review";
      }
      for (Corruptor.Kind kind : corrupted.kinds()) {
        lostByKind.computeIfAbsent(kind, k -> new int[1])[0]++;
      }
      if (verbose) {
        ControlNumberMatcher.Result own = matcher.compare(copy, stored.get(i));
        System.out.printf(
            "%s: %s%n  copy %s%n  of   %s%n  own %.3f %s%n  best %.3f%n",
            why,
            corrupted.kinds(),
            corrupted.copy(),
            originals.get(i),
            own.score(),
            own.weights(),
            bestScore);
      }
    }
    System.out.printf(
        "lost-pair analysis: people=%d seed=%d originals merged=%d new people to review=%d matched=%d reviews=%d (of another %d) false=%d"
            + " never a candidate=%d below review=%d recall after review=%.4f review share=%.4f%n",
        people,
        seed,
        mergedOriginals,
        newPersonReviews,
        matched,
        reviews,
        wrongReviews,
        falseMatches,
        notCandidate,
        belowReview,
        (matched + reviews - wrongReviews) / (double) people,
        reviews / (double) people);
    lostByKind.forEach((kind, n) -> System.out.printf("  lost with %-22s %d%n", kind, n[0]));
  }
}
