package org.ccpfhir.bridgehead.importer;

import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ccpfhir.bridgehead.ingest.IngestRequestInterceptor;
import org.ccpfhir.bridgehead.pseudonym.LocalPatientListProperties;
import org.ccpfhir.mappers.ImportReport;
import org.ccpfhir.mappers.MappedFile;
import org.ccpfhir.mappers.MappedFile.MappedPatient;
import org.ccpfhir.mappers.MappingException;
import org.ccpfhir.mappers.SourceMapper;
import org.ccpfhir.mappers.adt.AdtMapper;
import org.ccpfhir.mappers.fhir.PatientBundleBuilder;
import org.ccpfhir.mappers.fhir.ResourceIds;
import org.ccpfhir.mappers.obds.ObdsMapper;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.stereotype.Service;

/**
 * Maps an oBDS 3 or ADT-GEKID 2 document with the mappers library and stores it through the
 * bridgehead's ingest path. The patient is the unit: each patient's bundle passes the same checks
 * as a POSTed transaction (IDAT guard with pseudonymization, profile validation); the patients that
 * pass are stored in one transaction and the same storage interceptors. Patients refused by the
 * mappers' tolerance policy or by the checks are reported, never stored in part. Should the joint
 * transaction fail on one patient's data (e.g. a reference to a diagnosis that was never imported),
 * every patient is stored in a transaction of its own, so only that one is refused.
 */
@Service
public class ObdsImportService {

  /**
   * The result of an import.
   *
   * @param responses the transaction responses of what was stored (one, or one per patient after a
   *     failed joint transaction)
   */
  public record Result(ImportReport report, List<Bundle> responses, int messages) {}

  private final IFhirSystemDao<?, ?> systemDao;
  private final IngestRequestInterceptor ingest;
  private final SourceMapper obds;
  private final SourceMapper adt;

  public ObdsImportService(
      IFhirSystemDao<?, ?> systemDao,
      IngestRequestInterceptor ingest,
      LocalPatientListProperties site,
      ImportProperties properties) {
    this.systemDao = systemDao;
    this.ingest = ingest;
    // the same ids as ccp-etl with --site <site> (and --id-key-file): both paths update each other
    PatientBundleBuilder builder = new PatientBundleBuilder(ids(site.site(), properties));
    this.obds = new ObdsMapper(builder);
    this.adt = new AdtMapper(builder);
  }

  /**
   * Maps and stores one document.
   *
   * @param request the operation's request: the transaction runs with it, so the storage-level
   *     guard recognizes the entries checked here
   * @throws InvalidRequestException (400) when the document is not readable oBDS / ADT-GEKID XML
   *     (not well-formed, another format, a schema problem outside every patient)
   * @throws UnprocessableEntityException (422) when no patient could be stored; its
   *     OperationOutcome names every refused patient
   */
  public Result importDocument(byte[] document, String source, RequestDetails request) {
    MappedFile mapped;
    try {
      mapped = mapperFor(document).map(new ByteArrayInputStream(document), source);
    } catch (MappingException e) {
      throw new InvalidRequestException(e.getMessage(), MappingOutcomes.of(e));
    }
    if (mapped.mapped().isEmpty() && mapped.refused().isEmpty()) {
      throw new InvalidRequestException("the document holds no patient");
    }
    List<ImportReport.Refusal> refused = new ArrayList<>();
    List<MappedPatient> checked = new ArrayList<>();
    for (MappedPatient patient : mapped.mapped()) {
      // entry URLs before the ingest may rewrite them, to name refused resources
      List<String> urls = urls(patient.bundle());
      try {
        ingest.checkTransaction(request, patient.bundle());
        checked.add(patient);
      } catch (UnprocessableEntityException | InvalidRequestException e) {
        refused.add(refusal(patient, "validation", e, urls));
      }
    }
    List<Bundle> responses = store(checked, refused, request);
    ImportReport report = ImportReport.of(mapped, refused);
    if (report.patientsStored() == 0) {
      throw new UnprocessableEntityException(report.summaryLine(), ImportAnswer.outcome(report));
    }
    return new Result(report, responses, mapped.messages());
  }

  /** One transaction for all checked patients; patient by patient when that one is refused. */
  private List<Bundle> store(
      List<MappedPatient> checked, List<ImportReport.Refusal> refused, RequestDetails request) {
    if (checked.isEmpty()) {
      return List.of();
    }
    try {
      return List.of(
          transaction(merge(checked.stream().map(MappedPatient::bundle).toList()), request));
    } catch (BaseServerResponseException e) {
      if (!isRefusal(e)) {
        throw e;
      }
    }
    List<Bundle> responses = new ArrayList<>();
    for (MappedPatient patient : checked) {
      List<String> urls = urls(patient.bundle());
      try {
        responses.add(transaction(patient.bundle(), request));
      } catch (BaseServerResponseException e) {
        if (!isRefusal(e)) {
          throw e;
        }
        refused.add(refusal(patient, "storage", e, urls));
      }
    }
    return responses;
  }

  /** A client-data problem (the patient's), not the server's or a busy store's. */
  private static boolean isRefusal(BaseServerResponseException e) {
    int status = e.getStatusCode();
    return status == 400 || status == 404 || status == 409 || status == 412 || status == 422;
  }

  /**
   * The first error of the ingest's or the store's answer: its rule (issue code, or the HTTP
   * status), the element (entry index replaced by the resource's type and id) and the message,
   * which the ingest keeps free of values.
   */
  private static ImportReport.Refusal refusal(
      MappedPatient patient, String stage, BaseServerResponseException e, List<String> urls) {
    String rule = "HTTP " + e.getStatusCode();
    String element = "";
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e.getOperationOutcome() instanceof OperationOutcome outcome) {
      for (OperationOutcome.OperationOutcomeIssueComponent issue : outcome.getIssue()) {
        if (issue.getSeverity() == OperationOutcome.IssueSeverity.ERROR
            || issue.getSeverity() == OperationOutcome.IssueSeverity.FATAL) {
          if (issue.getCode() != null) {
            rule = issue.getCode().toCode();
          }
          if (issue.hasExpression()) {
            element = entryNamed(issue.getExpression().get(0).getValue(), urls);
          }
          if (issue.hasDiagnostics()) {
            message = issue.getDiagnostics();
          }
          break;
        }
      }
    }
    return new ImportReport.Refusal(patient.sourceId(), stage, rule, element, message);
  }

  private static final Pattern ENTRY = Pattern.compile("^Bundle\\.entry\\[(\\d+)]\\.resource");

  /** {@code Bundle.entry[3].resource.code} → {@code Observation/<id>.code}. */
  static String entryNamed(String expression, List<String> urls) {
    Matcher m = ENTRY.matcher(expression);
    if (m.find()) {
      int index = Integer.parseInt(m.group(1));
      if (index < urls.size()) {
        return urls.get(index) + expression.substring(m.end());
      }
    }
    return expression;
  }

  /** ADT-GEKID by its namespace near the start, everything else goes to the oBDS mapper. */
  private SourceMapper mapperFor(byte[] document) {
    String head = new String(document, 0, Math.min(document.length, 4096), StandardCharsets.UTF_8);
    return head.contains(AdtMapper.NAMESPACE) && !head.contains(ObdsMapper.NAMESPACE) ? adt : obds;
  }

  /**
   * One transaction of all patients' entries. Entries are PUTs on stable ids; a resource that
   * occurs twice (the same patient twice in a document) keeps its later version, as a later message
   * wins.
   */
  static Bundle merge(List<Bundle> bundles) {
    Map<String, BundleEntryComponent> entries = new LinkedHashMap<>();
    for (Bundle bundle : bundles) {
      for (BundleEntryComponent entry : bundle.getEntry()) {
        String key = entry.getRequest().getMethod() + " " + entry.getRequest().getUrl();
        entries.put(key, entry);
      }
    }
    Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    entries.values().forEach(transaction::addEntry);
    return transaction;
  }

  private static List<String> urls(Bundle bundle) {
    return bundle.getEntry().stream().map(e -> e.getRequest().getUrl()).toList();
  }

  @SuppressWarnings("unchecked")
  private Bundle transaction(Bundle transaction, RequestDetails request) {
    return ((IFhirSystemDao<Bundle, ?>) systemDao).transaction(request, transaction);
  }

  private static ResourceIds ids(String site, ImportProperties properties) {
    if (properties.idKeyFile() == null) {
      return ResourceIds.forSite(site);
    }
    try {
      return new ResourceIds(site, Files.readAllBytes(properties.idKeyFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read ccp.import.id-key-file", e);
    }
  }
}
