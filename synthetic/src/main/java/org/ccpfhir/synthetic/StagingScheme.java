package org.ccpfhir.synthetic;

import java.util.ArrayList;
import java.util.List;

/**
 * Simplified UICC stage grouping per entity family: for each stage group I..IV a few rows of (stage
 * code, T, N, M choices) that are consistent with each other. Every row with M1 is stage IV; the
 * reverse is not required (e.g. prostate IVA is N1 M0).
 */
enum StagingScheme {
  NONE,
  GENERIC,
  BREAST,
  COLORECTAL,
  LUNG,
  PROSTATE,
  MELANOMA;

  /** One admissible combination. */
  record Row(String stage, double weight, List<String> t, List<String> n, List<String> m) {}

  private List<List<Weighted<Row>>> table;

  /** Rows for stage group index 0..3 (I..IV). */
  synchronized List<Weighted<Row>> rows(int stageIndex) {
    if (table == null) {
      table = build(this);
    }
    return table.get(stageIndex);
  }

  private static List<List<Weighted<Row>>> build(StagingScheme scheme) {
    Table t = new Table();
    switch (scheme) {
      case BREAST -> {
        t.row(0, "IA", 8, "1 1a 1b 1c", "0", "0");
        t.row(0, "IB", 2, "1b 1c", "1mi", "0");
        t.row(1, "IIA", 5, "2", "0", "0");
        t.row(1, "IIA", 2, "1c", "1", "0");
        t.row(1, "IIB", 2, "2", "1", "0");
        t.row(1, "IIB", 1, "3", "0", "0");
        t.row(2, "IIIA", 3, "3", "1", "0");
        t.row(2, "IIIA", 2, "2", "2 2a", "0");
        t.row(2, "IIIB", 2, "4b 4d", "0 1", "0");
        t.row(2, "IIIC", 3, "2 3", "3 3a", "0");
        t.row(3, "IV", 1, "2 3 4b", "0 1 2a", "1");
      }
      case COLORECTAL -> {
        t.row(0, "I", 1, "1 2", "0", "0");
        t.row(1, "IIA", 7, "3", "0", "0");
        t.row(1, "IIB", 2, "4a", "0", "0");
        t.row(1, "IIC", 1, "4b", "0", "0");
        t.row(2, "IIIA", 2, "1 2", "1a 1b", "0");
        t.row(2, "IIIB", 5, "3 4a", "1a 1b", "0");
        t.row(2, "IIIC", 3, "4a 4b", "2a 2b", "0");
        t.row(3, "IVA", 6, "3 4a", "0 1 2", "1a");
        t.row(3, "IVB", 3, "3 4a", "1 2", "1b");
        t.row(3, "IVC", 1, "4a 4b", "1 2", "1c");
      }
      case LUNG -> {
        t.row(0, "IA1", 15, "1a", "0", "0");
        t.row(0, "IA2", 30, "1b", "0", "0");
        t.row(0, "IA3", 25, "1c", "0", "0");
        t.row(0, "IB", 30, "2a", "0", "0");
        t.row(1, "IIA", 3, "2b", "0", "0");
        t.row(1, "IIB", 4, "1c 2a", "1", "0");
        t.row(1, "IIB", 3, "3", "0", "0");
        t.row(2, "IIIA", 4, "3", "1", "0");
        t.row(2, "IIIA", 1, "4", "0", "0");
        t.row(2, "IIIB", 3.5, "3 4", "2", "0");
        t.row(2, "IIIC", 1.5, "3 4", "3", "0");
        t.row(3, "IVA", 6, "2a 3 4", "0 1 2", "1a 1b");
        t.row(3, "IVB", 4, "3 4", "2 3", "1c");
      }
      case PROSTATE -> {
        t.row(0, "I", 1, "1c 2a", "0", "0");
        t.row(1, "IIA", 4, "2a 2b", "0", "0");
        t.row(1, "IIB", 4, "2b 2c", "0", "0");
        t.row(1, "IIC", 2, "2c", "0", "0");
        t.row(2, "IIIA", 2, "2c", "0", "0");
        t.row(2, "IIIB", 6, "3a 3b", "0", "0");
        t.row(2, "IIIC", 2, "3b 4", "0", "0");
        t.row(3, "IVA", 4, "3a 3b 4", "1", "0");
        t.row(3, "IVB", 6, "3b 4", "0 1", "1a 1b 1c");
      }
      case MELANOMA -> {
        t.row(0, "IA", 6, "1a 1b", "0", "0");
        t.row(0, "IB", 4, "2a", "0", "0");
        t.row(1, "IIA", 5, "2b 3a", "0", "0");
        t.row(1, "IIB", 3.5, "3b 4a", "0", "0");
        t.row(1, "IIC", 1.5, "4b", "0", "0");
        t.row(2, "IIIA", 3.5, "1a 1b 2a", "1a 2a", "0");
        t.row(2, "IIIB", 3, "2b 3a", "1a 1b", "0");
        t.row(2, "IIIC", 3.5, "3b 4a", "1b 2b 3", "0");
        t.row(3, "IV", 1, "1b 2b 3b 4b", "0 1a 2b", "1a 1b 1c 1d");
      }
      case GENERIC -> {
        t.row(0, "I", 1, "1 1a 1b", "0", "0");
        t.row(1, "II", 5, "2", "0", "0");
        t.row(1, "IIA", 2.5, "2", "0", "0");
        t.row(1, "IIB", 2.5, "3", "0", "0");
        t.row(2, "III", 4, "3 4", "0 1", "0");
        t.row(2, "IIIA", 3, "1 2", "1", "0");
        t.row(2, "IIIB", 3, "3 4", "1 2", "0");
        t.row(3, "IV", 7, "2 3 4", "0 1 2", "1");
        t.row(3, "IVB", 3, "3 4", "1 2", "1");
      }
      case NONE -> {
        // entities without TNM (brain, haematological): no rows
      }
    }
    return t.rows;
  }

  private static final class Table {
    private final List<List<Weighted<Row>>> rows =
        List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());

    void row(int stageIndex, String stage, double w, String t, String n, String m) {
      Row row = new Row(stage, w, split(t), split(n), split(m));
      rows.get(stageIndex).add(Weighted.of(row, w));
    }

    private static List<String> split(String codes) {
      return List.of(codes.split(" "));
    }
  }
}
