package org.ccpfhir.mdssearch.fhir;

import java.util.Date;
import java.util.Map;
import java.util.TreeMap;
import org.ccpfhir.disclosure.Released;
import org.ccpfhir.mdssearch.count.Stratifier;
import org.ccpfhir.mdssearch.disclosure.ReleasedCounts;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/**
 * Turns released counts into a summary MeasureReport (OperationDefinition mds-evaluate-measure).
 */
final class MeasureReportBuilder {

  static final String POPULATION_SYSTEM =
      "http://terminology.hl7.org/CodeSystem/measure-population";
  static final String GROUP_SYSTEM = "https://ccp-fhir.org/fhir/CodeSystem/count-group";

  private final CountSearchProperties properties;

  MeasureReportBuilder(CountSearchProperties properties) {
    this.properties = properties;
  }

  MeasureReport build(String measureUrl, ReleasedCounts counts) {
    MeasureReport report = new MeasureReport();
    report.setStatus(MeasureReport.MeasureReportStatus.COMPLETE);
    report.setType(MeasureReport.MeasureReportType.SUMMARY);
    report.setMeasure(measureUrl == null ? "urn:ccp-fhir:inline-measure" : measureUrl);
    report.setDate(new Date());
    report.setPeriod(
        new Period().setStartElement(new DateTimeType("1900-01-01")).setEnd(new Date()));
    Map<String, Organization> sites = new TreeMap<>();

    MeasureReport.MeasureReportGroupComponent patients = report.addGroup();
    patients.setCode(concept(GROUP_SYSTEM, "patients"));
    count(patients.addPopulation(), counts.patients());
    for (ReleasedCounts.Stratification stratification : counts.stratifications()) {
      MeasureReport.MeasureReportGroupStratifierComponent stratifier = patients.addStratifier();
      stratification
          .dimensions()
          .forEach(d -> stratifier.addCode(concept(CountExtensions.STRATIFIER_SYSTEM, d.code())));
      stratification
          .cells()
          .forEach(
              (values, released) -> {
                MeasureReport.StratifierGroupComponent stratum = stratifier.addStratum();
                if (values.size() == 1) {
                  stratum.setValue(value(stratification.dimensions().get(0), values.get(0), sites));
                } else {
                  for (int i = 0; i < values.size(); i++) {
                    Stratifier dimension = stratification.dimensions().get(i);
                    stratum
                        .addComponent()
                        .setCode(concept(CountExtensions.STRATIFIER_SYSTEM, dimension.code()))
                        .setValue(value(dimension, values.get(i), sites));
                  }
                }
                MeasureReport.StratifierGroupPopulationComponent population =
                    stratum.addPopulation();
                population.setCode(concept(POPULATION_SYSTEM, "initial-population"));
                population.setCountElement(countElement(released));
              });
    }

    MeasureReport.MeasureReportGroupComponent specimen = report.addGroup();
    specimen.setCode(concept(GROUP_SYSTEM, "specimen"));
    count(specimen.addPopulation(), counts.samples());
    sites.values().forEach(report::addContained);
    return report;
  }

  private CodeableConcept value(
      Stratifier stratifier, String value, Map<String, Organization> sites) {
    if (stratifier != Stratifier.SITE) {
      return new CodeableConcept().setText(stratifier.label(value));
    }
    CountSearchProperties.Site site = properties.sites().get(value);
    CodeableConcept concept = new CodeableConcept().setText(value);
    concept
        .addCoding()
        .setSystem(CountExtensions.SITE_SYSTEM)
        .setCode(value)
        .setDisplay(site == null ? null : site.name());
    if (site != null) {
      sites.computeIfAbsent(value, code -> organization(code, site));
      concept.addExtension(CountExtensions.SITE_CONTACT, new Reference("#site-" + value));
    }
    return concept;
  }

  private static Organization organization(String code, CountSearchProperties.Site site) {
    Organization organization = new Organization().setName(site.name());
    organization.setId("site-" + code);
    organization.addIdentifier().setSystem(CountExtensions.SITE_SYSTEM).setValue(code);
    organization
        .addTelecom()
        .setSystem(ContactPoint.ContactPointSystem.EMAIL)
        .setValue(site.email());
    if (!site.phone().isBlank()) {
      organization
          .addTelecom()
          .setSystem(ContactPoint.ContactPointSystem.PHONE)
          .setValue(site.phone());
    }
    return organization;
  }

  private static void count(
      MeasureReport.MeasureReportGroupPopulationComponent population, Released released) {
    population.setCode(concept(POPULATION_SYSTEM, "initial-population"));
    population.setCountElement(countElement(released));
  }

  private static IntegerType countElement(Released released) {
    IntegerType count = new IntegerType();
    if (released.belowFloor()) {
      CountExtensions.markBelowFloor(count, released);
    } else {
      count.setValue(released.value());
    }
    return count;
  }

  private static CodeableConcept concept(String system, String code) {
    CodeableConcept concept = new CodeableConcept();
    concept.addCoding().setSystem(system).setCode(code);
    return concept;
  }
}
