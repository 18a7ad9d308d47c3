package org.ccpfhir.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Generates snapshots from differentials with HAPI (ProfileUtilities behind {@link
 * SnapshotGeneratingValidationSupport}). Used at build time by the snapshot generator and, as a
 * fallback, when the loader meets a definition without snapshot.
 */
public final class Snapshots {

  private Snapshots() {}

  /**
   * Returns copies of the given definitions with generated snapshots. Extensions are generated
   * first because the profiles that slice them read the extension snapshots.
   *
   * @throws IllegalStateException if a snapshot cannot be generated or is incomplete
   */
  public static List<StructureDefinition> generate(
      FhirContext ctx, List<StructureDefinition> definitions) {
    PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(ctx);
    definitions.forEach(sd -> ours.addStructureDefinition(withoutSnapshot(sd)));
    SnapshotGeneratingValidationSupport generator = new SnapshotGeneratingValidationSupport(ctx);
    ValidationSupportChain chain =
        new ValidationSupportChain(
            ValidationSupportChain.CacheConfiguration.disabled(),
            new DefaultProfileValidationSupport(ctx),
            ours,
            generator);
    List<StructureDefinition> ordered = new ArrayList<>(definitions);
    ordered.sort(Comparator.comparing(sd -> "Extension".equals(sd.getType()) ? 0 : 1));
    List<StructureDefinition> result = new ArrayList<>();
    for (StructureDefinition sd : ordered) {
      StructureDefinition input = withoutSnapshot(sd);
      StructureDefinition out =
          (StructureDefinition)
              generator.generateSnapshot(
                  new ValidationSupportContext(chain),
                  input,
                  sd.getUrl(),
                  "https://ccp-fhir.org/fhir",
                  sd.getName());
      if (out == null || !out.hasSnapshot() || out.getSnapshot().getElement().isEmpty()) {
        throw new IllegalStateException("No snapshot generated for " + sd.getUrl());
      }
      checkDifferentialApplied(out);
      ours.addStructureDefinition(out);
      result.add(out);
    }
    return result;
  }

  private static StructureDefinition withoutSnapshot(StructureDefinition sd) {
    StructureDefinition copy = sd.copy();
    copy.setSnapshot(null);
    return copy;
  }

  /** Every differential element must show up in the snapshot, else ProfileUtilities dropped it. */
  private static void checkDifferentialApplied(StructureDefinition sd) {
    List<String> snapshotIds =
        sd.getSnapshot().getElement().stream().map(ElementDefinition::getId).toList();
    for (ElementDefinition diff : sd.getDifferential().getElement()) {
      if (!snapshotIds.contains(diff.getId())) {
        throw new IllegalStateException(
            sd.getUrl() + ": differential element " + diff.getId() + " is missing in the snapshot");
      }
    }
  }
}
