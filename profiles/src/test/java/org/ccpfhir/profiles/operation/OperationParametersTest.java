package org.ccpfhir.profiles.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class OperationParametersTest {

  private static final OperationParameters.Spec SPEC =
      OperationParameters.of("$op").single("target", "k").repeated("patient").withParts("nested");

  @Test
  void readsDeclaredParameters() {
    Parameters input = new Parameters();
    input.addParameter("target", "BK-L");
    input.addParameter().setName("patient").setResource(new Patient());
    input.addParameter().setName("patient").setResource(new Patient());
    input.addParameter("k", new IntegerType(5));

    OperationParameters parameters = SPEC.read(input);

    assertThat(parameters.string("target")).isEqualTo("BK-L");
    assertThat(parameters.resources("patient", Patient.class)).hasSize(2);
    assertThat(parameters.value("k", IntegerType.class).getValue()).isEqualTo(5);
    assertThat(parameters.has("nested")).isFalse();
    assertThat(parameters.string("nested")).isNull();
  }

  @Test
  void refusesANamelessEntryNamingItsPlace() {
    Parameters input = new Parameters();
    input.addParameter("target", "BK-L");
    input.addParameter().setValue(new StringType("x"));

    assertRefused(input, "Parameters.parameter[1]", "no name");
  }

  @Test
  void refusesEntriesWithoutOrWithSeveralValues() {
    Parameters none = new Parameters();
    none.addParameter().setName("target");
    assertRefused(none, "Parameters.parameter[0]", "no value");

    Parameters empty = new Parameters();
    empty.addParameter().setName("target").setValue(new StringType());
    assertRefused(empty, "Parameters.parameter[0]", "empty value");

    Parameters both = new Parameters();
    both.addParameter().setName("target").setValue(new StringType("x")).setResource(new Patient());
    assertRefused(both, "Parameters.parameter[0]", "one of");
  }

  @Test
  void refusesUnknownRepeatedAndMistypedParameters() {
    Parameters unknown = new Parameters();
    unknown.addParameter("tagret", "BK-L");
    assertRefused(unknown, "Parameters.parameter[0]", "unknown parameter");

    Parameters twice = new Parameters();
    twice.addParameter("target", "BK-L");
    twice.addParameter("target", "BK-G");
    assertRefused(twice, "Parameters.parameter[1]", "given once");

    Parameters notAResource = new Parameters();
    notAResource.addParameter("patient", "Anna");
    assertThatThrownBy(() -> SPEC.read(notAResource).resources("patient", Patient.class))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("must hold a Patient")
        .hasMessageNotContaining("Anna");

    Parameters wrongType = new Parameters();
    wrongType.addParameter("k", "five");
    assertThatThrownBy(() -> SPEC.read(wrongType).value("k", IntegerType.class))
        .hasMessageContaining("must be of type integer");
  }

  @Test
  void checksNestedPartsAndRefusesPartsWhereNoneAreDeclared() {
    Parameters nested = new Parameters();
    nested.addParameter().setName("nested").addPart().setValue(new StringType("x"));
    assertRefused(nested, "Parameters.parameter[0].part[0]", "no name");

    Parameters parts = new Parameters();
    parts.addParameter().setName("target").addPart().setName("x").setValue(new StringType("y"));
    assertRefused(parts, "Parameters.parameter[0]", "takes no parts");
  }

  @Test
  void refusesAMissingBody() {
    assertThatThrownBy(() -> SPEC.read(null)).hasMessageContaining("Parameters resource");
  }

  private static void assertRefused(Parameters input, String where, String message) {
    assertThatThrownBy(() -> SPEC.read(input))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.getMessage()).startsWith("$op: ").contains(message);
              OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
              assertThat(outcome.getIssueFirstRep().getExpression())
                  .extracting(Object::toString)
                  .containsExactly(where);
            });
  }
}
