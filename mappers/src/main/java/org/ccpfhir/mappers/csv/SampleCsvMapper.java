package org.ccpfhir.mappers.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ccpfhir.mappers.MappedFile;
import org.ccpfhir.mappers.MappingException;
import org.ccpfhir.mappers.MappingException.Problem;
import org.ccpfhir.mappers.SourceMapper;
import org.ccpfhir.mappers.fhir.FuzzyDate;
import org.ccpfhir.mappers.fhir.Onco.Sample;
import org.ccpfhir.mappers.fhir.Refs;
import org.ccpfhir.mappers.fhir.ResourceIds;
import org.ccpfhir.mappers.fhir.SpecimenResources;
import org.ccpfhir.mappers.fhir.Transactions;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * Biobank sample lists (CSV, header-driven, ';' or ',' separated, UTF-8) → Specimen resources, one
 * transaction bundle per patient. Columns are named in the header in any order, case-insensitive;
 * see the module README. Any bad row rejects the file with the line, column and rule of each
 * problem (values are not quoted). The Patient is not part of the bundle: it comes from the
 * oBDS/ADT import with the same site and id key.
 */
public final class SampleCsvMapper implements SourceMapper {

  static final String PATIENT = "patient_id";
  static final String SAMPLE = "sample_id";
  static final String TYPE = "sample_type";
  static final String COLLECTED = "collected";
  static final String BODY_SITE = "body_site";
  static final String STATUS = "status";
  static final String PARENT = "parent_sample_id";

  static final List<String> REQUIRED = List.of(PATIENT, SAMPLE, TYPE);
  static final Set<String> STATUSES =
      Set.of("available", "unavailable", "unsatisfactory", "entered-in-error");
  private static final DateTimeFormatter GERMAN = DateTimeFormatter.ofPattern("dd.MM.yyyy");

  private final ResourceIds ids;
  private final Set<String> sampleTypes;

  /**
   * @param sampleTypes the SampleMaterialType codes (from the terminology module)
   */
  public SampleCsvMapper(ResourceIds ids, Set<String> sampleTypes) {
    this.ids = ids;
    this.sampleTypes = Set.copyOf(sampleTypes);
  }

  @Override
  public MappedFile map(InputStream in, String source) throws MappingException {
    String text;
    try {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MappingException(source, 0, 0, "io-error", e.getClass().getSimpleName());
    }
    char delimiter = delimiter(text);
    List<Problem> problems = new ArrayList<>();
    Map<String, List<Sample>> byPatient = new LinkedHashMap<>();
    int rows = 0;
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setDelimiter(delimiter)
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true)
            .get();
    try (Reader reader = new StringReader(text);
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      Map<String, Integer> columns = columns(parser.getHeaderNames(), problems);
      if (!problems.isEmpty()) {
        throw new MappingException(source, problems);
      }
      for (CSVRecord row : parser) {
        rows++;
        Sample sample = sample(row, columns, problems);
        if (sample != null) {
          String patient = row.get(columns.get(PATIENT));
          byPatient.computeIfAbsent(patient, k -> new ArrayList<>()).add(sample);
        }
      }
    } catch (IOException | IllegalStateException | IllegalArgumentException e) {
      problems.add(new Problem(0, 0, "csv-not-readable", e.getClass().getSimpleName()));
    }
    if (!problems.isEmpty()) {
      throw new MappingException(source, problems);
    }
    List<Bundle> bundles = new ArrayList<>();
    byPatient.forEach(
        (patient, samples) -> {
          SpecimenResources specimens = new SpecimenResources(new Refs(ids, patient), ids.site());
          List<Resource> resources = new ArrayList<>();
          samples.stream()
              .filter(s -> s.parentKey() == null)
              .map(specimens::specimen)
              .forEach(resources::add);
          samples.stream()
              .filter(s -> s.parentKey() != null)
              .map(specimens::specimen)
              .forEach(resources::add);
          bundles.add(Transactions.transaction(resources));
        });
    return new MappedFile(source, bundles, rows);
  }

  static char delimiter(String text) {
    int end = text.indexOf('\n');
    String header = end < 0 ? text : text.substring(0, end);
    return header.chars().filter(c -> c == ';').count()
            >= header.chars().filter(c -> c == ',').count()
        ? ';'
        : ',';
  }

  private static Map<String, Integer> columns(List<String> header, List<Problem> problems) {
    Map<String, Integer> columns = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      columns.put(header.get(i).trim().toLowerCase(Locale.ROOT).replace('-', '_'), i);
    }
    for (String required : REQUIRED) {
      if (!columns.containsKey(required)) {
        problems.add(new Problem(1, 0, "csv-missing-column", "header lacks column " + required));
      }
    }
    return columns;
  }

  private Sample sample(CSVRecord row, Map<String, Integer> columns, List<Problem> problems) {
    int line = (int) row.getRecordNumber() + 1;
    int before = problems.size();
    String patient = required(row, columns, PATIENT, line, problems);
    String sampleId = required(row, columns, SAMPLE, line, problems);
    String type = required(row, columns, TYPE, line, problems);
    if (type != null && !sampleTypes.contains(type)) {
      problems.add(
          problem(line, columns, TYPE, "csv-unknown-sample-type", "not a SampleMaterialType code"));
    }
    FuzzyDate collected = null;
    String date = optional(row, columns, COLLECTED);
    if (date != null) {
      collected = date(date);
      if (collected == null) {
        problems.add(
            problem(line, columns, COLLECTED, "csv-bad-date", "expected YYYY-MM-DD or DD.MM.YYYY"));
      }
    }
    String bodySite = optional(row, columns, BODY_SITE);
    if (bodySite != null && !bodySite.matches("C\\d\\d\\.\\d\\d?")) {
      problems.add(
          problem(
              line,
              columns,
              BODY_SITE,
              "csv-bad-topography",
              "expected an ICD-O-3 topography code like C50.4"));
    }
    String status = optional(row, columns, STATUS);
    if (status != null && !STATUSES.contains(status)) {
      problems.add(problem(line, columns, STATUS, "csv-bad-status", "expected one of " + STATUSES));
    }
    if (problems.size() > before || patient == null) {
      return null;
    }
    return new Sample(
        sampleId,
        type,
        collected,
        bodySite,
        bodySite == null ? null : "33",
        status,
        optional(row, columns, PARENT));
  }

  private static String required(
      CSVRecord row, Map<String, Integer> columns, String name, int line, List<Problem> problems) {
    String value = optional(row, columns, name);
    if (value == null) {
      problems.add(problem(line, columns, name, "csv-missing-value", name + " is required"));
    }
    return value;
  }

  private static String optional(CSVRecord row, Map<String, Integer> columns, String name) {
    Integer index = columns.get(name);
    if (index == null || index >= row.size()) {
      return null;
    }
    String value = row.get(index).trim();
    return value.isEmpty() ? null : value;
  }

  private static Problem problem(
      int line, Map<String, Integer> columns, String name, String rule, String detail) {
    return new Problem(line, columns.get(name) + 1, rule, name + ": " + detail);
  }

  private static FuzzyDate date(String text) {
    try {
      return FuzzyDate.exact(
          text.contains(".") ? LocalDate.parse(text, GERMAN) : LocalDate.parse(text));
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
