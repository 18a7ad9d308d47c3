package org.ccpfhir.mappers.tolerance;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.ccpfhir.mappers.MappedFile;
import org.ccpfhir.mappers.MappedFile.MappedPatient;
import org.ccpfhir.mappers.MappedFile.RefusedPatient;
import org.ccpfhir.mappers.fhir.PatientBundleBuilder;
import org.ccpfhir.mappers.fhir.PatientRecord;
import org.ccpfhir.mappers.xml.ValidatingXmlReader;
import org.ccpfhir.mappers.xml.XmlElement;
import org.hl7.fhir.r4.model.Bundle;

/**
 * The patient as the unit of refusal, for both XML formats: each patient of a leniently read
 * document is mapped on its own; a schema problem inside it, a refusal by a policy rule, a date
 * after today or a value the readers cannot handle refuses that patient only, and nothing of it is
 * returned.
 */
public final class PatientUnits {

  /** Reads one patient element into its merged record. */
  public interface Reader {
    PatientRecord read(XmlElement patient);
  }

  private PatientUnits() {}

  public static MappedFile map(
      ValidatingXmlReader.Document document,
      String source,
      Function<XmlElement, String> sourceIdOf,
      Reader reader,
      PatientBundleBuilder builder) {
    List<MappedPatient> mapped = new ArrayList<>();
    List<RefusedPatient> refused = new ArrayList<>();
    int messages = 0;
    LocalDate latest = LocalDate.now(ZoneOffset.UTC).plusDays(1);
    for (XmlElement patient :
        document.root().at("Menge_Patient").map(m -> m.children("Patient")).orElse(List.of())) {
      String sourceId = sourceIdOf.apply(patient);
      List<Issue> issues = new ArrayList<>(document.issuesOf(patient));
      PatientRecord record = null;
      Bundle bundle = null;
      if (issues.stream().noneMatch(Issue::refusal)) {
        try {
          record = reader.read(patient);
          issues.addAll(record.issues().all());
          DateRule.check(patient, latest, issues);
          if (issues.stream().noneMatch(Issue::refusal)) {
            bundle = builder.build(record);
          }
        } catch (RuntimeException e) {
          // the schema let a value through that the readers cannot take; name the kind only
          issues.add(
              new Issue(
                  Issue.Action.REFUSED,
                  "mapping-error",
                  "",
                  "the patient's data cannot be mapped (" + e.getClass().getSimpleName() + ")"));
        }
      }
      if (bundle != null) {
        mapped.add(new MappedPatient(sourceId, bundle, List.copyOf(issues)));
        messages += record.messages();
      } else {
        Issue reason = issues.stream().filter(Issue::refusal).findFirst().orElseThrow();
        refused.add(new RefusedPatient(sourceId, reason, List.copyOf(issues)));
      }
    }
    return new MappedFile(
        source, mapped, refused, List.copyOf(document.documentIssues()), messages);
  }
}
