package org.ccpfhir.bridgehead.export.anonymity;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Category, block and chapter of an ICD-10 code. The blocks of chapter II (neoplasms) are those of
 * ICD-10-GM; codes of other chapters use their chapter as block, since the export generalises
 * tumour diagnoses and anything else is rare there.
 */
final class Icd10Groups {

  private static final Pattern CODE = Pattern.compile("([A-Z]\\d{2})(\\.[0-9A-Z-]{1,4})?[*†!+]?");

  /** Blocks of chapter II as first and last category. */
  private static final List<String[]> NEOPLASM_BLOCKS =
      List.of(
          new String[] {"C00", "C14"},
          new String[] {"C15", "C26"},
          new String[] {"C30", "C39"},
          new String[] {"C40", "C41"},
          new String[] {"C43", "C44"},
          new String[] {"C45", "C49"},
          new String[] {"C50", "C50"},
          new String[] {"C51", "C58"},
          new String[] {"C60", "C63"},
          new String[] {"C64", "C68"},
          new String[] {"C69", "C72"},
          new String[] {"C73", "C75"},
          new String[] {"C76", "C80"},
          new String[] {"C81", "C96"},
          new String[] {"C97", "C97"},
          new String[] {"D00", "D09"},
          new String[] {"D10", "D36"},
          new String[] {"D37", "D48"});

  /** Chapters as roman numeral, first and last category. */
  private static final List<String[]> CHAPTERS =
      List.of(
          new String[] {"I", "A00", "B99"},
          new String[] {"II", "C00", "D48"},
          new String[] {"III", "D50", "D90"},
          new String[] {"IV", "E00", "E90"},
          new String[] {"V", "F00", "F99"},
          new String[] {"VI", "G00", "G99"},
          new String[] {"VII", "H00", "H59"},
          new String[] {"VIII", "H60", "H95"},
          new String[] {"IX", "I00", "I99"},
          new String[] {"X", "J00", "J99"},
          new String[] {"XI", "K00", "K93"},
          new String[] {"XII", "L00", "L99"},
          new String[] {"XIII", "M00", "M99"},
          new String[] {"XIV", "N00", "N99"},
          new String[] {"XV", "O00", "O99"},
          new String[] {"XVI", "P00", "P96"},
          new String[] {"XVII", "Q00", "Q99"},
          new String[] {"XVIII", "R00", "R99"},
          new String[] {"XIX", "S00", "T98"},
          new String[] {"XX", "V01", "Y84"},
          new String[] {"XXI", "Z00", "Z99"},
          new String[] {"XXII", "U00", "U99"});

  private Icd10Groups() {}

  static String category(String code) {
    var matcher = CODE.matcher(code.trim().toUpperCase(Locale.ROOT));
    return matcher.matches() ? matcher.group(1) : Hierarchy.UNKNOWN;
  }

  static String block(String code) {
    String category = category(code);
    for (String[] block : NEOPLASM_BLOCKS) {
      if (within(category, block[0], block[1])) {
        return block[0] + "-" + block[1];
      }
    }
    return chapter(code);
  }

  static String chapter(String code) {
    String category = category(code);
    for (String[] chapter : CHAPTERS) {
      if (within(category, chapter[1], chapter[2])) {
        return "chapter " + chapter[0];
      }
    }
    return Hierarchy.UNKNOWN;
  }

  private static boolean within(String category, String first, String last) {
    return category.compareTo(first) >= 0 && category.compareTo(last) <= 0;
  }
}
