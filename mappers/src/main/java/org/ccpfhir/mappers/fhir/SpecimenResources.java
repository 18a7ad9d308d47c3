package org.ccpfhir.mappers.fhir;

import static org.ccpfhir.mappers.fhir.Fhir.concept;

import org.ccpfhir.mappers.fhir.Onco.Sample;
import org.ccpfhir.profiles.MdsProfiles;
import org.ccpfhir.terminology.CodeSystems;
import org.hl7.fhir.r4.model.Specimen;

/** Biosamples as Specimen in the BBMRI shape (type from SampleMaterialType). */
public final class SpecimenResources {

  static final String SAMPLE_ID_SYSTEM = "https://ccp-fhir.org/fhir/sid/";

  private final Refs refs;
  private final String site;

  public SpecimenResources(Refs refs, String site) {
    this.refs = refs;
    this.site = site;
  }

  public String id(String sampleKey) {
    return refs.id("spec", sampleKey);
  }

  public Specimen specimen(Sample s) {
    Specimen sp = new Specimen();
    sp.setId(id(s.key()));
    sp.getMeta().addProfile(MdsProfiles.SPECIMEN);
    sp.addIdentifier().setSystem(SAMPLE_ID_SYSTEM + site + "-sample").setValue(s.key());
    if (s.project() != null) {
      sp.addIdentifier().setSystem(s.project()).setValue(s.key());
    }
    sp.setStatus(status(s.status()));
    sp.setType(concept(CodeSystems.SAMPLE_MATERIAL_TYPE, s.type()));
    sp.setSubject(refs.patient());
    if (s.collected() != null) {
      sp.getCollection().setCollected(Fhir.dateTime(s.collected()));
    }
    if (s.bodySite() != null) {
      sp.getCollection().setBodySite(concept(CodeSystems.ICDO3, s.bodySiteVersion(), s.bodySite()));
    }
    if (s.quantity() != null) {
      sp.getCollection().getQuantity().setValue(s.quantity().value()).setUnit(s.quantity().unit());
    }
    if (s.parentKey() != null) {
      sp.addParent(Refs.ref("Specimen", id(s.parentKey())));
    }
    return sp;
  }

  private static Specimen.SpecimenStatus status(String code) {
    if (code == null) {
      return Specimen.SpecimenStatus.AVAILABLE;
    }
    return switch (code) {
      case "unavailable" -> Specimen.SpecimenStatus.UNAVAILABLE;
      case "unsatisfactory" -> Specimen.SpecimenStatus.UNSATISFACTORY;
      case "entered-in-error" -> Specimen.SpecimenStatus.ENTEREDINERROR;
      default -> Specimen.SpecimenStatus.AVAILABLE;
    };
  }
}
