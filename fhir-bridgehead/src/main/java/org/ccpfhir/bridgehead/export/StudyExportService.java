package org.ccpfhir.bridgehead.export;

import static org.ccpfhir.bridgehead.export.ExportIssues.unprocessable;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.ccpfhir.bridgehead.export.anonymity.Anonymization;
import org.ccpfhir.bridgehead.export.anonymity.CohortTooSmallException;
import org.ccpfhir.bridgehead.export.anonymity.Hierarchy;
import org.ccpfhir.bridgehead.export.anonymity.KAnonymizer;
import org.ccpfhir.bridgehead.export.cohort.CohortPatient;
import org.ccpfhir.bridgehead.export.cohort.CohortReader;
import org.ccpfhir.security.cms.Envelopes;
import org.ccpfhir.security.cms.StudyKey;
import org.ccpfhir.security.tls.ComponentTls;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The k-anonymous study export: reads the cohort, generalises its quasi-identifiers until every
 * combination occurs at least k times ({@link KAnonymizer}), replaces the local pseudonym by a
 * study pseudonym, writes the rows and seals them — signed by the bridgehead's certificate,
 * encrypted under a fresh study key that travels only wrapped for the study's certificate.
 */
@Service
public class StudyExportService {

  /** The study pseudonym column, always first. */
  public static final String PSEUDONYM_COLUMN = "study-pseudonym";

  private final CohortReader cohorts;
  private final StudyCertificates certificates;
  private final StudyPseudonyms pseudonyms;
  private final ExportProperties properties;
  private final ObjectProvider<ComponentTls> tls;
  private final FhirContext fhirContext;

  public StudyExportService(
      CohortReader cohorts,
      StudyCertificates certificates,
      StudyPseudonyms pseudonyms,
      ExportProperties properties,
      ObjectProvider<ComponentTls> tls,
      FhirContext fhirContext) {
    this.cohorts = cohorts;
    this.certificates = certificates;
    this.pseudonyms = pseudonyms;
    this.properties = properties;
    this.tls = tls;
    this.fhirContext = fhirContext;
  }

  public StudyExport export(ExportRequest request) {
    X509Certificate recipient = certificates.resolve(request.study(), request.studyCertificate());
    int k = request.k() != null ? request.k() : properties.defaultK();
    List<CohortPatient> patients = cohorts.read(request.cohort(), properties.maxCohortSize());
    List<ExportColumn> columns = columns(request.columns(), patients);
    Anonymization anonymization = anonymise(columns, patients, k);
    byte[] payload =
        request
            .format()
            .write(
                header(columns),
                rows(request.study(), columns, patients, anonymization),
                fhirContext);
    ComponentTls self = tls.getIfAvailable();
    if (self == null) {
      throw new InternalErrorException(
          "study exports are signed with the bridgehead certificate: ccp.tls is not enabled");
    }
    StudyKey key = StudyKey.generate();
    String keyId = request.study() + "/" + UUID.randomUUID();
    byte[] sealed = Envelopes.sealForStudy(payload, self.credential(), key, keyId);
    return new StudyExport(
        request.study(),
        keyId,
        request.format(),
        k,
        columns,
        sealed,
        key.wrapFor(recipient),
        patients.size(),
        anonymization);
  }

  /** The requested columns, or all columns (the postcode only if the store holds postcodes). */
  private static List<ExportColumn> columns(
      List<ExportColumn> requested, List<CohortPatient> patients) {
    if (!requested.isEmpty()) {
      return requested.stream().distinct().toList();
    }
    boolean postcodes = patients.stream().anyMatch(p -> p.postcode() != null);
    return Arrays.stream(ExportColumn.values())
        .filter(c -> c != ExportColumn.POSTCODE || postcodes)
        .toList();
  }

  private Anonymization anonymise(List<ExportColumn> columns, List<CohortPatient> patients, int k) {
    List<ExportColumn> qis = columns.stream().filter(ExportColumn::isQuasiIdentifier).toList();
    List<Hierarchy> hierarchies = qis.stream().map(ExportColumn::hierarchy).toList();
    List<String[]> values =
        patients.stream()
            .map(p -> qis.stream().map(c -> c.valueOf(p)).toArray(String[]::new))
            .toList();
    try {
      return new KAnonymizer(k, properties.maxSuppression()).anonymise(hierarchies, values);
    } catch (CohortTooSmallException e) {
      throw unprocessable("k", e.getMessage());
    }
  }

  private static List<String> header(List<ExportColumn> columns) {
    List<String> header = new ArrayList<>();
    header.add(PSEUDONYM_COLUMN);
    columns.forEach(c -> header.add(c.code()));
    return header;
  }

  /** Rows ordered by study pseudonym, so the order tells nothing about the cohort's order. */
  private List<String[]> rows(
      String study,
      List<ExportColumn> columns,
      List<CohortPatient> patients,
      Anonymization result) {
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < result.keptRows().length; i++) {
      CohortPatient patient = patients.get(result.keptRows()[i]);
      String[] generalised = result.values().get(i);
      String[] row = new String[columns.size() + 1];
      row[0] = pseudonyms.of(study, patient.localPseudonym());
      int q = 0;
      for (int c = 0; c < columns.size(); c++) {
        ExportColumn column = columns.get(c);
        row[c + 1] = column.isQuasiIdentifier() ? generalised[q++] : column.valueOf(patient);
      }
      rows.add(row);
    }
    rows.sort(Comparator.comparing(row -> row[0]));
    return rows;
  }
}
