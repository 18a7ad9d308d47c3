package org.ccpfhir.identity.idat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Brings the spellings of one name together before comparison: case, umlauts and ß (ä → ae, ß →
 * ss), accents, punctuation and repeated spaces; academic titles (Dr., Prof., Dipl.-Ing. …) and
 * name particles (von, van, de, zu …) are dropped as long as a name remains — registries record
 * "von Müller", "Müller, von" and "Müller" for the same person, and "Phil" alone is a first name.
 */
public final class NameNormalizer {

  private static final Set<String> TITLES =
      Set.of(
          "dr", "prof", "med", "dent", "vet", "rer", "nat", "phil", "jur", "habil", "dipl", "ing",
          "mag", "pd", "priv", "doz", "msc", "bsc", "phd", "mba");
  private static final Set<String> PARTICLES =
      Set.of(
          "von",
          "van",
          "vom",
          "zu",
          "zum",
          "zur",
          "der",
          "den",
          "de",
          "del",
          "della",
          "di",
          "da",
          "du",
          "des",
          "le",
          "la",
          "ten",
          "ter",
          "op",
          "freiherr",
          "freifrau",
          "graf",
          "graefin");

  private NameNormalizer() {}

  public static String normalize(String name) {
    String folded =
        name.toLowerCase(Locale.GERMAN)
            .replace("ä", "ae")
            .replace("ö", "oe")
            .replace("ü", "ue")
            .replace("ß", "ss");
    String plain = Normalizer.normalize(folded, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    String[] words = plain.replaceAll("[^a-z ]", " ").trim().split("\\s+");
    List<String> kept = new ArrayList<>();
    List<String> all = new ArrayList<>();
    for (String word : words) {
      if (word.isEmpty()) {
        continue;
      }
      all.add(word);
      if (!TITLES.contains(word) && !PARTICLES.contains(word)) {
        kept.add(word);
      }
    }
    return String.join(" ", kept.isEmpty() ? all : kept);
  }
}
