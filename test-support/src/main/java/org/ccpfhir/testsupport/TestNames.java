package org.ccpfhir.testsupport;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Person names that no other test and no earlier run on a kept test database used. Letters, never
 * digits: the local patient list compares names by their Kölner Phonetik codes, which ignore
 * digits, so "Kornblume123" and "Kornblume456" born on the same day are one person to it — and a
 * second run of a test on the same database met the first run's people.
 */
public final class TestNames {

  private TestNames() {}

  /** {@code stem} followed by ten random lower-case letters. */
  public static String unique(String stem) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder name = new StringBuilder(stem);
    for (int i = 0; i < 10; i++) {
      name.append((char) ('a' + random.nextInt(26)));
    }
    return name.toString();
  }
}
