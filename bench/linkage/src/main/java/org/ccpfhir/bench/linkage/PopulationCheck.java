package org.ccpfhir.bench.linkage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ccpfhir.identity.controlnumber.ControlNumberMatcher;
import org.ccpfhir.identity.controlnumber.ControlNumbers;
import org.ccpfhir.identity.controlnumber.LshBlockingIndex;
import org.ccpfhir.synthetic.identity.IdentityGenerator;
import org.ccpfhir.synthetic.identity.SyntheticIdentity;

/**
 * {@code central-linkage.sh population}: which pairs of different generated people the central
 * list's matcher would link — the false matches a linkage run can make before any corruption.
 */
final class PopulationCheck {

  private PopulationCheck() {}

  /**
   * How many people of the generated population share first name, last name and birth date with
   * someone else: no linkage on these fields can tell such people apart.
   */
  static void run(int people, long seed) {
    Map<String, Integer> seen = new HashMap<>();
    for (SyntheticIdentity person : new IdentityGenerator(seed).people(people)) {
      seen.merge(
          LinkageBench.record(person).fields().entrySet().stream()
              .filter(e -> e.getKey() != org.ccpfhir.identity.idat.IdatField.SEX)
              .map(Map.Entry::toString)
              .sorted()
              .toList()
              .toString(),
          1,
          Integer::sum);
    }
    long duplicates = seen.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
    List<SyntheticIdentity> all = new IdentityGenerator(seed).people(people);
    List<ControlNumbers> numbers =
        all.parallelStream()
            .map(p -> CentralLinkageBench.ENCODER.encode(LinkageBench.record(p)))
            .toList();
    LshBlockingIndex index = new LshBlockingIndex(40, 5, 5);
    ControlNumberMatcher matcher = ControlNumberMatcher.withDefaults();
    int closePairs = 0;
    for (int i = 0; i < all.size(); i++) {
      for (int j : index.candidates(numbers.get(i))) {
        ControlNumberMatcher.Result result = matcher.compare(numbers.get(i), numbers.get(j));
        if (result.classification() == org.ccpfhir.identity.linkage.LinkageClass.MATCH) {
          closePairs++;
          if (closePairs <= 5) {
            System.out.printf(
                "different people scoring %.3f: %s | %s  %s%n",
                result.score(), all.get(i), all.get(j), result.similarities());
          }
        }
      }
      index.add(i, numbers.get(i));
    }
    System.out.printf("pairs of different people classified as a match: %d%n", closePairs);
    System.out.printf(
        "population: people=%d seed=%d people sharing first+last name and birth date with an"
            + " earlier one: %d%n",
        people, seed, duplicates);
  }
}
