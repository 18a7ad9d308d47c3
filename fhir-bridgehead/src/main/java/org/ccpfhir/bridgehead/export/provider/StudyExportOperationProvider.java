package org.ccpfhir.bridgehead.export.provider;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.Locale;
import org.ccpfhir.bridgehead.export.StudyExport;
import org.ccpfhir.bridgehead.export.StudyExportService;
import org.ccpfhir.bridgehead.export.anonymity.Anonymization;
import org.ccpfhir.bridgehead.export.anonymity.InformationLoss;
import org.ccpfhir.security.audit.AuditEntry;
import org.ccpfhir.security.fhir.FhirProvider;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * {@code POST [base]/$export-study} (OperationDefinition {@code
 * https://ccp-fhir.org/fhir/OperationDefinition/export-study} in the profiles module): a data
 * manager exports a cohort of the site k-anonymously for a study. Answers the sealed export, the
 * study key wrapped for the study certificate, and a manifest of generalisation and loss; the
 * request's audit record names study, cohort size, rows, k and loss — never a patient.
 */
@Component
public class StudyExportOperationProvider implements FhirProvider {

  private static final String ENVELOPE = "application/pkcs7-mime";

  private final StudyExportService service;

  public StudyExportOperationProvider(StudyExportService service) {
    this.service = service;
  }

  @Operation(name = "$export-study", idempotent = false)
  public Parameters exportStudy(@ResourceParam Parameters input, RequestDetails request) {
    StudyExport export = service.export(ExportParameters.read(input));
    if (request instanceof ServletRequestDetails servlet) {
      servlet.getServletRequest().setAttribute(AuditEntry.DETAIL_ATTRIBUTE, auditDetail(export));
    }
    return answer(export);
  }

  private static Parameters answer(StudyExport export) {
    Parameters out = new Parameters();
    out.addParameter(
        "export",
        new Attachment()
            .setContentType(ENVELOPE)
            .setData(export.sealed())
            .setTitle(export.study() + "." + export.format().code() + ".p7m"));
    out.addParameter(
        "studyKey", new Attachment().setContentType(ENVELOPE).setData(export.wrappedKey()));
    out.addParameter("keyId", new StringType(export.keyId()));
    out.addParameter("study", new StringType(export.study()));
    out.addParameter("format", new CodeType(export.format().code()));
    out.addParameter("contentType", new CodeType(export.format().contentType()));
    out.addParameter("k", new IntegerType(export.k()));
    out.addParameter("cohortSize", new IntegerType(export.cohortSize()));
    out.addParameter("rows", new IntegerType(export.rows()));
    out.addParameter("suppressed", new IntegerType(export.anonymization().suppressed()));
    Anonymization anonymization = export.anonymization();
    for (int q = 0; q < anonymization.hierarchies().size(); q++) {
      ParametersParameterComponent part = out.addParameter().setName("generalisation");
      part.addPart()
          .setName("column")
          .setValue(new CodeType(anonymization.hierarchies().get(q).name()));
      part.addPart().setName("level").setValue(new IntegerType(anonymization.levels()[q]));
      part.addPart()
          .setName("maxLevel")
          .setValue(new IntegerType(anonymization.hierarchies().get(q).maxLevel()));
      part.addPart().setName("label").setValue(new StringType(anonymization.levelLabel(q)));
    }
    InformationLoss loss = anonymization.loss();
    ParametersParameterComponent part = out.addParameter().setName("loss");
    part.addPart()
        .setName("generalisationHeight")
        .setValue(new DecimalType(loss.generalisationHeight()));
    part.addPart().setName("discernibility").setValue(new DecimalType(loss.discernibility()));
    part.addPart().setName("averageClassSize").setValue(new DecimalType(loss.averageClassSize()));
    part.addPart().setName("suppressedShare").setValue(new DecimalType(loss.suppressedShare()));
    part.addPart().setName("classes").setValue(new IntegerType(loss.classes()));
    part.addPart().setName("smallestClass").setValue(new IntegerType(loss.smallestClass()));
    return out;
  }

  /** Counts, levels and loss only: nothing that names or singles out a patient. */
  private static String auditDetail(StudyExport export) {
    Anonymization anonymization = export.anonymization();
    StringBuilder levels = new StringBuilder();
    for (int q = 0; q < anonymization.hierarchies().size(); q++) {
      levels
          .append(q == 0 ? "" : ", ")
          .append(anonymization.hierarchies().get(q).name())
          .append('=')
          .append(anonymization.levelLabel(q));
    }
    InformationLoss loss = anonymization.loss();
    return String.format(
        Locale.ROOT,
        "export-study: study %s, key %s, %d patients, %d rows, %d suppressed, k=%d, format %s,"
            + " levels [%s], height %.3f, discernibility %d, suppressed share %.3f",
        export.study(),
        export.keyId(),
        export.cohortSize(),
        export.rows(),
        anonymization.suppressed(),
        export.k(),
        export.format().code(),
        levels,
        loss.generalisationHeight(),
        loss.discernibility(),
        loss.suppressedShare());
  }
}
