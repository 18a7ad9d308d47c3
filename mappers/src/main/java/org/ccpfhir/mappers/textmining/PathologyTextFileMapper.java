package org.ccpfhir.mappers.textmining;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ccpfhir.mappers.MappedFile;
import org.ccpfhir.mappers.MappingException;
import org.ccpfhir.mappers.SourceMapper;
import org.ccpfhir.mappers.fhir.Transactions;
import org.ccpfhir.mappers.textmining.PathologyReportMapper.SourceDocument;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * A pathology report as a text file for the ETL: a header of {@code Patient:}, {@code Document:}
 * and {@code Date:} lines (the source patient id, the DocumentReference id, the report date), an
 * empty line, then the report. The text stays in memory; only the findings leave.
 */
public final class PathologyTextFileMapper implements SourceMapper {

  private final PathologyReportMapper reports;
  private final Clock clock;

  public PathologyTextFileMapper(PathologyReportMapper reports, Clock clock) {
    this.reports = reports;
    this.clock = clock;
  }

  @Override
  public MappedFile map(InputStream in, String source) throws MappingException {
    String text;
    try {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MappingException(source, 0, 0, "io-error", e.getClass().getSimpleName());
    }
    String[] lines = text.split("\r?\n", -1);
    Map<String, String> header = new HashMap<>();
    int line = 0;
    for (; line < lines.length && !lines[line].isBlank(); line++) {
      int colon = lines[line].indexOf(':');
      if (colon < 0) {
        throw new MappingException(
            source, line + 1, 1, "text-bad-header", "expected 'Name: value' before the report");
      }
      header.put(
          lines[line].substring(0, colon).trim().toLowerCase(),
          lines[line].substring(colon + 1).trim());
    }
    for (String required : List.of("patient", "document", "date")) {
      if (header.getOrDefault(required, "").isEmpty()) {
        throw new MappingException(
            source, 1, 1, "text-missing-header", "the header needs a line '" + required + ":'");
      }
    }
    LocalDate date;
    try {
      date = LocalDate.parse(header.get("date"));
    } catch (DateTimeParseException e) {
      throw new MappingException(source, 1, 1, "text-bad-date", "Date must be YYYY-MM-DD");
    }
    String body =
        String.join("\n", List.of(lines).subList(Math.min(line, lines.length), lines.length));
    List<Resource> resources =
        reports.map(
            body,
            new SourceDocument(header.get("patient"), header.get("document"), date, null),
            clock.instant());
    List<Bundle> bundles =
        resources.isEmpty() ? List.of() : List.of(Transactions.transaction(resources));
    return new MappedFile(source, bundles, 1);
  }
}
