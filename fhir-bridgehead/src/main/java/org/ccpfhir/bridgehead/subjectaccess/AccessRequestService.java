package org.ccpfhir.bridgehead.subjectaccess;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.ccpfhir.bridgehead.subjectaccess.AccessRequestRepository.StoredCase;
import org.ccpfhir.identity.idat.Idat;
import org.ccpfhir.identity.local.LocalPatientList;
import org.ccpfhir.security.cms.EnvelopeException;
import org.ccpfhir.security.logging.SafeLog;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access requests (CCP-IT §6.3): opens a case under a fresh case number, collects per component
 * what is stored about the patient and keeps the export — without the identifying data, which stay
 * in the local patient list and are added whenever the export is handed out.
 */
public class AccessRequestService {

  private static final Logger log = LoggerFactory.getLogger(AccessRequestService.class);

  private final AccessRequestParts parts;
  private final Clock clock;

  public AccessRequestService(AccessRequestParts parts, Clock clock) {
    this.parts = parts;
    this.clock = clock;
  }

  /**
   * What the service reads and writes.
   *
   * @param mds null when the upload to the MDS database is not configured
   * @param centralList null when the identity network is not configured
   */
  public record AccessRequestParts(
      LocalPatientList localList,
      String localSystem,
      String site,
      SiteStoreReader store,
      PseudonymFacts pseudonyms,
      MdsSubjectDataClient mds,
      CentralListSubjectDataClient centralList,
      AccessRequestRepository cases,
      CaseNumbers caseNumbers,
      FhirContext fhir) {}

  /** An opened request: its case number and the export as handed out. */
  public record Opened(String caseNumber, Bundle export) {}

  public Opened open(String bkLocal, String requestedBy) {
    Optional<Idat> idat = parts.localList().idatOf(bkLocal);
    List<Resource> stored = parts.store().read(parts.localSystem(), bkLocal);
    if (idat.isEmpty() && stored.isEmpty()) {
      throw new ResourceNotFoundException(
          "parameter 'pseudonym': no patient of this site has this local pseudonym");
    }
    String caseNumber = parts.caseNumbers().next();
    Date now = Date.from(clock.instant());
    AccessRequestExport export = new AccessRequestExport(caseNumber, parts.site(), now);
    export.status(ExportComponent.LOCAL_PATIENT_LIST, "complete", idat.isPresent() ? 1 : 0, null);
    export.siteStore(stored);
    List<String> patientIds =
        stored.stream()
            .filter(Patient.class::isInstance)
            .map(r -> r.getIdElement().getIdPart())
            .toList();
    String bkGlobal = parts.pseudonyms().global(patientIds);
    var pseudonyms = parts.pseudonyms().of(bkLocal, bkGlobal);
    export.add(ExportComponent.PSEUDONYMS, pseudonyms);
    export.status(ExportComponent.PSEUDONYMS, "complete", pseudonyms.getParameter().size(), null);
    mdsRecords(export, caseNumber, bkLocal, bkGlobal);
    centralListFacts(export, caseNumber, bkGlobal);
    Bundle withoutIdat = export.bundle();
    parts
        .cases()
        .insert(
            new StoredCase(
                caseNumber,
                bkLocal,
                requestedBy,
                now.getTime(),
                parts.fhir().newJsonParser().encodeResourceToString(withoutIdat)));
    return new Opened(caseNumber, AccessRequestExport.withIdat(withoutIdat, idat));
  }

  /** The kept export of a case, with the identifying data as the local list holds them now. */
  public Bundle export(String caseNumber) {
    StoredCase stored =
        parts
            .cases()
            .find(caseNumber)
            .orElseThrow(
                () ->
                    new ResourceNotFoundException(
                        "parameter 'case': no access request with this case number is kept"));
    Bundle export = parts.fhir().newJsonParser().parseResource(Bundle.class, stored.exportJson());
    return AccessRequestExport.withIdat(export, parts.localList().idatOf(stored.bkLocal()));
  }

  private void mdsRecords(
      AccessRequestExport export, String caseNumber, String bkLocal, String bkGlobal) {
    if (parts.mds() == null) {
      export.status(
          ExportComponent.MDS_DATABASE,
          "not-configured",
          0,
          "this bridgehead does not upload to an MDS database");
      return;
    }
    try {
      List<MdsSubjectDataClient.MdsRecord> records =
          parts.mds().records(caseNumber, bkLocal, bkGlobal);
      for (MdsSubjectDataClient.MdsRecord record : records) {
        Bundle bundle = record.bundle();
        bundle.getMeta().setLastUpdatedElement(record.updated());
        bundle.getMeta().addTag(AccessRequestExport.MDS_KIND_SYSTEM, record.kind(), null);
        export.add(ExportComponent.MDS_DATABASE, bundle);
      }
      export.status(ExportComponent.MDS_DATABASE, "complete", records.size(), null);
    } catch (BaseServerResponseException | EnvelopeException e) {
      // the case stays usable; the summary says that this component could not be asked
      log.warn("access request {}: MDS database not asked: {}", caseNumber, SafeLog.describe(e));
      export.status(
          ExportComponent.MDS_DATABASE,
          "unavailable",
          0,
          "the MDS database or the central patient list did not answer; ask again later");
    }
  }

  private void centralListFacts(AccessRequestExport export, String caseNumber, String bkGlobal) {
    ExportComponent component = ExportComponent.CENTRAL_LIST;
    if (parts.centralList() == null) {
      export.status(
          component, "not-configured", 0, "this bridgehead is not part of the identity network");
      return;
    }
    if (bkGlobal == null) {
      export.status(
          component, "complete", 0, "the patient has no global pseudonym; nothing was registered");
      return;
    }
    try {
      Parameters facts = parts.centralList().facts(caseNumber, bkGlobal);
      export.add(component, facts);
      export.status(component, "complete", CentralListSubjectDataClient.records(facts), null);
    } catch (BaseServerResponseException e) {
      log.warn(
          "access request {}: central patient list not asked: {}", caseNumber, SafeLog.describe(e));
      export.status(
          component, "unavailable", 0, "the central patient list did not answer; ask again later");
    }
  }
}
