package org.ccpfhir.bridgehead.subjectaccess;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.ccpfhir.identity.idat.IdatParameters;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/** Reads an access request's export per component, and what a test expects in it. */
final class ExportEntries {

  private ExportEntries() {}

  /** The list's record as the export shows it: the normalised IDAT the ingest stored. */
  static Parameters expectedIdat(Patient idat) {
    Parameters person = new Parameters();
    person.addParameter(
        "firstName", new StringType(idat.getNameFirstRep().getGivenAsSingleString()));
    person.addParameter("lastName", new StringType(idat.getNameFirstRep().getFamily()));
    person.addParameter("birthDate", new DateType(idat.getBirthDateElement().getValueAsString()));
    if (idat.hasGender()) {
      person.addParameter("sex", new CodeType(idat.getGender().toCode()));
    }
    return IdatParameters.toParameters(IdatParameters.read(person).get(0));
  }

  static Parameters withIdAndTag(Parameters idat) {
    idat.setId("idat");
    ExportComponent list = ExportComponent.LOCAL_PATIENT_LIST;
    idat.getMeta().addTag(ExportComponent.SYSTEM, list.code(), list.title());
    return idat;
  }

  static String[] identifyingValues(Patient idat) {
    return new String[] {
      idat.getNameFirstRep().getFamily(),
      idat.getNameFirstRep().getGivenAsSingleString(),
      idat.getBirthDateElement().getValueAsString()
    };
  }

  static List<Resource> resources(Bundle export, ExportComponent component) {
    return export.getEntry().stream()
        .map(Bundle.BundleEntryComponent::getResource)
        .filter(r -> AccessRequestExport.componentOf(r).filter(component::equals).isPresent())
        .toList();
  }

  static Resource first(Bundle export, ExportComponent component) {
    return resources(export, component).get(0);
  }

  static Set<String> ids(Bundle export, ExportComponent component) {
    return resources(export, component).stream()
        .map(r -> r.fhirType() + "/" + r.getIdPart())
        .collect(Collectors.toSet());
  }

  static List<String> pseudonymValues(Parameters pseudonyms) {
    return pseudonyms.getParameters("pseudonym").stream()
        .map(
            p -> {
              String label =
                  p.getPart().stream()
                      .filter(x -> x.getName().equals("project"))
                      .map(x -> x.getValue().primitiveValue())
                      .findFirst()
                      .orElse(
                          p.getPart().stream()
                              .filter(x -> x.getName().equals("kind"))
                              .findFirst()
                              .orElseThrow()
                              .getValue()
                              .primitiveValue());
              Identifier identifier =
                  (Identifier)
                      p.getPart().stream()
                          .filter(x -> x.getName().equals("identifier"))
                          .findFirst()
                          .orElseThrow()
                          .getValue();
              return label + " " + identifier.getValue();
            })
        .toList();
  }

  static List<String> summary(Bundle export) {
    Parameters summary = (Parameters) export.getEntryFirstRep().getResource();
    return summary.getParameters("component").stream()
        .map(
            c ->
                c.getPart().stream()
                    .filter(p -> !p.getName().equals("note"))
                    .map(p -> p.getValue().primitiveValue())
                    .collect(Collectors.joining(" ")))
        .toList();
  }
}
