package org.ccpfhir.profiles.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.profiles.MdsLoinc;
import org.ccpfhir.profiles.MdsProfiles;
import org.ccpfhir.profiles.MdsValidator;
import org.ccpfhir.profiles.ResourceValidator;
import org.ccpfhir.profiles.fast.FastMdsValidator;
import org.ccpfhir.profiles.shapes.ShapeFixtures.Shape;
import org.ccpfhir.terminology.CodeSystems;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InputShapesTest {

  private static final FhirContext CTX = FhirContext.forR4Cached();
  private static MdsValidator validator;
  private static FastMdsValidator fast;

  private final InputShapes shapes = new InputShapes();

  @BeforeAll
  static void buildValidator() {
    validator = MdsValidator.create(CTX);
    fast = FastMdsValidator.create(validator);
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void everyShapeValidatesAgainstTheMdsProfilesOnceNormalised(Shape shape) {
    Bundle bundle = ShapeFixtures.bundle(CTX, shape, "t1", "Muster");
    shapes.normalise(bundle);
    pseudonymiseLikeTheBridgehead(bundle);

    List<String> errors = new ArrayList<>();
    List<String> profiles = new ArrayList<>();
    for (BundleEntryComponent entry : bundle.getEntry()) {
      Resource resource = entry.getResource();
      profiles.addAll(validator.selectProfiles(resource));
      // the HL7 validator and the FAST one the bridgehead can be switched to
      for (ResourceValidator each : List.<ResourceValidator>of(validator, fast)) {
        for (SingleValidationMessage message : each.validate(resource).getMessages()) {
          if (message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()) {
            errors.add(resource.getIdPart() + " " + message.getLocationString() + " " + message);
          }
        }
      }
    }

    assertThat(errors).isEmpty();
    // the same five MDS profiles hold the facts, whatever the shape
    assertThat(profiles)
        .contains(
            MdsProfiles.PATIENT,
            MdsProfiles.PRIMARY_DIAGNOSIS,
            MdsProfiles.HISTOLOGY,
            MdsProfiles.GRADING,
            MdsProfiles.TNM_CLINICAL);
  }

  @Test
  void dktkPatientIdentifierWithoutSystemBecomesTheSourceSystemsId() {
    Bundle bundle = ShapeFixtures.bundle(CTX, Shape.DKTK, "t2", "Muster");
    Patient before = (Patient) bundle.getEntryFirstRep().getResource();
    assertThat(before.getIdentifierFirstRep().hasSystem()).isFalse();

    List<ShapeNote> notes = shapes.normalise(bundle);

    assertThat(before.getIdentifierFirstRep().getSystem())
        .isEqualTo(InputShapes.SOURCE_PATIENT_ID_SYSTEM);
    assertThat(before.getIdentifierFirstRep().getValue()).isEqualTo("t2-dktk");
    assertThat(notes)
        .anySatisfy(
            n -> {
              assertThat(n.entry()).isZero();
              assertThat(n.expression()).endsWith(".identifier[0].system");
              assertThat(n.lost()).isFalse();
            });
    // nothing of the DKTK shape is lost
    assertThat(notes).noneMatch(ShapeNote::lost);
  }

  @Test
  void miiTnmCategoriesBecomeComponentsOfTheClassification() {
    Bundle bundle = ShapeFixtures.bundle(CTX, Shape.MII, "t3", "Muster");

    shapes.normalise(bundle);

    Observation tnm = (Observation) resource(bundle, "t3-mii-tnm");
    assertThat(codings(tnm.getCode())).contains(MdsLoinc.SYSTEM + "|" + MdsLoinc.TNM_CLINICAL);
    assertThat(codings((CodeableConcept) tnm.getValue())).contains(CodeSystems.UICC_STAGE + "|IIB");
    assertThat(tnm.getComponent())
        .extracting(
            c ->
                c.getCode().getCodingFirstRep().getCode()
                    + "="
                    + c.getValueCodeableConcept().getCodingFirstRep().getCode()
                    + "/"
                    + ((CodeableConcept)
                            c.getExtensionByUrl(MdsProfiles.EXT_TNM_CPU_PREFIX).getValue())
                        .getCodingFirstRep()
                        .getCode())
        .containsExactly("21905-5=2/c", "21906-3=1/c", "21907-1=0/c");
    assertThat(validator.selectProfiles(tnm)).containsExactly(MdsProfiles.TNM_CLINICAL);
  }

  @Test
  void miiPathologicalClassificationGetsThePathologicalProfileAndCodes() {
    Bundle bundle = ShapeFixtures.bundle(CTX, Shape.MII, "t4", "Muster");
    Observation tnm = (Observation) resource(bundle, "t4-mii-tnm");
    tnm.getCode().getCodingFirstRep().setCode(InputShapes.SCT_TNM_PATHOLOGICAL);

    shapes.normalise(bundle);

    assertThat(validator.selectProfiles(tnm)).containsExactly(MdsProfiles.TNM_PATHOLOGICAL);
    assertThat(tnm.getComponent())
        .extracting(c -> c.getCode().getCodingFirstRep().getCode())
        .containsExactly(
            MdsLoinc.TNM_T_PATHOLOGICAL, MdsLoinc.TNM_N_PATHOLOGICAL, MdsLoinc.TNM_M_PATHOLOGICAL);
  }

  @Test
  void miiFactsWithoutMdsPlaceAreWarnings() {
    Bundle bundle = ShapeFixtures.bundle(CTX, Shape.MII, "t5", "Muster");

    List<ShapeNote> notes = shapes.normalise(bundle);

    int operation = index(bundle, "t5-mii-operation");
    assertThat(notes)
        .filteredOn(ShapeNote::lost)
        .extracting(n -> n.entry() + " " + n.expression() + " " + n.message())
        .anySatisfy(
            n ->
                assertThat(n)
                    .startsWith(operation + " Bundle.entry[" + operation + "]")
                    .contains("meta.profile[0]")
                    .contains("no MDS counterpart"))
        .anySatisfy(n -> assertThat(n).contains(".identifier[0].type").contains("PseudonymArtCS"));
    // the Procedure stays a Procedure checked against base R4, not refused as an MDS surgery
    assertThat(validator.selectProfiles(resource(bundle, "t5-mii-operation"))).isEmpty();
    assertThat(validator.selectProfiles(resource(bundle, "t5-mii-specimen"))).isEmpty();
    // recordedDate is MII's place for the diagnosis date: moved, not invented
    Condition condition = (Condition) resource(bundle, "t5-mii-diagnosis");
    assertThat(condition.getOnsetDateTimeType().getValueAsString()).isEqualTo("2020-02-16");
  }

  @Test
  void aMiiGradingCodeWithoutMdsCodeIsReportedAndNotInvented() {
    Bundle bundle = ShapeFixtures.bundle(CTX, Shape.MII, "t6", "Muster");
    Observation grading = (Observation) resource(bundle, "t6-mii-grading");
    grading.getValueCodeableConcept().getCodingFirstRep().setCode("5");

    List<ShapeNote> notes = shapes.normalise(bundle);

    assertThat(codings(grading.getValueCodeableConcept()))
        .noneMatch(c -> c.startsWith(CodeSystems.GRADING));
    assertThat(notes)
        .anySatisfy(
            n -> {
              assertThat(n.expression()).endsWith("ofType(Observation).value");
              assertThat(n.message()).contains("GradingCS").doesNotContain("5");
              assertThat(n.lost()).isTrue();
            });
  }

  @Test
  void mdsShapeIsLeftAsItIs() {
    Bundle bundle = ShapeFixtures.bundle(CTX, Shape.MDS, "t7", "Muster");
    String before = CTX.newJsonParser().encodeResourceToString(bundle);

    List<ShapeNote> notes = shapes.normalise(bundle);

    assertThat(notes).isEmpty();
    assertThat(CTX.newJsonParser().encodeResourceToString(bundle)).isEqualTo(before);
  }

  /** What the bridgehead's IDAT guard does before validation: name out, birth date to month. */
  private static void pseudonymiseLikeTheBridgehead(Bundle bundle) {
    for (BundleEntryComponent entry : bundle.getEntry()) {
      if (entry.getResource() instanceof Patient patient) {
        patient.setName(null);
        patient.setBirthDateElement(
            new DateType(patient.getBirthDateElement().getValueAsString().substring(0, 7)));
      }
    }
  }

  private static Resource resource(Bundle bundle, String id) {
    return bundle.getEntry().get(index(bundle, id)).getResource();
  }

  private static int index(Bundle bundle, String id) {
    for (int i = 0; i < bundle.getEntry().size(); i++) {
      if (id.equals(bundle.getEntry().get(i).getResource().getIdPart())) {
        return i;
      }
    }
    throw new IllegalArgumentException(id);
  }

  private static List<String> codings(CodeableConcept concept) {
    return concept.getCoding().stream().map(InputShapesTest::token).toList();
  }

  private static String token(Coding coding) {
    return coding.getSystem() + "|" + coding.getCode();
  }
}
