package org.ccpfhir.mappers.testing;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Tumour-documentation exports as sites produce them, in both XML formats: mostly clean patients,
 * and each kind of real-world dirt of the tolerance policy (mappers/README.md) at a rate of the
 * order seen in registry exports. Every patient says which dirt it carries and which rule must
 * refuse it (none: it must be stored), so a test can check that exactly the expected patients are
 * refused, each for its rule, and that nothing is invented (e.g. no date on a histology whose
 * source has none). Deterministic for a seed. The formats' writers: {@link DirtyObdsExports},
 * {@link DirtyAdtExports}.
 */
public final class DirtyExports {

  /** The export format; each writes a document head, one patient per call, and a tail. */
  public enum Format {
    OBDS,
    ADT
  }

  /**
   * One kind of dirt: its rate per patient in each format (0: the format cannot carry it, or its
   * schema refuses it in a field the mapper never sees differently) and the rule that must refuse a
   * patient carrying it in that format (null: stored).
   */
  public enum Dirt {
    // kind (what the writers put in)                    oBDS   ADT    oBDS refusal / ADT refusal
    N_SUFFIXES(0.08, 0.08, null, null), // N "0(sn)(mol+)": two suffixes, the list knows one
    M_CYTOLOGY(0.03, 0.03, null, null), // M "0(cy-)"
    M_UNCODABLE(0, 0.01, null, null), // ADT M "2(cy-)": no M2, dropped
    N_ONLY_SUFFIXES(0.01, 0.01, null, null), // N "(sn)(mol+)" without category: uncodable
    M_SYMBOL_M1(0.02, 0.02, null, null), // m symbol "m1"
    Y_SYMBOL_9(0.02, 0.02, null, null), // y symbol "9" (schema enumeration is "y")
    R_SYMBOL_9(0, 0.01, null, null), // ADT r symbol "9" in the OP TNM (older ADT lists)
    U_PREFIX_IN_OP(0.03, 0.03, null, null), // OP TNM uT1a cN0 cM0: clinical
    CTNM_WITH_P_PREFIXES(0.03, 0.03, null, null), // cTNM with pN / pM: stays clinical
    NO_HISTOLOGY_DATE(0.10, 0.10, null, null), // Histologie without Tumor_Histologiedatum
    NO_TNM_DATE(0.10, 0.10, null, null), // cTNM without Datum / TNM_Datum
    NO_METASTASIS_DATE(0, 0.05, null, null), // ADT Fernmetastase without FM_Diagnosedatum
    IKNR_PATTERN(0.05, 0.05, null, null), // oBDS IKNR pattern; ADT KrankenkassenNr length
    ADDRESS_COUNTRY(0.03, 0, null, null), // oBDS Land "Deutschland" (ADT: free text)
    DATES_AFTER_2025(0.15, 0.15, null, null), // diagnosis and therapies in 2026
    THERAPY_TYPES_COMBINED(0, 0.04, null, null), // ADT CH + IM: combination code CI
    THERAPY_TYPES_SPLIT(0, 0.02, null, null), // ADT CH + HO: no combination code, two statements
    NO_THERAPY_TYPE(0.003, 0.003, "cvc-complex-type.2.4.a", "syst-therapy-type-missing"),
    FUTURE_DATE(0.003, 0.003, "date-in-future", "date-in-future"); // a follow-up in 2062

    private final double obdsRate;
    private final double adtRate;
    private final String obdsRefusal;
    private final String adtRefusal;

    Dirt(double obdsRate, double adtRate, String obdsRefusal, String adtRefusal) {
      this.obdsRate = obdsRate;
      this.adtRate = adtRate;
      this.obdsRefusal = obdsRefusal;
      this.adtRefusal = adtRefusal;
    }

    public double rate(Format format) {
      return format == Format.OBDS ? obdsRate : adtRate;
    }

    public String refusal(Format format) {
      return format == Format.OBDS ? obdsRefusal : adtRefusal;
    }
  }

  /** What a generated patient carries, and the rule that must refuse it (null: stored). */
  public record Expected(String sourceId, Set<Dirt> dirt, String refusal) {}

  /** A document and its patients. */
  public record Document(String xml, List<Expected> patients) {}

  /** Writes one patient of a format. */
  interface PatientWriter {
    String patient(String id, String name, Set<Dirt> dirt, Random random);
  }

  private DirtyExports() {}

  /**
   * @param prefix letters: source patient ids are {@code prefix-n} and family names contain it, so
   *     that tests against a shared database (and its local patient list) get fresh patients
   */
  public static List<Document> generate(
      Format format, long seed, String prefix, int documents, int perDocument) {
    String head = format == Format.OBDS ? ObdsDocuments.HEAD : DirtyAdtExports.HEAD;
    String tail = format == Format.OBDS ? ObdsDocuments.TAIL : DirtyAdtExports.TAIL;
    PatientWriter writer =
        format == Format.OBDS ? DirtyObdsExports::patient : DirtyAdtExports::patient;
    Random random = new Random(seed);
    List<Document> out = new ArrayList<>();
    int n = 0;
    for (int d = 0; d < documents; d++) {
      StringBuilder xml = new StringBuilder(head);
      List<Expected> patients = new ArrayList<>();
      for (int p = 0; p < perDocument; p++, n++) {
        Set<Dirt> dirt = EnumSet.noneOf(Dirt.class);
        String refusal = null;
        for (Dirt kind : Dirt.values()) {
          // kinds a format cannot carry draw nothing: the corpus of a seed stays the same when a
          // kind is added for the other format
          if (kind.rate(format) > 0 && random.nextDouble() < kind.rate(format)) {
            dirt.add(kind);
            if (refusal == null) {
              refusal = kind.refusal(format);
            }
          }
        }
        String id = prefix + "-" + n;
        xml.append(writer.patient(id, prefix + ObdsDocuments.letters(n), dirt, random));
        patients.add(new Expected(id, dirt, refusal));
      }
      out.add(new Document(xml.append(tail).toString(), patients));
    }
    return out;
  }
}
