package org.ccpfhir.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ccpfhir.profiles.MdsExamples.Example;
import org.ccpfhir.profiles.MdsExamples.Kind;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;

class MdsResourceLoaderTest {

  private final MdsResourceLoader loader = MdsResourceLoader.shared();

  @Test
  void everyStructureDefinitionComesWithABuildTimeSnapshot() {
    assertThat(loader.snapshotsFromBuild()).isTrue();
    assertThat(loader.structureDefinitions())
        .isNotEmpty()
        .allSatisfy(
            sd -> {
              assertThat(sd.hasSnapshot()).as(sd.getUrl()).isTrue();
              assertThat(sd.getSnapshot().getElement().size())
                  .as(sd.getUrl())
                  .isGreaterThan(sd.getDifferential().getElement().size());
            });
  }

  @Test
  void everyUrlConstantHasADefinitionAndNothingElseIsShipped() {
    Set<String> shipped =
        loader.structureDefinitions().stream()
            .map(StructureDefinition::getUrl)
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> declared = new TreeSet<>(MdsProfiles.ALL_PROFILES);
    declared.addAll(MdsProfiles.ALL_EXTENSIONS);
    declared.addAll(org.ccpfhir.profiles.task.SearchTasks.ALL_PROFILES);

    assertThat(shipped).isEqualTo(declared);
  }

  @Test
  void profilesAreConstraintsOnR4WithOurCanonicalBase() {
    for (String url : MdsProfiles.ALL_PROFILES) {
      StructureDefinition sd = loader.structureDefinition(url).orElseThrow();
      assertThat(sd.getFhirVersion().toCode()).isEqualTo("4.0.1");
      assertThat(sd.getDerivation()).isEqualTo(StructureDefinition.TypeDerivationRule.CONSTRAINT);
      assertThat(sd.getUrl()).isEqualTo(MdsProfiles.BASE + sd.getIdElement().getIdPart());
    }
  }

  @Test
  void slicingIsAlwaysOpenSoThatDktkShapedResourcesValidate() {
    for (StructureDefinition sd : loader.structureDefinitions()) {
      for (ElementDefinition element : sd.getDifferential().getElement()) {
        if (element.hasSlicing()) {
          assertThat(element.getSlicing().getRules())
              .as(sd.getUrl() + " " + element.getId())
              .isEqualTo(ElementDefinition.SlicingRules.OPEN);
        }
      }
    }
  }

  @Test
  void foreignProfileUrlsMapToShippedProfiles() {
    assertThat(MdsProfiles.FOREIGN_TO_MDS.values()).allMatch(MdsProfiles.ALL_PROFILES::contains);
    assertThat(MdsProfiles.mdsProfileFor(MdsProfiles.BBMRI_SPECIMEN))
        .contains(MdsProfiles.SPECIMEN);
    assertThat(
            MdsProfiles.mdsProfileFor(MdsProfiles.DKTK_BASE + "onco-core-Observation-TNMp|1.0.0"))
        .contains(MdsProfiles.TNM_PATHOLOGICAL);
  }

  @Test
  void exampleIndexListsEveryExampleAndEveryProfileHasValidAndInvalidOnes() throws IOException {
    Path dir = Path.of("src/main/resources/" + MdsExamples.DIR);
    Set<String> onDisk;
    try (Stream<Path> files = Files.walk(dir)) {
      onDisk =
          files
              .filter(p -> p.toString().endsWith(".json"))
              .map(p -> dir.relativize(p).toString().replace('\\', '/'))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    List<Example> examples = MdsExamples.all();
    assertThat(new TreeSet<>(examples.stream().map(Example::file).toList())).isEqualTo(onDisk);

    for (String profile : MdsProfiles.ALL_PROFILES) {
      assertThat(examples)
          .as(profile)
          .anyMatch(e -> e.kind() == Kind.VALID && profile.equals(e.profileUrl()))
          .anyMatch(e -> e.kind() == Kind.INVALID && profile.equals(e.profileUrl()));
    }
  }
}
