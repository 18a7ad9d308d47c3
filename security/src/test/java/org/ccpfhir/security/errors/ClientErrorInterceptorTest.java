package org.ccpfhir.security.errors;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

class ClientErrorInterceptorTest {

  private final ClientErrorInterceptor interceptor = new ClientErrorInterceptor();

  @Test
  void unparsableInputIsAClientErrorWithoutTheParsersText() {
    BaseServerResponseException answer =
        interceptor.translate(
            null,
            new InternalErrorException(
                "wrapped", new DataFormatException("HAPI-1861: Failed to parse: Anna Muster")));

    assertThat(answer.getStatusCode()).isEqualTo(400);
    assertThat(answer.getMessage()).contains("HAPI-1861").doesNotContain("Anna");
  }

  @Test
  void aWrappedClientErrorKeepsItsStatus() {
    BaseServerResponseException answer =
        interceptor.translate(
            null, new RuntimeException("x", new ResourceNotFoundException("Patient/1")));

    assertThat(answer.getStatusCode()).isEqualTo(404);
  }

  @Test
  void aParameterTheFirewallRefusesWhileHapiReadsItIsAClientError() {
    BaseServerResponseException answer =
        interceptor.translate(
            null,
            new org.springframework.security.web.firewall.RequestRejectedException(
                "The request was rejected because the parameter name \"\u0000\" is not allowed."));

    assertThat(answer.getStatusCode()).isEqualTo(400);
  }

  @Test
  void aNegativeCountOrOffsetIsRefusedBeforeTheSearchRuns() {
    for (String paging : new String[] {"_count", "_offset"}) {
      ca.uhn.fhir.rest.server.servlet.ServletRequestDetails request =
          new ca.uhn.fhir.rest.server.servlet.ServletRequestDetails();
      request.setParameters(java.util.Map.of(paging, new String[] {"-1"}));
      request.setRequestPath("Patient");

      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> interceptor.refuseNulCharacters(request))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining(paging);
    }
    ca.uhn.fhir.rest.server.servlet.ServletRequestDetails fine =
        new ca.uhn.fhir.rest.server.servlet.ServletRequestDetails();
    fine.setParameters(java.util.Map.of("_count", new String[] {"0"}));
    fine.setRequestPath("Patient");
    assertThat(interceptor.refuseNulCharacters(fine)).isTrue();
  }

  @Test
  void clientErrorsAndDeliberateAnswersPassUnchanged() {
    assertThat(interceptor.translate(null, new InvalidRequestException("bad"))).isNull();
  }

  @Test
  void anUnexpectedErrorStaysA500WithAGenericAnswer() {
    BaseServerResponseException answer =
        interceptor.translate(
            null,
            new InternalErrorException(
                "Failed to call access method: java.lang.IllegalStateException: SELECT * FROM"
                    + " hfj_resource WHERE name = 'Muster'"));

    assertThat(answer.getStatusCode()).isEqualTo(500);
    assertThat(answer.getMessage())
        .startsWith("internal error; reference ")
        .doesNotContain("SELECT");
    assertThat(
            ((OperationOutcome) answer.getOperationOutcome()).getIssueFirstRep().getDiagnostics())
        .doesNotContain("Muster");
  }

  @Test
  void anExceptionWhileBindingParametersIsTheClients() {
    NumberFormatException binding = new NumberFormatException("For input string: \"x\"");
    binding.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("java.lang.Integer", "parseInt", "Integer.java", 1),
          new StackTraceElement(
              "ca.uhn.fhir.rest.server.method.OperationParameter",
              "translateQueryParametersIntoServerArgument",
              "OperationParameter.java",
              1),
          new StackTraceElement(
              "ca.uhn.fhir.rest.server.method.BaseMethodBinding", "createMethodParams", "x", 1)
        });
    NumberFormatException inProvider = new NumberFormatException("For input string: \"x\"");
    inProvider.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("java.lang.Integer", "parseInt", "Integer.java", 1),
          new StackTraceElement("org.ccpfhir.Provider", "op", "Provider.java", 1),
          new StackTraceElement(
              "ca.uhn.fhir.rest.server.method.BaseMethodBinding", "invokeServerMethod", "x", 1),
          new StackTraceElement(
              "ca.uhn.fhir.rest.server.method.BaseMethodBinding", "createMethodParams", "x", 1)
        });

    assertThat(interceptor.translate(null, binding).getStatusCode()).isEqualTo(400);
    assertThat(interceptor.translate(null, inProvider).getStatusCode()).isEqualTo(500);
  }
}
