package org.ccpfhir.bridgehead.biobank;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.ccpfhir.bridgehead.biobank.Samples.Location;
import org.ccpfhir.profiles.MdsProfiles;
import org.ccpfhir.terminology.CodeSystems;
import org.ccpfhir.terminology.SampleMaterialTypes;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Specimen;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class SamplesTest {

  @Test
  void aLocationNeedsAllFourParts() {
    Specimen.SpecimenContainerComponent container = new Specimen.SpecimenContainerComponent();
    container.addExtension(Samples.locationExtension(new Location("F1", "R2", "B3", "A4")));
    assertThat(Samples.location(container)).contains(new Location("F1", "R2", "B3", "A4"));

    Extension partial = new Extension(MdsProfiles.EXT_STORAGE_LOCATION);
    partial.addExtension("freezer", new StringType("F1"));
    partial.addExtension("rack", new StringType("R2"));
    Specimen.SpecimenContainerComponent incomplete = new Specimen.SpecimenContainerComponent();
    incomplete.addExtension(partial);
    assertThat(Samples.location(incomplete)).isEmpty();
  }

  @Test
  void aQuantityWithoutUcumSystemAndCodeLacksItsUnit() {
    assertThat(Samples.lacksUnit(new Quantity().setValue(1))).isTrue();
    assertThat(Samples.lacksUnit(new Quantity().setValue(1).setUnit("mL"))).isTrue();
    assertThat(Samples.lacksUnit(new Quantity().setValue(1).setSystem(Samples.UCUM))).isTrue();
    assertThat(Samples.lacksUnit(new Quantity().setValue(1).setSystem(Samples.UCUM).setCode("mL")))
        .isFalse();
    assertThat(Samples.lacksUnit(new Quantity())).isFalse();
  }

  @Test
  void volumesAndMassesAreComparedInTheirBaseUnit() {
    Quantity ul =
        new Quantity().setValue(new BigDecimal("500")).setSystem(Samples.UCUM).setCode("uL");
    Quantity ml =
        new Quantity().setValue(new BigDecimal("0.5")).setSystem(Samples.UCUM).setCode("mL");
    assertThat(Samples.normalise(ul).orElseThrow().value())
        .isEqualByComparingTo(Samples.normalise(ml).orElseThrow().value());
    Quantity mg = new Quantity().setValue(5).setSystem(Samples.UCUM).setCode("mg");
    assertThat(Samples.normalise(mg).orElseThrow().dimension()).isEqualTo("mass");
    assertThat(
            Samples.normalise(
                new Quantity().setValue(1).setSystem(Samples.UCUM).setCode("{cells}")))
        .isEmpty();
    assertThat(Samples.inUnit(new BigDecimal("0.0004"), "uL")).isEqualTo("400");
  }

  @Test
  void theFhirStatusFollowsTheBiobankStatus() {
    assertThat(Samples.fhirStatus("available")).isEqualTo(Specimen.SpecimenStatus.AVAILABLE);
    assertThat(Samples.fhirStatus("reserved")).isEqualTo(Specimen.SpecimenStatus.AVAILABLE);
    assertThat(Samples.fhirStatus("used-up")).isEqualTo(Specimen.SpecimenStatus.UNAVAILABLE);
    assertThat(Samples.fhirStatus("destroyed")).isEqualTo(Specimen.SpecimenStatus.UNAVAILABLE);
  }

  @Test
  void csvRowsCarryTheDerivedKindAndFixationAndNoIdentifyingData() {
    Specimen s = new Specimen();
    s.setId("Specimen/17/_history/3");
    Samples.setBiobankStatus(s, "reserved");
    s.setStatus(Specimen.SpecimenStatus.AVAILABLE);
    s.addIdentifier().setValue("S-1");
    s.getType()
        .addCoding()
        .setSystem(CodeSystems.SAMPLE_MATERIAL_TYPE)
        .setCode("tumor-tissue-ffpe");
    s.setSubject(new Reference("Patient/5"));
    s.getCollection().setCollected(new DateTimeType("2026-03-04"));
    s.addParent(new Reference("Specimen/9"));
    var container = s.addContainer();
    container.addIdentifier().setValue("TUBE, \"7\"");
    container.addExtension(Samples.locationExtension(new Location("F1", "R2", "B3", "A4")));
    container.setSpecimenQuantity(
        new Quantity().setValue(new BigDecimal("12.50")).setSystem(Samples.UCUM).setCode("mg"));

    String csv =
        SampleCsv.write(List.of(s), Map.of("Patient/5", "BKL-XYZ"), SampleMaterialTypes.standard());

    assertThat(csv.split("\r\n"))
        .containsExactly(
            String.join(",", SampleCsv.HEADER),
            "17,3,,BKL-XYZ,S-1,tumor-tissue-ffpe,tissue,ffpe,2026-03-04,reserved,available,"
                + "Specimen/9,\"TUBE, \"\"7\"\"\",F1,R2,B3,A4,12.5,mg");
    s.getSubject().setIdentifier(new Identifier().setValue("BKL-OWN"));
    assertThat(SampleCsv.row(s, Map.of(), SampleMaterialTypes.standard())).contains("BKL-OWN");
  }
}
