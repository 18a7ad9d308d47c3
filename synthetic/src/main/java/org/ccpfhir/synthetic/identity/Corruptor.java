package org.ccpfhir.synthetic.identity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * FEBRL-style corruption of identities. Two mixes:
 *
 * <ul>
 *   <li>{@link #corrupt(SyntheticIdentity)}: the standard mix, one corruption per copy, chosen
 *       uniformly from keyboard-neighbour typo, spelling variant (ß/ss, umlaut/ae), swapped first
 *       and last name, marriage (new last name, the old one kept as former name), a missing field,
 *       day and month swapped.
 *   <li>{@link #realistic(SyntheticIdentity)}: 0–3 corruptions per copy at the rates of {@link
 *       #REALISTIC_COUNTS} and {@link Kind#realisticWeight()} (sources and reasoning:
 *       bench/README.md, "The realistic mix").
 * </ul>
 */
public final class Corruptor {

  /** The kinds of corruption. */
  public enum Kind {
    /** Keyboard-neighbour typo in the last name. */
    TYPO(14),
    /** ß/ss, umlaut/ae (the normaliser folds these), else a German spelling variant. */
    SPELLING_VARIANT(6),
    /** First and last name exchanged. */
    SWAPPED_NAMES(6),
    /** A new last name, the old one kept as former name. */
    MARRIAGE(6),
    /** An optional field dropped (sex; the real path requires names and birth date). */
    MISSING_FIELD(8),
    /** Day and month exchanged. */
    DAY_MONTH_SWAP(6),
    /** Keyboard-neighbour typo in the first name. */
    FIRST_NAME_TYPO(12),
    /** A phonetic spelling of the last name: Meier/Mayer/Maier, Schmidt/Schmitt, -mann/-man. */
    PHONETIC_VARIANT(12),
    /** Umlaut written without its e (Müller as Muller) or ß as s: not folded by the normaliser. */
    UMLAUT_DROPPED(4),
    /** A double last name recorded as one part, or one part added (Müller-Schmidt / Müller). */
    DOUBLE_NAME(5),
    /** A new last name with the former name not recorded (name change the site never saw). */
    NAME_CHANGE_UNRECORDED(2),
    /** One digit of the birth day wrong (a neighbouring digit on the keypad, or off by one). */
    DAY_DIGIT(6),
    /** One digit of the birth year wrong, or its last two digits exchanged (1965 / 1956). */
    YEAR_DIGIT(8),
    /** Only the first of two first names recorded (Anna Maria / Anna). */
    FIRST_NAME_SHORTENED(5);

    private final int realisticWeight;

    Kind(int realisticWeight) {
      this.realisticWeight = realisticWeight;
    }

    /** Relative frequency of this kind in the realistic mix (percent, they sum to 100). */
    public int realisticWeight() {
      return realisticWeight;
    }
  }

  /** The kinds of the standard one-corruption mix (unchanged since the first benchmark). */
  public static final List<Kind> STANDARD =
      List.of(
          Kind.TYPO,
          Kind.SPELLING_VARIANT,
          Kind.SWAPPED_NAMES,
          Kind.MARRIAGE,
          Kind.MISSING_FIELD,
          Kind.DAY_MONTH_SWAP);

  /** Share of copies (percent) with 0, 1, 2 and 3 corruptions in the realistic mix. */
  public static final int[] REALISTIC_COUNTS = {40, 35, 17, 8};

  /** A copy of the realistic mix with the corruptions applied to it. */
  public record Corrupted(SyntheticIdentity copy, List<Kind> kinds) {}

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
      case FIRST_NAME_TYPO -> withFirst(person, typo(person.firstName()));
      case PHONETIC_VARIANT -> withLast(person, phonetic(person.lastName()));
      case UMLAUT_DROPPED -> {
        String dropped = umlautDropped(person.lastName());
        // a name without umlaut or ß: the registrar mistyped it instead (every kind changes data)
        yield withLast(person, dropped.equals(person.lastName()) ? typo(dropped) : dropped);
      }
      case DOUBLE_NAME -> withLast(person, doubleName(person.lastName()));
      case NAME_CHANGE_UNRECORDED ->
          new SyntheticIdentity(
              person.personId(),
              person.firstName(),
              NEW_NAMES[random.nextInt(NEW_NAMES.length)],
              person.formerNames(),
              person.birthDate(),
              person.sex());
      case DAY_DIGIT -> withBirth(person, dayDigit(person.birthDate()));
      case YEAR_DIGIT -> withBirth(person, yearDigit(person.birthDate()));
      case FIRST_NAME_SHORTENED -> withFirst(person, shortened(person.firstName()));
    };
  }

  /** One corruption of the standard mix. */
  public SyntheticIdentity corrupt(SyntheticIdentity person) {
    return corrupt(person, STANDARD.get(random.nextInt(STANDARD.size())));
  }

  /**
   * A copy with 0–3 corruptions of the realistic mix, each kind at most once, applied one after the
   * other.
   */
  public Corrupted realistic(SyntheticIdentity person) {
    int count = pick(REALISTIC_COUNTS);
    List<Kind> kinds = new ArrayList<>();
    SyntheticIdentity copy = person;
    int[] weights = new int[Kind.values().length];
    for (Kind kind : Kind.values()) {
      weights[kind.ordinal()] = kind.realisticWeight();
    }
    while (kinds.size() < count) {
      Kind kind = Kind.values()[pick(weights)];
      weights[kind.ordinal()] = 0;
      kinds.add(kind);
      copy = corrupt(copy, kind);
    }
    return new Corrupted(copy, List.copyOf(kinds));
  }

  private int pick(int[] weights) {
    int total = 0;
    for (int weight : weights) {
      total += weight;
    }
    int at = random.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      at -= weights[i];
      if (at < 0) {
        return i;
      }
    }
    throw new IllegalStateException();
  }

  private static final String[] NEW_NAMES = {
    "Becker", "Hartmann", "Lorenz", "Vogel", "Brandt", "Kuhn", "Engel"
  };

  /** Groups of last names pronounced alike (Kölner Phonetik gives each group one code). */
  private static final String[][] PHONETIC_GROUPS = {
    {"Meier", "Mayer", "Maier", "Meyer", "Mayr"},
    {"Schmidt", "Schmitt", "Schmid", "Schmitz"},
    {"Schneider", "Schnaider", "Schneyder"},
    {"Fischer", "Fischer", "Vischer"},
    {"Hoffmann", "Hofmann", "Hoffman"},
    {"Schäfer", "Schaefer", "Schaeffer", "Schäffer"},
    {"Wagner", "Waagner"},
    {"Becker", "Bäcker", "Böcker"},
    {"Koch", "Koh"},
    {"Richter", "Richtar"},
    {"Klein", "Kleinn", "Klain"},
    {"Wolf", "Wolff", "Wulf"},
    {"Neumann", "Naumann", "Neuman"},
    {"Schwarz", "Schwartz", "Schwarts"},
    {"Zimmermann", "Zimmerman"},
    {"Krüger", "Krueger", "Krieger"},
    {"Hartmann", "Hartman"},
    {"Lange", "Lang"},
    {"Werner", "Verner"},
    {"Köhler", "Koehler", "Kohler"},
    {"Walter", "Walther"},
    {"Peters", "Petersen", "Peterson"},
    {"Friedrich", "Friederich", "Fridrich"},
    {"Keller", "Keler"},
    {"Günther", "Günter", "Gunther"},
    {"Frank", "Franck"},
    {"Berger", "Bergér"},
    {"Kaiser", "Keiser", "Kayser", "Keyser"},
    {"Fuchs", "Fux"},
    {"Vogel", "Fogel"},
    {"Jäger", "Jaeger", "Jeger"},
    {"Seidel", "Seidl", "Seydel"},
    {"Heinrich", "Heinrichs", "Hinrich"},
    {"Brandt", "Brand", "Brant"},
    {"Haas", "Haase", "Hase"},
    {"Schulz", "Schulze", "Schultz", "Schulte"},
    {"Thomas", "Tomas"},
    {"Philipp", "Philip", "Filip"},
  };

  private static final String[][] SOUND_ALIKE = {
    {"ei", "ai"},
    {"ai", "ei"},
    {"ey", "ei"},
    {"dt", "tt"},
    {"tt", "dt"},
    {"th", "t"},
    {"ph", "f"},
    {"ck", "k"},
    {"tz", "z"},
    {"mm", "m"},
    {"nn", "n"},
    {"ff", "f"},
    {"ll", "l"},
    {"ss", "s"},
    {"ie", "i"},
    {"v", "f"},
    {"c", "k"},
    {"y", "i"},
    {"mann", "man"}
  };

  private String phonetic(String name) {
    for (String[] group : PHONETIC_GROUPS) {
      for (String member : group) {
        if (member.equalsIgnoreCase(name)) {
          String other = member;
          while (other.equals(member)) {
            other = group[random.nextInt(group.length)];
          }
          return other;
        }
      }
    }
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    for (String[] pair : SOUND_ALIKE) {
      int at = lower.indexOf(pair[0], 1);
      if (at > 0) {
        return name.substring(0, at) + pair[1] + name.substring(at + pair[0].length());
      }
    }
    return name + "h"; // a silent h: Bert / Berth
  }

  private static String umlautDropped(String name) {
    String changed =
        name.replace("ä", "a")
            .replace("ö", "o")
            .replace("ü", "u")
            .replace("Ä", "A")
            .replace("Ö", "O")
            .replace("Ü", "U")
            .replace("ß", "s");
    return changed.equals(name)
        ? name.replace("ae", "a").replace("oe", "o").replace("ue", "u")
        : changed;
  }

  private String doubleName(String name) {
    int dash = name.indexOf('-');
    if (dash > 0) {
      return random.nextBoolean() ? name.substring(0, dash) : name.substring(dash + 1);
    }
    return name + "-" + NEW_NAMES[random.nextInt(NEW_NAMES.length)];
  }

  private String shortened(String first) {
    int space = first.indexOf(' ');
    if (space > 0) {
      return first.substring(0, space);
    }
    return typo(first); // a single first name: the registrar mistyped it instead
  }

  private static final String[] KEYPAD = {
    "23", "13", "12", "56", "46", "45", "89", "79", "78", "0"
  };

  private LocalDate dayDigit(LocalDate date) {
    for (int attempt = 0; attempt < 10; attempt++) {
      String day = String.format("%02d", date.getDayOfMonth());
      int position = random.nextInt(2);
      String options = KEYPAD[(day.charAt(position) - '0' + 9) % 10];
      char digit = options.charAt(random.nextInt(options.length()));
      String changed = position == 0 ? digit + day.substring(1) : day.substring(0, 1) + digit;
      int value = Integer.parseInt(changed);
      if (value >= 1 && value <= date.lengthOfMonth() && value != date.getDayOfMonth()) {
        return date.withDayOfMonth(value);
      }
    }
    return date.getDayOfMonth() < date.lengthOfMonth() ? date.plusDays(1) : date.minusDays(1);
  }

  private LocalDate yearDigit(LocalDate date) {
    int year = date.getYear();
    int tens = year / 10 % 10;
    int ones = year % 10;
    if (tens != ones && random.nextBoolean()) {
      return safeYear(date, year - 10 * tens - ones + 10 * ones + tens); // 1965 -> 1956
    }
    int position = random.nextBoolean() ? 1 : 10; // the last or the decade digit
    int digit = year / position % 10;
    int other = digit;
    while (other == digit) {
      other = random.nextInt(10);
    }
    return safeYear(date, year + (other - digit) * position);
  }

  private static LocalDate safeYear(LocalDate date, int year) {
    LocalDate first = LocalDate.of(year, date.getMonthValue(), 1);
    return first.withDayOfMonth(Math.min(date.getDayOfMonth(), first.lengthOfMonth()));
  }

  private SyntheticIdentity married(SyntheticIdentity person) {
    List<String> former = new ArrayList<>(person.formerNames());
    former.add(person.lastName());
    return new SyntheticIdentity(
        person.personId(),
        person.firstName(),
        NEW_NAMES[random.nextInt(NEW_NAMES.length)],
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

  private static SyntheticIdentity withFirst(SyntheticIdentity p, String first) {
    return new SyntheticIdentity(
        p.personId(), first, p.lastName(), p.formerNames(), p.birthDate(), p.sex());
  }

  private static SyntheticIdentity withBirth(SyntheticIdentity p, LocalDate birth) {
    return new SyntheticIdentity(
        p.personId(), p.firstName(), p.lastName(), p.formerNames(), birth, p.sex());
  }
}
