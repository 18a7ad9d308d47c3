package org.ccpfhir.bridgehead.export.provider;

import static org.ccpfhir.bridgehead.export.ExportIssues.invalid;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.ccpfhir.bridgehead.export.ExportColumn;
import org.ccpfhir.bridgehead.export.ExportFormat;
import org.ccpfhir.bridgehead.export.ExportRequest;
import org.ccpfhir.bridgehead.export.cohort.CohortSelection;
import org.ccpfhir.profiles.operation.OperationParameters;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;

/** Reads the input Parameters of {@code $export-study}; anything malformed is a 400. */
final class ExportParameters {

  /** Study ids end up in key labels and the audit trail: a plain token, never free text. */
  private static final Pattern STUDY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private static final OperationParameters.Spec PARAMETERS =
      OperationParameters.of("$export-study")
          .single("study", "studyCertificate", "cohort", "k", "format")
          .repeated("patient", "column");

  private static final int MAX_K = 1000;

  private ExportParameters() {}

  static ExportRequest read(Parameters body) {
    OperationParameters input = PARAMETERS.read(body);
    CohortSelection cohort = new CohortSelection(group(input), members(input));
    if (cohort.isEmpty()) {
      throw invalid(
          "cohort", "name the cohort: a 'cohort' Group reference or 'patient' parameters");
    }
    return new ExportRequest(
        study(input), certificate(input), cohort, k(input), format(input), columns(input));
  }

  private static String study(OperationParameters input) {
    String study = input.string("study");
    if (study == null || !STUDY.matcher(study).matches()) {
      throw invalid(
          "study", "parameter 'study' is required: letters, digits, '.', '_' or '-', at most 64");
    }
    return study;
  }

  private static byte[] certificate(OperationParameters input) {
    ParametersParameterComponent part =
        input.has("studyCertificate") ? input.all("studyCertificate").get(0).component() : null;
    if (part == null) {
      return null;
    }
    if (part.getValue() instanceof Attachment attachment && attachment.hasData()) {
      return attachment.getData();
    }
    if (part.getValue() instanceof PrimitiveType<?> text && text.hasValue()) {
      return text.getValueAsString().getBytes(StandardCharsets.US_ASCII);
    }
    throw invalid("studyCertificate", "studyCertificate must be a PEM string or an Attachment");
  }

  private static String group(OperationParameters input) {
    Reference reference = input.value("cohort", Reference.class);
    if (reference == null) {
      return null;
    }
    IdType id = reference.hasReference() ? new IdType(reference.getReference()) : null;
    if (id == null || !"Group".equals(id.getResourceType()) || !id.hasIdPart()) {
      throw invalid("cohort", "parameter 'cohort' must be a reference to a Group (Group/<id>)");
    }
    return id.getIdPart();
  }

  private static List<CohortSelection.Member> members(OperationParameters input) {
    List<CohortSelection.Member> members = new ArrayList<>();
    List<OperationParameters.Entry> parts = input.all("patient");
    for (int i = 0; i < parts.size(); i++) {
      var value = parts.get(i).component().getValue();
      if (value instanceof Identifier identifier && identifier.hasValue()) {
        members.add(CohortSelection.Member.of(identifier));
      } else if (value instanceof Reference reference
          && reference.hasReference()
          && "Patient".equals(new IdType(reference.getReference()).getResourceType())) {
        members.add(CohortSelection.Member.of(new IdType(reference.getReference()).getIdPart()));
      } else {
        throw invalid(
            "patient[" + i + "]",
            "a 'patient' is an Identifier (e.g. its BK-L pseudonym) or a Patient reference");
      }
    }
    return members;
  }

  private static Integer k(OperationParameters input) {
    if (!input.has("k")) {
      return null;
    }
    IntegerType k = input.value("k", IntegerType.class);
    if (k.getValue() >= 1 && k.getValue() <= MAX_K) {
      return k.getValue();
    }
    throw invalid("k", "parameter 'k' must be an integer from 1 to " + MAX_K);
  }

  private static ExportFormat format(OperationParameters input) {
    String format = input.string("format");
    if (format == null) {
      return ExportFormat.CSV;
    }
    return ExportFormat.ofCode(format)
        .orElseThrow(() -> invalid("format", "parameter 'format' must be 'csv' or 'bundle'"));
  }

  private static List<ExportColumn> columns(OperationParameters input) {
    List<ExportColumn> columns = new ArrayList<>();
    List<String> codes = input.strings("column");
    for (int i = 0; i < codes.size(); i++) {
      String code = codes.get(i);
      int index = i;
      columns.add(
          ExportColumn.ofCode(code == null ? "" : code)
              .orElseThrow(
                  () ->
                      invalid(
                          "column[" + index + "]",
                          "unknown column; expected age, sex, diagnosis-date, postcode, icd10,"
                              + " morphology, grading or vital-status")));
    }
    return columns;
  }
}
