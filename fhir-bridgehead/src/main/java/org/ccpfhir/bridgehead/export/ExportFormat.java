package org.ccpfhir.bridgehead.export;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/** How the rows of a study export are written before they are sealed. */
public enum ExportFormat {
  /** RFC 4180 CSV, UTF-8, a header line of column names, CRLF line ends. */
  CSV("csv", "text/csv") {
    @Override
    byte[] write(List<String> header, List<String[]> rows, FhirContext fhir) {
      StringBuilder out = new StringBuilder();
      line(out, header.toArray(String[]::new));
      rows.forEach(row -> line(out, row));
      return out.toString().getBytes(StandardCharsets.UTF_8);
    }
  },
  /**
   * A FHIR Bundle of type collection, JSON; each row one Parameters resource with one valueString
   * part per column (a flat row has no natural FHIR resource: generalised values such as age bands
   * fit no Patient or Condition element).
   */
  BUNDLE("bundle", "application/fhir+json") {
    @Override
    byte[] write(List<String> header, List<String[]> rows, FhirContext fhir) {
      Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
      for (String[] row : rows) {
        Parameters parameters = new Parameters();
        for (int c = 0; c < header.size(); c++) {
          var part = parameters.addParameter().setName(header.get(c));
          if (row[c] != null) {
            part.setValue(new StringType(row[c]));
          }
        }
        bundle.addEntry().setResource(parameters);
      }
      return fhir.newJsonParser().encodeResourceToString(bundle).getBytes(StandardCharsets.UTF_8);
    }
  };

  private final String code;
  private final String contentType;

  ExportFormat(String code, String contentType) {
    this.code = code;
    this.contentType = contentType;
  }

  public String code() {
    return code;
  }

  public String contentType() {
    return contentType;
  }

  abstract byte[] write(List<String> header, List<String[]> rows, FhirContext fhir);

  public static Optional<ExportFormat> ofCode(String code) {
    return Arrays.stream(values()).filter(f -> f.code.equals(code)).findFirst();
  }

  private static void line(StringBuilder out, String[] values) {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      String value = values[i] == null ? "" : values[i];
      boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n");
      out.append(quote ? '"' + value.replace("\"", "\"\"") + '"' : value);
    }
    out.append("\r\n");
  }
}
