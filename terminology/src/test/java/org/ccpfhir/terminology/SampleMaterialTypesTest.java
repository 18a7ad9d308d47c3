package org.ccpfhir.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import org.ccpfhir.terminology.SampleMaterialType.Fixation;
import org.ccpfhir.terminology.SampleMaterialType.Kind;
import org.ccpfhir.terminology.SampleMaterialType.Origin;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SampleMaterialTypesTest {

  private final SampleMaterialTypes types = SampleMaterialTypes.standard();

  @ParameterizedTest
  @CsvSource({
    "tumor-tissue-ffpe, TISSUE, FFPE, TUMOR",
    "normal-tissue-ffpe, TISSUE, FFPE, NORMAL",
    "tumor-tissue-frozen, TISSUE, CRYO, TUMOR",
    "normal-tissue-frozen, TISSUE, CRYO, NORMAL",
    "tissue-ffpe, TISSUE, FFPE, UNSPECIFIED",
    "tissue-other, TISSUE, OTHER, UNSPECIFIED",
    "whole-blood, LIQUID, NONE, NOT_APPLICABLE",
    "plasma-edta, LIQUID, NONE, NOT_APPLICABLE",
    "blood-serum, LIQUID, NONE, NOT_APPLICABLE",
    "dna, DERIVATIVE, NONE, NOT_APPLICABLE",
    "rna, DERIVATIVE, NONE, NOT_APPLICABLE",
    "stool-faeces, OTHER, NONE, NOT_APPLICABLE"
  })
  void derivesKindFixationAndOrigin(String code, Kind kind, Fixation fixation, Origin origin) {
    SampleMaterialType type = types.get(code).orElseThrow();
    assertThat(type.kind()).isEqualTo(kind);
    assertThat(type.fixation()).isEqualTo(fixation);
    assertThat(type.origin()).isEqualTo(origin);
  }

  @Test
  void coversTheWholeBbmriList() {
    assertThat(types.all()).hasSize(33);
    assertThat(types.all())
        .allSatisfy(t -> assertThat(t.isTissue()).isEqualTo(t.fixation() != Fixation.NONE));
    assertThat(types.get("tumor-tissue-ffpe").orElseThrow().englishDisplay())
        .isEqualTo("Tumour tissue, FFPE");
  }

  @Test
  void readsCodings() {
    Coding coding = new Coding(CodeSystems.SAMPLE_MATERIAL_TYPE, "whole-blood", null);
    assertThat(types.get(coding)).map(SampleMaterialType::kind).contains(Kind.LIQUID);
    assertThat(types.get(new Coding("http://other", "whole-blood", null))).isEmpty();
    assertThat(types.get("unknown")).isEmpty();
    assertThat(types.get("dna").orElseThrow().toCoding().getSystem())
        .isEqualTo(CodeSystems.SAMPLE_MATERIAL_TYPE);
  }

  @ParameterizedTest
  @CsvSource(
      value = {
        "Gewebeprobe | Tumorgewebe | Paraffin(FFPE) | tumor-tissue-ffpe",
        "Gewebeprobe | Normalgewebe | Kryo/Frisch (FF) | normal-tissue-frozen",
        "Gewebeprobe | Tumorgewebe | | tissue-other",
        "Gewebeprobe | | Paraffin(FFPE) | tissue-ffpe",
        "Flüssigprobe | Vollblut | | whole-blood",
        "Flüssigprobe | Plasma | | plasma-edta",
        "Flüssigprobe | | | liquid-other",
        " | Protein | | derivative-other"
      },
      delimiter = '|')
  void mapsAdtGekidBiomaterial(String typ, String art, String fixierung, String expected) {
    assertThat(types.fromAdtGekid(typ, art, fixierung)).contains(expected);
    assertThat(types.get(expected)).isPresent();
  }

  @Test
  void unknownAdtValuesMapToNothing() {
    assertThat(types.fromAdtGekid(null, "Haare", null)).isEmpty();
    assertThat(types.fromAdtGekid(null, null, null)).isEmpty();
  }
}
