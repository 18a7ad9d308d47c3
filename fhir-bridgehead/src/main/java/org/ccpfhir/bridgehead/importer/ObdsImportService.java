package org.ccpfhir.bridgehead.importer;

import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ccpfhir.bridgehead.ingest.IngestRequestInterceptor;
import org.ccpfhir.bridgehead.pseudonym.LocalPatientListProperties;
import org.ccpfhir.mappers.MappedFile;
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
 * bridgehead's ingest path. The patients' bundles become one transaction, so a document is stored
 * as a whole or not at all; that transaction passes the same checks as a POSTed one (IDAT guard
 * with pseudonymization, profile validation) and the same storage interceptors.
 */
@Service
public class ObdsImportService {

  /** The result of an import: the transaction response and what the document held. */
  public record Result(Bundle response, int messages, int patients, int resources) {}

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
   * @throws InvalidRequestException (400) when the document is not valid oBDS / ADT-GEKID XML
   * @throws ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException (422) when ingest
   *     refuses a resource
   */
  public Result importDocument(byte[] document, String source, RequestDetails request) {
    MappedFile mapped;
    try {
      mapped = mapperFor(document).map(new ByteArrayInputStream(document), source);
    } catch (MappingException e) {
      throw new InvalidRequestException(e.getMessage(), MappingOutcomes.of(e));
    }
    if (mapped.bundles().isEmpty()) {
      throw new InvalidRequestException("the document holds no patient");
    }
    Bundle transaction = merge(mapped.bundles());
    // entry URLs before the ingest may rewrite them, for the refusal notes
    Bundle urls = urls(transaction);
    try {
      ingest.checkTransaction(request, transaction);
    } catch (UnprocessableEntityException e) {
      if (e.getOperationOutcome() instanceof OperationOutcome outcome) {
        RefusalNotes.annotate(outcome, urls);
      }
      throw e;
    }
    Bundle response = transaction(transaction, request);
    return new Result(
        response, mapped.messages(), mapped.patients(), transaction.getEntry().size());
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

  private static Bundle urls(Bundle transaction) {
    Bundle urls = new Bundle();
    transaction.getEntry().forEach(e -> urls.addEntry().setRequest(e.getRequest().copy()));
    return urls;
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
