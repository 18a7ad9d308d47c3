package org.ccpfhir.bridgehead.export.anonymity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KAnonymizerTest {

  private static final List<Hierarchy> QIS =
      List.of(
          Hierarchies.age("age"),
          Hierarchies.keptOrSuppressed("sex"),
          Hierarchies.month("diagnosis-date"),
          Hierarchies.postcode("postcode"),
          Hierarchies.icd10("icd10"));

  private static final String[] CODES = {
    "C50.4", "C50.9", "C18.7", "C34.1", "C61", "C43.5", "C71.0", "C25.0", "D05.1", "C91.0"
  };

  /**
   * A table of a site: frequent entities and ages, a long tail of rare codes and missing values.
   */
  private static List<String[]> randomTable(Random random, int n) {
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(
          new String[] {
            random.nextInt(20) == 0 ? null : Integer.toString(30 + random.nextInt(60)),
            random.nextBoolean() ? "female" : "male",
            (2005 + random.nextInt(20)) + "-" + String.format("%02d", 1 + random.nextInt(12)),
            random.nextInt(3) == 0 ? null : Integer.toString(10000 + random.nextInt(89999)),
            CODES[Math.min(CODES.length - 1, (int) Math.abs(random.nextGaussian() * 3))]
          });
    }
    return rows;
  }

  /** Recomputes k-anonymity on the output, independently of the algorithm's bookkeeping. */
  private static void assertKAnonymous(Anonymization result, int k) {
    Map<List<String>, Integer> classes = new HashMap<>();
    for (String[] values : result.values()) {
      classes.merge(Arrays.asList(values), 1, Integer::sum);
    }
    assertThat(classes.values()).allSatisfy(size -> assertThat(size).isGreaterThanOrEqualTo(k));
    assertThat(result.loss().classes()).isEqualTo(classes.size());
  }

  @Test
  void randomTablesAreKAnonymousWithBoundedSuppression() {
    for (int seed = 0; seed < 40; seed++) {
      Random random = new Random(seed);
      int n = 5 + random.nextInt(400);
      int k = 1 + random.nextInt(10);
      double limit = random.nextInt(3) * 0.05;
      List<String[]> rows = randomTable(random, n);
      if (n < k) {
        continue;
      }

      Anonymization result = new KAnonymizer(k, limit).anonymise(QIS, rows);

      assertKAnonymous(result, k);
      assertThat(result.suppressed()).isLessThanOrEqualTo((int) Math.floor(limit * n));
      assertThat(result.keptRows().length + result.suppressed()).isEqualTo(n);
      assertThat(result.loss().suppressedShare()).isEqualTo((double) result.suppressed() / n);
      // every output value is the input value generalised to the reported level
      for (int i = 0; i < result.keptRows().length; i++) {
        String[] original = rows.get(result.keptRows()[i]);
        for (int q = 0; q < QIS.size(); q++) {
          assertThat(result.values().get(i)[q])
              .isEqualTo(QIS.get(q).generalise(original[q], result.levels()[q]));
        }
      }
    }
  }

  /** Records that fall into classes smaller than k when {@code rows} are generalised to levels. */
  private static int suppressedAt(List<String[]> rows, int[] levels, int k) {
    Map<List<String>, Integer> classes = new HashMap<>();
    for (String[] row : rows) {
      List<String> key = new ArrayList<>();
      for (int q = 0; q < levels.length; q++) {
        key.add(QIS.get(q).generalise(row[q], levels[q]));
      }
      classes.merge(key, 1, Integer::sum);
    }
    return classes.values().stream().filter(size -> size < k).mapToInt(Integer::intValue).sum();
  }

  @Test
  void noLessGeneralisedNodeWouldDo() {
    for (int seed = 100; seed < 120; seed++) {
      Random random = new Random(seed);
      int n = 20 + random.nextInt(300);
      int k = 2 + random.nextInt(8);
      List<String[]> rows = randomTable(random, n);
      int allowed = (int) Math.floor(0.05 * n);

      Anonymization result = new KAnonymizer(k, 0.05).anonymise(QIS, rows);

      assertThat(suppressedAt(rows, result.levels(), k)).isEqualTo(result.suppressed());
      for (int q = 0; q < QIS.size(); q++) {
        if (result.levels()[q] > 0) {
          int[] lower = result.levels().clone();
          lower[q]--;
          assertThat(suppressedAt(rows, lower, k))
              .as("seed %d, qi %d", seed, q)
              .isGreaterThan(allowed);
        }
      }
    }
  }

  @Test
  void kOfOneGeneralisesNothing() {
    List<String[]> rows = randomTable(new Random(7), 50);

    Anonymization result = new KAnonymizer(1, 0).anonymise(QIS, rows);

    assertThat(result.levels()).containsOnly(0);
    assertThat(result.suppressed()).isZero();
    assertThat(result.loss().generalisationHeight()).isZero();
    for (int i = 0; i < rows.size(); i++) {
      assertThat(result.values().get(i)[4])
          .isEqualTo(rows.get(i)[4] == null ? "unknown" : rows.get(i)[4]);
    }
  }

  @Test
  void aCohortSmallerThanKIsRefused() {
    List<String[]> rows = randomTable(new Random(3), 4);

    assertThatThrownBy(() -> new KAnonymizer(5, 0.05).anonymise(QIS, rows))
        .isInstanceOf(CohortTooSmallException.class)
        .hasMessageContaining("4 patients")
        .hasMessageContaining("k = 5");
  }

  @Test
  void distinctRecordsWithoutSuppressionEndInOneClass() {
    List<String[]> rows =
        List.of(
            new String[] {"31", "female", "2001-01", "11111", "C50.4"},
            new String[] {"52", "male", "2011-06", "55555", "C61"},
            new String[] {"74", "female", "2021-11", "99999", "E11.9"});

    Anonymization result = new KAnonymizer(3, 0).anonymise(QIS, rows);

    assertThat(result.keptRows()).hasSize(3);
    assertThat(result.loss().classes()).isEqualTo(1);
    assertThat(result.loss().discernibility()).isEqualTo(9);
    assertKAnonymous(result, 3);
  }

  @Test
  void aRareCodeIsSuppressedWhenTheLimitAllowsInsteadOfGeneralisingEveryone() {
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(new String[] {"60", "female", "2020-01", null, "C50.4"});
      rows.add(new String[] {"60", "male", "2020-01", null, "C61"});
    }
    rows.add(new String[] {"60", "male", "2020-01", null, "C96.2"});

    Anonymization result = new KAnonymizer(5, 0.05).anonymise(QIS, rows);

    assertThat(result.suppressed()).isEqualTo(1);
    assertThat(result.levels()).containsOnly(0);
    assertThat(result.values()).noneMatch(values -> values[4].equals("C96.2"));
    assertThat(new KAnonymizer(5, 0).anonymise(QIS, rows).levels()[4]).isGreaterThan(0);
  }

  @Test
  void theLossOfTheChosenNodeIsReported() {
    List<String[]> rows = randomTable(new Random(11), 200);

    Anonymization result = new KAnonymizer(5, 0.05).anonymise(QIS, rows);

    assertThat(result.loss().generalisationHeight()).isBetween(0.0, 1.0);
    assertThat(result.loss().averageClassSize()).isGreaterThanOrEqualTo(1.0);
    assertThat(result.loss().smallestClass()).isGreaterThanOrEqualTo(5);
    assertThat(result.loss().discernibility()).isGreaterThanOrEqualTo(200L * 5);
    assertThat(result.levelLabel(0)).isIn(QIS.get(0).levels());
  }

  @Test
  void invalidParametersAreRefused() {
    assertThatThrownBy(() -> new KAnonymizer(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KAnonymizer(2, 1.5)).isInstanceOf(IllegalArgumentException.class);
  }
}
