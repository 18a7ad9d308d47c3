package org.ccpfhir.bridgehead.subjectaccess;

import java.util.Date;
import java.util.Optional;
import org.ccpfhir.identity.idat.Idat;
import org.ccpfhir.identity.idat.IdatParameters;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * The export of one access request (machine-readable, also the data-portability export): a
 * collection Bundle with the case number as identifier; entry 0 is a Parameters {@code summary}
 * (status, count and note per component), every other entry a resource tagged with its {@link
 * ExportComponent}. The identifying data of the local patient list are added only when the export
 * is handed out ({@link #withIdat}), so the stored export never holds them.
 */
public final class AccessRequestExport {

  public static final String CASE_SYSTEM = "https://ccp-fhir.org/fhir/sid/access-request";

  /** Second tag of an MDS record: stored under the global or the local pseudonym. */
  public static final String MDS_KIND_SYSTEM =
      "https://ccp-fhir.org/fhir/CodeSystem/access-request-mds-record";

  private final Bundle bundle = new Bundle();
  private final Parameters summary = new Parameters();

  public AccessRequestExport(String caseNumber, String site, Date created) {
    bundle.setType(Bundle.BundleType.COLLECTION);
    bundle.getIdentifier().setSystem(CASE_SYSTEM).setValue(caseNumber);
    bundle.setTimestamp(created);
    summary.setId("summary");
    summary.addParameter("caseNumber", new StringType(caseNumber));
    summary.addParameter("site", new StringType(site));
    summary.addParameter("created", new DateTimeType(created));
    bundle.addEntry().setResource(summary);
  }

  /** The site store's resources; Consents count as their own component. */
  public AccessRequestExport siteStore(Iterable<Resource> resources) {
    int clinical = 0;
    int consents = 0;
    for (Resource resource : resources) {
      boolean consent = resource instanceof Consent;
      add(consent ? ExportComponent.CONSENT : ExportComponent.SITE_STORE, resource);
      consents += consent ? 1 : 0;
      clinical += consent ? 0 : 1;
    }
    status(ExportComponent.SITE_STORE, "complete", clinical, null);
    return status(ExportComponent.CONSENT, "complete", consents, null);
  }

  public AccessRequestExport add(ExportComponent component, Resource resource) {
    resource.getMeta().addTag(ExportComponent.SYSTEM, component.code(), component.title());
    bundle.addEntry().setResource(resource);
    return this;
  }

  /**
   * @param status {@code complete}, {@code unavailable} (asked but not answered) or {@code
   *     not-configured}
   * @param note why a component is not complete; never patient data
   */
  public AccessRequestExport status(
      ExportComponent component, String status, int count, String note) {
    Parameters.ParametersParameterComponent part = summary.addParameter().setName("component");
    part.addPart().setName("name").setValue(new CodeType(component.code()));
    part.addPart().setName("status").setValue(new CodeType(status));
    part.addPart().setName("count").setValue(new IntegerType(count));
    if (note != null) {
      part.addPart().setName("note").setValue(new StringType(note));
    }
    return this;
  }

  public Bundle bundle() {
    return bundle;
  }

  /**
   * A copy of a stored export with the patient's identifying data as entry 1 (if the list has
   * them).
   */
  public static Bundle withIdat(Bundle stored, Optional<Idat> idat) {
    Bundle export = stored.copy();
    idat.ifPresent(
        record -> {
          Parameters parameters = IdatParameters.toParameters(record);
          parameters.setId("idat");
          ExportComponent list = ExportComponent.LOCAL_PATIENT_LIST;
          parameters.getMeta().addTag(ExportComponent.SYSTEM, list.code(), list.title());
          export.getEntry().add(1, new Bundle.BundleEntryComponent().setResource(parameters));
        });
    return export;
  }

  /** The component a resource of the export belongs to (its tag), if any. */
  public static Optional<ExportComponent> componentOf(Resource resource) {
    return resource.getMeta().getTag().stream()
        .filter(tag -> ExportComponent.SYSTEM.equals(tag.getSystem()))
        .findFirst()
        .flatMap(tag -> ExportComponent.ofCode(tag.getCode()));
  }
}
