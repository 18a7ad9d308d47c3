package org.ccpfhir.mappers.tolerance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.ccpfhir.mappers.MappedFile;
import org.ccpfhir.mappers.MappedFile.MappedPatient;
import org.ccpfhir.mappers.MappedFile.RefusedPatient;
import org.ccpfhir.mappers.SourceMapper;
import org.ccpfhir.mappers.adt.AdtMapper;
import org.ccpfhir.mappers.fhir.PatientBundleBuilder;
import org.ccpfhir.mappers.fhir.ResourceIds;
import org.ccpfhir.mappers.obds.ObdsMapper;
import org.ccpfhir.mappers.testing.DirtyExports;
import org.ccpfhir.mappers.testing.DirtyExports.Dirt;
import org.ccpfhir.mappers.testing.DirtyExports.Expected;
import org.ccpfhir.mappers.testing.DirtyExports.Format;
import org.ccpfhir.mappers.testing.MdsCheck;
import org.ccpfhir.profiles.MdsProfiles;
import org.ccpfhir.terminology.CcpTerminology;
import org.ccpfhir.terminology.CodeSystems;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * The generated dirty corpora (oBDS 3 and ADT-GEKID 2, {@link DirtyExports}) through their mappers:
 * ≥ 99 % of the patients stored, exactly the expected ones refused with their rule, no value
 * invented, no coding without code, every code of the MDS lists.
 */
class DirtyCorpusTest {

  static final ObdsMapper MAPPER =
      new ObdsMapper(new PatientBundleBuilder(ResourceIds.forSite("HD")));

  static final AdtMapper ADT_MAPPER =
      new AdtMapper(new PatientBundleBuilder(ResourceIds.forSite("HD")));

  @Test
  void dirtyExportsStoreAtLeast99PercentAndNameEachRefusal() throws Exception {
    Map<String, Integer> warnings =
        corpus(Format.OBDS, MAPPER, DirtyExports.generate(Format.OBDS, 42, "D", 20, 100));
    // every warning kind of the policy the corpus exercises
    assertThat(warnings)
        .containsKeys(
            "normalised/tnm-suffix-dropped",
            "dropped/tnm-code-unknown",
            "dropped/tnm-symbol-unknown",
            "ignored/cvc-pattern-valid");
  }

  @Test
  void dirtyAdtExportsStoreAtLeast99PercentAndNameEachRefusal() throws Exception {
    Map<String, Integer> warnings =
        corpus(Format.ADT, ADT_MAPPER, DirtyExports.generate(Format.ADT, 42, "A", 20, 100));
    assertThat(warnings)
        .containsKeys(
            "normalised/tnm-suffix-dropped",
            "dropped/tnm-code-unknown",
            "dropped/tnm-symbol-unknown",
            "normalised/syst-therapy-type-combined",
            "normalised/syst-therapy-type-split",
            "ignored/cvc-length-valid");
  }

  /** Maps the corpus, checks it and answers the warnings by kind. */
  static Map<String, Integer> corpus(
      Format format, SourceMapper mapper, List<DirtyExports.Document> documents) throws Exception {
    Map<String, Expected> expected = new HashMap<>();
    List<MappedPatient> stored = new ArrayList<>();
    List<RefusedPatient> refused = new ArrayList<>();
    Map<String, Integer> warnings = new TreeMap<>();
    for (DirtyExports.Document doc : documents) {
      doc.patients().forEach(p -> expected.put(p.sourceId(), p));
      MappedFile mapped =
          mapper.map(new ByteArrayInputStream(doc.xml().getBytes(StandardCharsets.UTF_8)), "d.xml");
      stored.addAll(mapped.mapped());
      refused.addAll(mapped.refused());
      mapped
          .warnings()
          .forEach(w -> warnings.merge(w.action().label() + "/" + w.rule(), 1, Integer::sum));
    }
    int total = expected.size();
    System.out.printf(
        "dirty %s corpus: %d patients, %d stored (%.2f %%), %d refused %s; warnings %s%n",
        format,
        total,
        stored.size(),
        100.0 * stored.size() / total,
        refused.size(),
        refused.stream()
            .collect(
                java.util.stream.Collectors.groupingBy(
                    r -> r.reason().rule(), TreeMap::new, java.util.stream.Collectors.counting())),
        warnings);

    assertThat(stored.size() + refused.size()).isEqualTo(total);
    assertThat((double) stored.size() / total).isGreaterThanOrEqualTo(0.99);
    for (RefusedPatient r : refused) {
      assertThat(expected.get(r.sourceId()).refusal())
          .as("refusal of %s: %s", r.sourceId(), r.reason())
          .isEqualTo(r.reason().rule());
      assertThat(r.reason().element()).isNotEmpty();
    }
    long expectedRefusals = expected.values().stream().filter(e -> e.refusal() != null).count();
    assertThat(refused).hasSize((int) expectedRefusals);
    assertThat(expectedRefusals).as("the corpus must contain refusals").isPositive();
    // every kind of dirt of the format occurred
    for (Dirt kind : Dirt.values()) {
      if (kind.rate(format) > 0) {
        assertThat(expected.values())
            .as("patients with %s", kind)
            .anyMatch(e -> e.dirt().contains(kind));
      }
    }

    for (MappedPatient p : stored) {
      Expected e = expected.get(p.sourceId());
      noInventedValues(p.bundle(), e);
    }
    // the profile check is slow: every stored patient with dirt of a TNM kind, and some clean ones
    int checked = 0;
    for (MappedPatient p : stored) {
      Expected e = expected.get(p.sourceId());
      if (!e.dirt().isEmpty() && checked < 150 || checked < 10) {
        MdsCheck.assertValid(p.bundle());
        checked++;
      }
    }
    return warnings;
  }

  static void noInventedValues(Bundle bundle, Expected e) {
    List<Observation> observations =
        bundle.getEntry().stream()
            .map(Bundle.BundleEntryComponent::getResource)
            .filter(Observation.class::isInstance)
            .map(Observation.class::cast)
            .toList();
    Observation hist = profiled(observations, MdsProfiles.HISTOLOGY);
    Observation grading = profiled(observations, MdsProfiles.GRADING);
    boolean histDate = !e.dirt().contains(Dirt.NO_HISTOLOGY_DATE);
    assertThat(hist.hasEffective()).as("histology date of %s", e.sourceId()).isEqualTo(histDate);
    assertThat(grading.hasEffective()).isEqualTo(histDate);
    List<Observation> clinical =
        observations.stream()
            .filter(o -> o.getMeta().hasProfile(MdsProfiles.TNM_CLINICAL))
            .toList();
    List<Observation> pathological =
        observations.stream()
            .filter(o -> o.getMeta().hasProfile(MdsProfiles.TNM_PATHOLOGICAL))
            .toList();
    // the OP TNM uT1a cN0 cM0 is clinical; the cTNM stays clinical with pN / pM
    assertThat(clinical).hasSize(e.dirt().contains(Dirt.U_PREFIX_IN_OP) ? 2 : 1);
    assertThat(pathological).hasSize(e.dirt().contains(Dirt.U_PREFIX_IN_OP) ? 0 : 1);
    Observation ctnm =
        clinical.stream()
            .filter(o -> o.getIdPart().equals(clinical.get(0).getIdPart()))
            .findFirst()
            .orElseThrow();
    assertThat(ctnm.hasEffective()).isEqualTo(!e.dirt().contains(Dirt.NO_TNM_DATE));
    observations.stream()
        .filter(o -> o.getMeta().hasProfile(MdsProfiles.DISTANT_METASTASIS))
        .forEach(
            o ->
                assertThat(o.hasEffective())
                    .as("metastasis date of %s", e.sourceId())
                    .isEqualTo(!e.dirt().contains(Dirt.NO_METASTASIS_DATE)));
    List<String> therapyTypes =
        bundle.getEntry().stream()
            .map(Bundle.BundleEntryComponent::getResource)
            .filter(MedicationStatement.class::isInstance)
            .map(r -> ((MedicationStatement) r).getCategory().getCodingFirstRep().getCode())
            .toList();
    if (e.dirt().contains(Dirt.THERAPY_TYPES_COMBINED)) {
      assertThat(therapyTypes).containsExactly("CI");
    } else if (e.dirt().contains(Dirt.THERAPY_TYPES_SPLIT)) {
      assertThat(therapyTypes).containsExactly("CH", "HO");
    } else {
      assertThat(therapyTypes).containsExactly("CH");
    }
    for (Resource r :
        bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList()) {
      codings(r)
          .forEach(
              c ->
                  assertThat(c.getCode())
                      .as("coding without code in %s", r.getIdPart())
                      .isNotBlank());
    }
    observations.stream()
        .flatMap(o -> o.getComponent().stream())
        .map(c -> c.getValueCodeableConcept().getCodingFirstRep())
        .filter(c -> LISTED.contains(c.getSystem()))
        .forEach(c -> assertThat(CcpTerminology.get().codes(c.getSystem())).contains(c.getCode()));
  }

  /** Code lists every TNM component must come from (y / r "9" must never pass as a code). */
  static final Set<String> LISTED =
      Set.of(
          CodeSystems.TNM_T,
          CodeSystems.TNM_N,
          CodeSystems.TNM_M,
          CodeSystems.TNM_Y_SYMBOL,
          CodeSystems.TNM_R_SYMBOL,
          CodeSystems.TNM_CPU_PREFIX);

  static Observation profiled(List<Observation> observations, String profile) {
    return observations.stream()
        .filter(o -> o.getMeta().hasProfile(profile))
        .findFirst()
        .orElseThrow();
  }

  static List<Coding> codings(Base base) {
    List<Coding> out = new ArrayList<>();
    if (base instanceof Coding c) {
      out.add(c);
    }
    base.children().forEach(p -> p.getValues().forEach(v -> out.addAll(codings(v))));
    return out;
  }
}
