package org.ccpfhir.mappers.etl;

import java.io.PrintWriter;

/** A one-line progress bar on the terminal (stderr), redrawn in place. */
final class Progress {

  private static final int WIDTH = 30;
  private final PrintWriter out;
  private final int total;
  private final boolean enabled;

  Progress(PrintWriter out, int total, boolean enabled) {
    this.out = out;
    this.total = total;
    this.enabled = enabled && total > 0;
  }

  void update(int done, int rejected) {
    if (!enabled) {
      return;
    }
    int filled = (int) ((long) WIDTH * done / total);
    out.print(
        "\r["
            + "#".repeat(filled)
            + " ".repeat(WIDTH - filled)
            + "] "
            + done
            + "/"
            + total
            + " files"
            + (rejected > 0 ? ", " + rejected + " rejected" : ""));
    if (done == total) {
      out.println();
    }
    out.flush();
  }
}
