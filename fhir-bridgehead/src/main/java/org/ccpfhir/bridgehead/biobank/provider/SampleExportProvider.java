package org.ccpfhir.bridgehead.biobank.provider;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ccpfhir.bridgehead.biobank.SampleCsv;
import org.ccpfhir.bridgehead.biobank.Samples;
import org.ccpfhir.bridgehead.fhir.InternalSearches;
import org.ccpfhir.bridgehead.visibility.UnitVisibility;
import org.ccpfhir.security.audit.AuditEntry;
import org.ccpfhir.security.fhir.FhirProvider;
import org.ccpfhir.terminology.CodeSystems;
import org.ccpfhir.terminology.SampleMaterialTypes;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Specimen;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code GET [base]/Specimen/$export-samples} (OperationDefinition {@code export-samples} in
 * profiles): the samples selected by type, biobank status and storage location as CSV ({@link
 * SampleCsv}), a Binary {@code text/csv} (the raw file when the client does not ask for a FHIR
 * format). Biobank, data managers, admins ({@code BiobankAccessRules}).
 */
public class SampleExportProvider implements FhirProvider {

  private static final List<String> STATUSES =
      List.of("available", "reserved", "used-up", "destroyed");

  private final DaoRegistry daos;
  private final SampleMaterialTypes types;
  private final int maxRows;
  private final UnitVisibility visibility;

  public SampleExportProvider(
      DaoRegistry daos, SampleMaterialTypes types, int maxRows, UnitVisibility visibility) {
    this.daos = daos;
    this.types = types;
    this.maxRows = maxRows;
    this.visibility = visibility;
  }

  @Operation(name = "$export-samples", typeName = "Specimen", idempotent = true)
  public Binary exportSamples(
      @OperationParam(name = "type", max = 1) StringType type,
      @OperationParam(name = "status", max = 1) StringType status,
      @OperationParam(name = "freezer", max = 1) StringType freezer,
      @OperationParam(name = "rack", max = 1) StringType rack,
      @OperationParam(name = "box", max = 1) StringType box,
      RequestDetails request) {
    SearchParameterMap query = InternalSearches.unbounded(new SearchParameterMap());
    if (present(type)) {
      if (types.get(type.getValue()).isEmpty()) {
        throw new InvalidRequestException(
            "parameter 'type' must be a code of " + CodeSystems.SAMPLE_MATERIAL_TYPE);
      }
      query.add("type", new TokenParam(CodeSystems.SAMPLE_MATERIAL_TYPE, type.getValue()));
    }
    if (present(status)) {
      if (!STATUSES.contains(status.getValue())) {
        throw new InvalidRequestException("parameter 'status' must be one of " + STATUSES);
      }
      query.add("sample-status", new TokenParam(status.getValue()));
    }
    StringType[] location = {freezer, rack, box};
    for (int i = 0; i < location.length; i++) {
      if (present(location[i])) {
        query.add(
            "storage-" + Samples.LOCATION_PARTS.get(i),
            new StringParam(location[i].getValue(), true));
      }
    }
    IBundleProvider found =
        daos.getResourceDao("Specimen").search(query, new SystemRequestDetails());
    Integer size = found.size();
    if (size != null && size > maxRows) {
      throw new UnprocessableEntityException(
          "the filter selects "
              + size
              + " samples, more than one export holds ("
              + maxRows
              + "); narrow it by type, status or location");
    }
    List<Specimen> samples = new ArrayList<>();
    // department-scoped visibility: only the samples of patients the caller may see
    UnitVisibility.Check visible = visibility.forCurrentCaller();
    for (IBaseResource resource : InternalSearches.everything(found)) {
      if (visible.test(resource)) {
        samples.add((Specimen) resource);
      }
    }
    samples.sort(
        Comparator.comparing(
            (Specimen s) -> s.getIdElement().getIdPart(), Comparator.naturalOrder()));
    byte[] csv =
        SampleCsv.write(samples, pseudonyms(samples), types).getBytes(StandardCharsets.UTF_8);
    if (request instanceof ServletRequestDetails servlet) {
      servlet
          .getServletRequest()
          .setAttribute(
              AuditEntry.DETAIL_ATTRIBUTE, "export-samples: " + samples.size() + " samples");
    }
    Binary binary = new Binary();
    binary.setContentType("text/csv");
    binary.setData(csv);
    return binary;
  }

  /** The local pseudonym of each Patient whose samples do not carry it in subject.identifier. */
  private Map<String, String> pseudonyms(List<Specimen> samples) {
    Map<String, String> pseudonyms = new HashMap<>();
    for (Specimen sample : samples) {
      String reference = sample.getSubject().getReference();
      if (reference == null
          || sample.getSubject().hasIdentifier()
          || pseudonyms.containsKey(reference)) {
        continue;
      }
      String pseudonym = "";
      try {
        Patient patient =
            (Patient)
                daos.getResourceDao("Patient")
                    .read(new IdType(reference), new SystemRequestDetails());
        pseudonym = patient.hasIdentifier() ? patient.getIdentifierFirstRep().getValue() : "";
      } catch (ResourceNotFoundException | ResourceGoneException e) {
        // a sample of a deleted patient: no pseudonym to show
      }
      pseudonyms.put(reference, pseudonym);
    }
    return pseudonyms;
  }

  private static boolean present(StringType value) {
    return value != null && value.hasValue() && !value.getValue().isBlank();
  }
}
