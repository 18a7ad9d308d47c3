package org.ccpfhir.bridgehead.export.provider;

import static org.ccpfhir.bridgehead.export.ExportIssues.invalid;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.ccpfhir.bridgehead.export.ExportColumn;
import org.ccpfhir.bridgehead.export.ExportFormat;
import org.ccpfhir.bridgehead.export.ExportRequest;
import org.ccpfhir.bridgehead.export.cohort.CohortSelection;
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

  private static final Set<String> KNOWN =
      Set.of("study", "studyCertificate", "cohort", "patient", "k", "format", "column");
  private static final int MAX_K = 1000;

  private ExportParameters() {}

  static ExportRequest read(Parameters input) {
    if (input == null) {
      throw invalid(null, "the body must be a Parameters resource");
    }
    for (int i = 0; i < input.getParameter().size(); i++) {
      if (!KNOWN.contains(input.getParameter().get(i).getName())) {
        throw invalid(
            "Parameters.parameter[" + i + "]", "unknown parameter; expected one of " + KNOWN);
      }
    }
    CohortSelection cohort = new CohortSelection(group(input), members(input));
    if (cohort.isEmpty()) {
      throw invalid(
          "cohort", "name the cohort: a 'cohort' Group reference or 'patient' parameters");
    }
    return new ExportRequest(
        study(input), certificate(input), cohort, k(input), format(input), columns(input));
  }

  private static String study(Parameters input) {
    String study = single(input, "study");
    if (study == null || !STUDY.matcher(study).matches()) {
      throw invalid(
          "study", "parameter 'study' is required: letters, digits, '.', '_' or '-', at most 64");
    }
    return study;
  }

  private static byte[] certificate(Parameters input) {
    ParametersParameterComponent part = input.getParameter("studyCertificate");
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

  private static String group(Parameters input) {
    ParametersParameterComponent part = input.getParameter("cohort");
    if (part == null) {
      return null;
    }
    IdType id =
        part.getValue() instanceof Reference reference && reference.hasReference()
            ? new IdType(reference.getReference())
            : null;
    if (id == null || !"Group".equals(id.getResourceType()) || !id.hasIdPart()) {
      throw invalid("cohort", "parameter 'cohort' must be a reference to a Group (Group/<id>)");
    }
    return id.getIdPart();
  }

  private static List<CohortSelection.Member> members(Parameters input) {
    List<CohortSelection.Member> members = new ArrayList<>();
    List<ParametersParameterComponent> parts = input.getParameters("patient");
    for (int i = 0; i < parts.size(); i++) {
      var value = parts.get(i).getValue();
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

  private static Integer k(Parameters input) {
    ParametersParameterComponent part = input.getParameter("k");
    if (part == null) {
      return null;
    }
    if (part.getValue() instanceof IntegerType k
        && k.getValue() != null
        && k.getValue() >= 1
        && k.getValue() <= MAX_K) {
      return k.getValue();
    }
    throw invalid("k", "parameter 'k' must be an integer from 1 to " + MAX_K);
  }

  private static ExportFormat format(Parameters input) {
    String format = single(input, "format");
    if (format == null) {
      return ExportFormat.CSV;
    }
    return ExportFormat.ofCode(format)
        .orElseThrow(() -> invalid("format", "parameter 'format' must be 'csv' or 'bundle'"));
  }

  private static List<ExportColumn> columns(Parameters input) {
    List<ExportColumn> columns = new ArrayList<>();
    List<ParametersParameterComponent> parts = input.getParameters("column");
    for (int i = 0; i < parts.size(); i++) {
      String code =
          parts.get(i).getValue() == null ? null : parts.get(i).getValue().primitiveValue();
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

  private static String single(Parameters input, String name) {
    List<ParametersParameterComponent> parts = input.getParameters(name);
    if (parts.size() > 1) {
      throw invalid(name, "parameter '" + name + "' may be given once");
    }
    return parts.isEmpty() || parts.get(0).getValue() == null
        ? null
        : parts.get(0).getValue().primitiveValue();
  }
}
