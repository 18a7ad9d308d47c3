package org.ccpfhir.bridgehead.biobank;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.ccpfhir.bridgehead.biobank.Samples.Location;
import org.ccpfhir.terminology.CodeSystems;
import org.ccpfhir.terminology.SampleMaterialType;
import org.ccpfhir.terminology.SampleMaterialTypes;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Specimen;

/**
 * Samples as CSV (RFC 4180, header, UTF-8): one row per Specimen with its MDS-B fields (type, kind
 * and fixation derived from the type as the upload derives them), biobank status, parent,
 * container, storage location and amount. The patient column is the local pseudonym (never IDAT).
 */
public final class SampleCsv {

  public static final List<String> HEADER =
      List.of(
          "sample",
          "version",
          "last_updated",
          "patient_pseudonym",
          "sample_id",
          "sample_type",
          "kind",
          "fixation",
          "collected",
          "sample_status",
          "fhir_status",
          "parent",
          "container",
          "freezer",
          "rack",
          "box",
          "position",
          "amount",
          "unit");

  private SampleCsv() {}

  /**
   * @param pseudonyms local pseudonym per Patient reference ({@code Patient/<id>}) for the samples
   *     whose subject carries none
   */
  public static String write(
      List<Specimen> samples, Map<String, String> pseudonyms, SampleMaterialTypes types) {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer =
        new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get())) {
      printer.printRecord(HEADER);
      for (Specimen sample : samples) {
        printer.printRecord(row(sample, pseudonyms, types));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static List<String> row(
      Specimen sample, Map<String, String> pseudonyms, SampleMaterialTypes types) {
    List<String> row = new ArrayList<>(HEADER.size());
    row.add(sample.getIdElement().getIdPart());
    row.add(sample.getIdElement().getVersionIdPart());
    row.add(
        sample.getMeta().hasLastUpdated()
            ? sample.getMeta().getLastUpdatedElement().asStringValue()
            : "");
    row.add(pseudonym(sample, pseudonyms));
    row.add(sample.hasIdentifier() ? sample.getIdentifierFirstRep().getValue() : "");
    Optional<Coding> type =
        sample.getType().getCoding().stream()
            .filter(c -> CodeSystems.SAMPLE_MATERIAL_TYPE.equals(c.getSystem()))
            .findFirst();
    Optional<SampleMaterialType> derived = type.flatMap(types::get);
    row.add(type.map(Coding::getCode).orElse(""));
    row.add(derived.map(t -> lower(t.kind())).orElse(""));
    row.add(derived.map(t -> lower(t.fixation())).orElse(""));
    row.add(
        sample.getCollection().hasCollectedDateTimeType()
            ? sample.getCollection().getCollectedDateTimeType().asStringValue()
            : "");
    row.add(Samples.biobankStatus(sample).orElse(""));
    row.add(sample.hasStatus() ? sample.getStatus().toCode() : "");
    row.add(sample.hasParent() ? sample.getParentFirstRep().getReference() : "");
    row.add(
        sample.hasContainer() && sample.getContainerFirstRep().hasIdentifier()
            ? sample.getContainerFirstRep().getIdentifierFirstRep().getValue()
            : "");
    Optional<Location> location =
        sample.getContainer().stream().map(Samples::location).flatMap(Optional::stream).findFirst();
    for (int i = 0; i < Samples.LOCATION_PARTS.size(); i++) {
      int part = i;
      row.add(location.map(l -> l.parts().get(part)).orElse(""));
    }
    Optional<Quantity> amount = Samples.amount(sample);
    row.add(amount.map(q -> q.getValue().stripTrailingZeros().toPlainString()).orElse(""));
    row.add(amount.map(Quantity::getCode).orElse(""));
    return row;
  }

  private static String pseudonym(Specimen sample, Map<String, String> pseudonyms) {
    if (sample.getSubject().hasIdentifier() && sample.getSubject().getIdentifier().hasValue()) {
      return sample.getSubject().getIdentifier().getValue();
    }
    return pseudonyms.getOrDefault(sample.getSubject().getReference(), "");
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
