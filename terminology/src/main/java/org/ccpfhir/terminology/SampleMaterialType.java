package org.ccpfhir.terminology;

import java.util.Locale;
import org.hl7.fhir.r4.model.Coding;

/**
 * One code of the BBMRI.de sample material list with what MDS-B derives from it: B-2 kind
 * (Probentyp), B-3 tumour or normal tissue (Probenart) and B-5 fixation (Fixierungsart).
 *
 * @param code the SampleMaterialType code, e.g. tumor-tissue-ffpe
 * @param display German display
 * @param englishDisplay English display
 * @param kind tissue, liquid, derivative or other
 * @param fixation FFPE, cryo, other preservation, or none for non-tissue samples
 * @param origin tumour or normal tissue; unspecified or not applicable otherwise
 */
public record SampleMaterialType(
    String code,
    String display,
    String englishDisplay,
    Kind kind,
    Fixation fixation,
    Origin origin) {

  public enum Kind {
    TISSUE,
    LIQUID,
    DERIVATIVE,
    OTHER
  }

  public enum Fixation {
    FFPE,
    CRYO,
    OTHER,
    NONE
  }

  public enum Origin {
    TUMOR,
    NORMAL,
    OTHER,
    UNSPECIFIED,
    NOT_APPLICABLE
  }

  public boolean isTissue() {
    return kind == Kind.TISSUE;
  }

  public Coding toCoding() {
    return new Coding(CodeSystems.SAMPLE_MATERIAL_TYPE, code, display);
  }

  /** Maps a CodeSystem property value such as "not-applicable" to its enum constant. */
  static <E extends Enum<E>> E enumOf(Class<E> type, String value) {
    return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
