package org.ccpfhir.mappers.textmining;

import java.util.List;

/**
 * What a pathology report states, as MDS codes; null when the report does not say.
 *
 * @param tPrefix c, p or u; likewise nPrefix and mPrefix
 * @param t TNMTCS code without prefix (e.g. "2a", "is"); n and m likewise (with (sn), (i+), ...)
 * @param mSymbol multiple tumours: "m" or their number
 * @param version TNM edition 6, 7 or 8
 * @param morphologies ICD-O-3 morphology codes in the order written
 */
public record Findings(
    String ySymbol,
    String rSymbol,
    String tPrefix,
    String t,
    String mSymbol,
    String nPrefix,
    String n,
    String mPrefix,
    String m,
    String version,
    String uiccStage,
    String grading,
    String residual,
    List<String> morphologies) {

  public boolean hasTnm() {
    return t != null || n != null || m != null;
  }

  /** Pathological unless the T (or, without T, the N) category is explicitly clinical. */
  public boolean clinical() {
    String leading = t != null ? tPrefix : nPrefix;
    return "c".equals(leading);
  }

  public boolean isEmpty() {
    return !hasTnm()
        && version == null
        && uiccStage == null
        && grading == null
        && residual == null
        && morphologies.isEmpty();
  }
}
