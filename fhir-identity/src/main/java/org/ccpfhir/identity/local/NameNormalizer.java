package org.ccpfhir.identity.local;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Brings the spellings of one name together before comparison: case, umlauts and ß (ä → ae, ß →
 * ss), accents, punctuation and repeated spaces.
 */
public final class NameNormalizer {

  private NameNormalizer() {}

  public static String normalize(String name) {
    String folded =
        name.toLowerCase(Locale.GERMAN)
            .replace("ä", "ae")
            .replace("ö", "oe")
            .replace("ü", "ue")
            .replace("ß", "ss");
    String plain = Normalizer.normalize(folded, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return plain.replaceAll("[^a-z ]", " ").replaceAll("\\s+", " ").trim();
  }
}
