package org.ccpfhir.mappers.fhir;

import java.time.LocalDate;
import java.util.List;

/**
 * The format-neutral picture of a patient's tumour documentation that the oBDS, ADT-GEKID and CSV
 * readers produce and the FHIR builders consume. Codes are the MDS / onco-core codes (the German
 * formats use the same code lists). Keys are the source's own ids (report, therapy, sample ids)
 * that the stable resource ids are derived from.
 */
public final class Onco {

  private Onco() {}

  /** Master data (IDAT) as reported; only the bridgehead's local patient list keeps them. */
  public record PatientData(
      String key,
      String family,
      List<String> given,
      String prefix,
      String title,
      String birthName,
      List<String> formerNames,
      LocalDate birthDate,
      String gender,
      Address address) {}

  /**
   * The site's local pseudonym of a patient whose source is already pseudonymised (generated test
   * data, exports from another bridgehead): the Patient carries it as its identifier.
   */
  public record Pseudonym(String system, String value) {}

  public record Address(
      String street, String houseNumber, String postalCode, String city, String country) {}

  /** Primary diagnosis; null fields are unknown (merging keeps older known values). */
  public record Diagnosis(
      String icd10,
      String icd10Version,
      FuzzyDate date,
      String laterality,
      String topography,
      String topographyVersion) {

    /** Newer known values win, unknown newer values keep the older ones. */
    public Diagnosis mergedWith(Diagnosis newer) {
      return new Diagnosis(
          pick(newer.icd10, icd10),
          newer.icd10 != null ? newer.icd10Version : icd10Version,
          pick(newer.date, date),
          pick(newer.laterality, laterality),
          pick(newer.topography, topography),
          newer.topography != null ? newer.topographyVersion : topographyVersion);
    }

    private static <T> T pick(T newer, T older) {
      return newer != null ? newer : older;
    }
  }

  public record Morphology(String code, String version) {}

  /** Histology with its grading (ICD-O-3 morphology codes, GradingCS). */
  public record Histology(
      String key, FuzzyDate date, List<Morphology> morphologies, String grading) {}

  /**
   * A TNM classification. {@code clinical} decides TNMc vs TNMp; c/p/u prefixes per category; y, r,
   * a and m symbols; UICC stage; edition (6, 7, 8). {@code notes}: what the source said that the
   * codes cannot (see {@code tolerance.TnmRules}).
   */
  public record Tnm(
      String key,
      boolean clinical,
      LocalDate date,
      String version,
      String ySymbol,
      String rSymbol,
      String aSymbol,
      String tPrefix,
      String t,
      String mSymbol,
      String nPrefix,
      String n,
      String mPrefix,
      String m,
      String stage,
      List<String> notes) {

    public Tnm(
        String key,
        boolean clinical,
        LocalDate date,
        String version,
        String ySymbol,
        String rSymbol,
        String aSymbol,
        String tPrefix,
        String t,
        String mSymbol,
        String nPrefix,
        String n,
        String mPrefix,
        String m,
        String stage) {
      this(
          key, clinical, date, version, ySymbol, rSymbol, aSymbol, tPrefix, t, mSymbol, nPrefix, n,
          mPrefix, m, stage, List.of());
    }
  }

  /** A distant metastasis; {@code date} is null when the source gives none. */
  public record Metastasis(FuzzyDate date, String location) {}

  public record Ops(String code, String version) {}

  public record Surgery(
      String key,
      String intention,
      LocalDate date,
      List<Ops> ops,
      String residualLocal,
      String residualOverall) {}

  /** A residual status reported without a surgery (e.g. by pathology). */
  public record Residual(String key, FuzzyDate date, String local, String overall) {}

  public record Radiotherapy(
      String key, String intention, String relationToSurgery, LocalDate start, LocalDate end) {}

  public record Substance(String name, String atc) {}

  public record SystemicTherapy(
      String key,
      String intention,
      String relationToSurgery,
      String type,
      FuzzyDate start,
      LocalDate end,
      String protocol,
      List<Substance> substances,
      String note) {

    public SystemicTherapy(
        String key,
        String intention,
        String relationToSurgery,
        String type,
        FuzzyDate start,
        LocalDate end,
        String protocol,
        List<Substance> substances) {
      this(key, intention, relationToSurgery, type, start, end, protocol, substances, null);
    }
  }

  public record FollowUp(
      String key,
      LocalDate date,
      String overall,
      String local,
      String lymphNodes,
      String metastases) {}

  public record Death(LocalDate date, String tumourRelated) {}

  /**
   * A biosample; type is a SampleMaterialType code. {@code project} is the identifier system of a
   * DKTK project the sample belongs to (oBDS DKTK: EXLIQUID), under which the sample id is also
   * given.
   */
  public record Sample(
      String key,
      String type,
      FuzzyDate collected,
      String bodySite,
      String bodySiteVersion,
      String status,
      String parentKey,
      Amount quantity,
      String project) {

    public Sample(
        String key,
        String type,
        FuzzyDate collected,
        String bodySite,
        String bodySiteVersion,
        String status,
        String parentKey) {
      this(key, type, collected, bodySite, bodySiteVersion, status, parentKey, null, null);
    }
  }

  /** An amount with its unit as written in the source (e.g. 2.5 ml). */
  public record Amount(java.math.BigDecimal value, String unit) {}
}
