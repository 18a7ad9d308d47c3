package org.ccpfhir.synthetic.identity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * FEBRL-style corruption of identities, one corruption per copy, chosen from a standard mix:
 * keyboard-neighbour typo, spelling variant (ß/ss, umlaut/ae), swapped first and last name,
 * marriage (new last name, the old one kept as former name), a missing field, day and month
 * swapped.
 */
public final class Corruptor {

  /** The kinds of corruption. */
  public enum Kind {
    TYPO,
    SPELLING_VARIANT,
    SWAPPED_NAMES,
    MARRIAGE,
    MISSING_FIELD,
    DAY_MONTH_SWAP
  }

  private static final Map<Character, String> NEIGHBOURS =
      Map.ofEntries(
          Map.entry('a', "sq"),
          Map.entry('b', "vn"),
          Map.entry('c', "xv"),
          Map.entry('d', "sf"),
          Map.entry('e', "wr"),
          Map.entry('f', "dg"),
          Map.entry('g', "fh"),
          Map.entry('h', "gj"),
          Map.entry('i', "uo"),
          Map.entry('j', "hk"),
          Map.entry('k', "jl"),
          Map.entry('l', "kö"),
          Map.entry('m', "n"),
          Map.entry('n', "bm"),
          Map.entry('o', "ip"),
          Map.entry('p', "oü"),
          Map.entry('r', "et"),
          Map.entry('s', "ad"),
          Map.entry('t', "rz"),
          Map.entry('u', "zi"),
          Map.entry('v', "cb"),
          Map.entry('w', "qe"),
          Map.entry('z', "tu"));

  private final Random random;

  public Corruptor(long seed) {
    this.random = new Random(seed);
  }

  public SyntheticIdentity corrupt(SyntheticIdentity person, Kind kind) {
    return switch (kind) {
      case TYPO -> withLast(person, typo(person.lastName()));
      case SPELLING_VARIANT -> withLast(person, variant(person.lastName()));
      case SWAPPED_NAMES ->
          new SyntheticIdentity(
              person.personId(),
              person.lastName(),
              person.firstName(),
              person.formerNames(),
              person.birthDate(),
              person.sex());
      case MARRIAGE -> married(person);
      case MISSING_FIELD ->
          new SyntheticIdentity(
              person.personId(),
              person.firstName(),
              person.lastName(),
              person.formerNames(),
              person.birthDate(),
              null);
      case DAY_MONTH_SWAP -> withBirth(person, swapDayMonth(person.birthDate()));
    };
  }

  public SyntheticIdentity corrupt(SyntheticIdentity person) {
    return corrupt(person, Kind.values()[random.nextInt(Kind.values().length)]);
  }

  private SyntheticIdentity married(SyntheticIdentity person) {
    List<String> former = new ArrayList<>(person.formerNames());
    former.add(person.lastName());
    String[] newNames = {"Becker", "Hartmann", "Lorenz", "Vogel", "Brandt", "Kuhn", "Engel"};
    return new SyntheticIdentity(
        person.personId(),
        person.firstName(),
        newNames[random.nextInt(newNames.length)],
        former,
        person.birthDate(),
        person.sex());
  }

  private String typo(String name) {
    if (name.length() < 3) {
      return name;
    }
    int at = 1 + random.nextInt(name.length() - 1);
    char original = Character.toLowerCase(name.charAt(at));
    String options = NEIGHBOURS.getOrDefault(original, "e");
    char replacement = options.charAt(random.nextInt(options.length()));
    return name.substring(0, at) + replacement + name.substring(at + 1);
  }

  private String variant(String name) {
    String changed =
        name.replace("ß", "ss")
            .replace("ä", "ae")
            .replace("ö", "oe")
            .replace("ü", "ue")
            .replace("Ä", "Ae")
            .replace("Ö", "Oe")
            .replace("Ü", "Ue");
    if (!changed.equals(name)) {
      return changed;
    }
    for (String[] pair : VARIANTS) {
      if (name.contains(pair[0])) {
        return name.replaceFirst(pair[0], pair[1]);
      }
    }
    // no known variant: a doubled letter, as in Schmid / Schmidd
    return name + name.charAt(name.length() - 1);
  }

  private static final String[][] VARIANTS = {
    {"ei", "ey"},
    {"ey", "ei"},
    {"ai", "ay"},
    {"ph", "f"},
    {"mm", "m"},
    {"ck", "k"},
    {"tz", "z"},
    {"dt", "t"},
    {"th", "t"},
    {"ie", "i"},
    {"i", "y"}
  };

  private static LocalDate swapDayMonth(LocalDate date) {
    if (date.getDayOfMonth() > 12 || date.getDayOfMonth() == date.getMonthValue()) {
      return date.plusDays(1);
    }
    return LocalDate.of(date.getYear(), date.getDayOfMonth(), date.getMonthValue());
  }

  private static SyntheticIdentity withLast(SyntheticIdentity p, String last) {
    return new SyntheticIdentity(
        p.personId(), p.firstName(), last, p.formerNames(), p.birthDate(), p.sex());
  }

  private static SyntheticIdentity withBirth(SyntheticIdentity p, LocalDate birth) {
    return new SyntheticIdentity(
        p.personId(), p.firstName(), p.lastName(), p.formerNames(), birth, p.sex());
  }
}
