package org.ccpfhir.bridgehead.fhir;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/** The Parameters shapes ParametersGuard refuses, and the requests it leaves alone. */
class ParametersGuardTest {

  private final ParametersGuard guard = new ParametersGuard();

  @Test
  void aSystemLevelOperationIsNotATerminologyOne() {
    // no resource type (e.g. POST /$access-request): was a NullPointerException, a 500
    Parameters body = new Parameters();
    body.addParameter("pseudonym", new StringType("X"));
    assertThatCode(() -> guard.checkParameters(request(null, "$access-request", body)))
        .doesNotThrowAnyException();
  }

  @Test
  void aTerminologyResourceParameterMustBeOfItsType() {
    Parameters body = new Parameters();
    body.addParameter().setName("valueSet").setResource(new Patient());
    assertThatThrownBy(() -> guard.checkParameters(request("ValueSet", "$expand", body)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("parameter 'valueSet' must be a ValueSet");
  }

  @Test
  void validateTakesOneResourceAndNamedParameters() {
    Parameters twice = new Parameters();
    twice.addParameter().setName("resource").setResource(new Patient());
    twice.addParameter().setName("resource").setResource(new Patient());
    assertThatThrownBy(() -> guard.checkParameters(request("Patient", "$validate", twice)))
        .hasMessageContaining("parameter 'resource' may occur once");
    Parameters nameless = new Parameters();
    nameless.addParameter().setValue(new StringType("x"));
    assertThatThrownBy(() -> guard.checkParameters(request("Patient", "$validate", nameless)))
        .hasMessageContaining("a parameter without a name");
  }

  private static ServletRequestDetails request(String type, String operation, Parameters body) {
    ServletRequestDetails request = new ServletRequestDetails();
    request.setResourceName(type);
    request.setOperation(operation);
    request.setResource(body);
    return request;
  }
}
