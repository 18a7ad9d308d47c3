package org.ccpfhir.mappers.upload;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.util.FhirTerser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ClinicalImpression;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;

/**
 * The minimised MDS bundle of one patient for the upload to the MDS database (CCP-IT §3.4): only
 * data-set elements — the Patient reduced to sex, birth month/year and whether deceased; the MDS-K
 * / MDS-B resources without identifiers, free text, narrative, contained resources or references
 * leaving the patient's data. Resource ids are replaced by their position (sorted by type and
 * original id), so the site's ids do not travel and the same data always gives the same bytes: the
 * Teiler's change detection hashes them.
 */
public final class MdsMinimiser {

  /** The resource types of the data set; everything else stays at the site. */
  public static final Set<String> MDS_TYPES =
      Set.of(
          "Condition",
          "Observation",
          "Procedure",
          "MedicationStatement",
          "Specimen",
          "ClinicalImpression");

  private final FhirContext fhir;

  public MdsMinimiser(FhirContext fhir) {
    this.fhir = fhir;
  }

  /**
   * @param patient the patient as stored at the site
   * @param related the patient's resources (any type; only {@link #MDS_TYPES} are kept)
   * @return a collection bundle: the Patient first, then the kept resources
   */
  public Bundle minimise(Patient patient, List<? extends Resource> related) {
    List<Resource> kept = new ArrayList<>();
    kept.add(patient(patient));
    related.stream()
        .filter(r -> MDS_TYPES.contains(r.fhirType()))
        .sorted(Comparator.comparing(Resource::fhirType).thenComparing(r -> r.getIdPart() + ""))
        .map(MdsMinimiser::stripped)
        .forEach(kept::add);
    return assemble(kept);
  }

  private Bundle assemble(List<Resource> kept) {
    // copies keep their original ids until here: original reference -> position
    Map<String, String> ids = new HashMap<>();
    for (int i = 0; i < kept.size(); i++) {
      Resource resource = kept.get(i);
      ids.put(
          resource.fhirType() + "/" + resource.getIdElement().getIdPart(), position(resource, i));
    }
    FhirTerser terser = fhir.newTerser();
    Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
    for (int i = 0; i < kept.size(); i++) {
      Resource resource = kept.get(i);
      for (Reference reference :
          terser.getAllPopulatedChildElementsOfType(resource, Reference.class)) {
        String target =
            reference.getReferenceElement().isEmpty()
                ? null
                : ids.get(
                    reference.getReferenceElement().getResourceType()
                        + "/"
                        + reference.getReferenceElement().getIdPart());
        // identifiers and display texts of references can name people or local systems
        reference.setIdentifier(null).setDisplay(null).setReference(target);
      }
      resource.setId(position(resource, i));
      bundle.addEntry().setFullUrl(position(resource, i)).setResource(resource);
    }
    return bundle;
  }

  private static String position(Resource resource, int index) {
    return resource.fhirType() + "/" + (index + 1);
  }

  private static Patient patient(Patient source) {
    Patient patient = new Patient();
    patient.setId(source.getIdElement().getIdPart());
    patient.setMeta(profiles(source));
    patient.setGender(source.getGender());
    if (source.hasBirthDate()) {
      DateType month = new DateType(source.getBirthDate(), TemporalPrecisionEnum.MONTH);
      if (source.getBirthDateElement().getPrecision() == TemporalPrecisionEnum.YEAR) {
        month = new DateType(source.getBirthDate(), TemporalPrecisionEnum.YEAR);
      }
      patient.setBirthDateElement(month);
    }
    if (source.hasDeceased()) {
      // whether, not when: the date of death is not a data-set element (vital status is)
      boolean deceased =
          source.hasDeceasedBooleanType() ? source.getDeceasedBooleanType().booleanValue() : true;
      patient.setDeceased(new BooleanType(deceased));
    }
    return patient;
  }

  private static Resource stripped(Resource source) {
    DomainResource copy = (DomainResource) source.copy();
    copy.setMeta(profiles(source));
    copy.setText(null);
    copy.setContained(null);
    copy.setImplicitRules(null);
    copy.setLanguage(null);
    copy.setModifierExtension(null);
    if (copy instanceof Condition c) {
      c.setIdentifier(null).setNote(null);
    } else if (copy instanceof Observation o) {
      o.setIdentifier(null).setNote(null);
    } else if (copy instanceof Procedure p) {
      p.setIdentifier(null).setNote(null);
    } else if (copy instanceof MedicationStatement m) {
      m.setIdentifier(null).setNote(null);
    } else if (copy instanceof Specimen s) {
      s.setIdentifier(null).setNote(null).setAccessionIdentifier(null);
    } else if (copy instanceof ClinicalImpression ci) {
      ci.setIdentifier(null).setNote(null).setDescription(null);
    } else {
      throw new IllegalArgumentException("not a data-set resource: " + copy.fhirType());
    }
    return copy;
  }

  private static Meta profiles(Resource source) {
    Meta meta = new Meta();
    source.getMeta().getProfile().forEach(p -> meta.addProfile(p.getValue()));
    return meta.hasProfile() ? meta : null;
  }
}
