package org.ccpfhir.synthetic.identity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.datafaker.Faker;

/**
 * German-style identities from datafaker's German name lists, deterministic per seed: birth dates
 * between 1925 and 2005, both sexes, some double first names and some birth names.
 */
public final class IdentityGenerator {

  private final Random random;
  private final Faker faker;

  public IdentityGenerator(long seed) {
    this.random = new Random(seed);
    this.faker = new Faker(Locale.GERMANY, new Random(seed ^ 0x5DEECE66DL));
  }

  public List<SyntheticIdentity> people(int count) {
    List<SyntheticIdentity> people = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      people.add(person(i));
    }
    return people;
  }

  private SyntheticIdentity person(long id) {
    boolean female = random.nextBoolean();
    String first = faker.name().firstName();
    if (random.nextInt(10) == 0) {
      first = first + " " + faker.name().firstName();
    }
    String last = faker.name().lastName();
    List<String> former =
        female && random.nextInt(4) == 0 ? List.of(faker.name().lastName()) : List.of();
    LocalDate birth = LocalDate.of(1925, 1, 1).plusDays(random.nextInt(80 * 365));
    return new SyntheticIdentity(id, first, last, former, birth, female ? "female" : "male");
  }
}
