package org.ccpfhir.security.errors;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ccpfhir.security.auth.SecurityResponses;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.firewall.RequestRejectedException;

/**
 * The safety net of every app's HAPI server (registered where each app registers its HAPI
 * interceptors). Input HAPI cannot parse is the client's error, not ours: a {@link
 * DataFormatException}, a 4xx wrapped in another exception, or any exception thrown while HAPI
 * binds the request's parameters to a method (e.g. {@code count=x} for an integer) becomes a 400. A
 * parameter holding a NUL character is refused before any search runs (PostgreSQL cannot store it
 * and answered with its own error text), as is a negative {@code _count} or {@code _offset}.
 * Everything else unexpected stays a 500 — hiding bugs helps nobody — but its answer is a generic
 * OperationOutcome with a correlation id, and only the id and the exception classes are logged:
 * exception messages may quote client values or SQL.
 */
@Interceptor
public class ClientErrorInterceptor {

  private static final Logger log = LoggerFactory.getLogger(ClientErrorInterceptor.class);

  /** The stable code HAPI puts in front of its messages; safe to repeat (never a value). */
  private static final Pattern HAPI_CODE = Pattern.compile("^(HAPI-\\d{4})");

  /** Paging parameters HAPI reads as integers of its own. */
  private static final List<String> PAGING = List.of("_count", "_offset");

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
  public boolean refuseNulCharacters(RequestDetails request) {
    for (Map.Entry<String, String[]> parameter : request.getParameters().entrySet()) {
      if (hasNul(parameter.getKey())) {
        throw invalid(null, "a parameter name holds a NUL character");
      }
      for (String value : parameter.getValue()) {
        if (hasNul(value)) {
          throw invalid(
              parameter.getKey(), "parameter '" + parameter.getKey() + "' holds a NUL character");
        }
      }
    }
    for (String paging : PAGING) {
      for (String value : request.getParameters().getOrDefault(paging, new String[0])) {
        if (value != null && value.strip().startsWith("-")) {
          // HAPI passes a negative count or offset on to the SQL query, which then fails (500)
          throw invalid(paging, "parameter '" + paging + "' must not be negative");
        }
      }
    }
    if (request.getParameters().containsKey("_filter")) {
      // no server here offers _filter, and HAPI's filter parser crashed on malformed expressions
      throw invalid("_filter", "the _filter parameter is not supported; use search parameters");
    }
    String path = request.getRequestPath();
    if (hasNul(path)) {
      throw invalid(null, "the request path holds a NUL character");
    }
    return true;
  }

  @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
  public BaseServerResponseException translate(RequestDetails request, Throwable exception) {
    BaseServerResponseException clientError = clientError(exception);
    if (clientError != null) {
      return clientError;
    }
    if (exception instanceof BaseServerResponseException response
        && response.getStatusCode() != 500) {
      // deliberate answers of our own code (401/403/404/409/422/502/503 ...)
      return null;
    }
    String reference = UUID.randomUUID().toString();
    log.error(
        "unexpected error {} in {} {}: {}",
        reference,
        request == null ? "?" : request.getRequestType(),
        request == null ? "?" : request.getResourceName(),
        classes(exception));
    if (request instanceof ServletRequestDetails servlet) {
      servlet
          .getServletRequest()
          .setAttribute(
              org.ccpfhir.security.audit.AuditEntry.DETAIL_ATTRIBUTE,
              "internal error " + reference);
    }
    String message = "internal error; reference " + reference;
    return new InternalErrorException(
        message, SecurityResponses.outcome(IssueType.EXCEPTION, message));
  }

  /** The 4xx this exception stands for, or {@code null} when it is not the client's error. */
  static BaseServerResponseException clientError(Throwable exception) {
    if (exception instanceof BaseServerResponseException response
        && response.getStatusCode() < 500) {
      return null; // already a client error: HAPI answers it as it is
    }
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof BaseServerResponseException response
          && response.getStatusCode() >= 400
          && response.getStatusCode() < 500) {
        return response;
      }
      if (cause instanceof RequestRejectedException) {
        // Spring's firewalled request checks parameter names lazily, when HAPI reads them
        return invalid(null, "the request was refused by the firewall (a parameter name or value)");
      }
      if (cause instanceof DataFormatException) {
        return invalid(null, "the request is not valid FHIR (" + hapiCode(cause) + ")");
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof IllegalArgumentException && thrownByReflection(cause)) {
        // HAPI parsed a body of another resource type and handed it to a method declared for
        // one type (e.g. a Task to an operation taking Parameters)
        return invalid(null, "the body is not of the resource type this interaction takes");
      }
      if (!(cause instanceof BaseServerResponseException) && insideParser(cause)) {
        return invalid(
            null,
            "the body could not be parsed as FHIR (" + cause.getClass().getSimpleName() + ")");
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    if (!(exception instanceof BaseServerResponseException) && duringBinding(exception)) {
      return invalid(
          null,
          "a request parameter could not be read as its declared type ("
              + exception.getClass().getSimpleName()
              + ")");
    }
    return null;
  }

  /**
   * Whether HAPI was still turning the request into method arguments: from the top of the stack, a
   * binding frame comes before the frame that invokes the provider method.
   */
  static boolean duringBinding(Throwable exception) {
    for (StackTraceElement frame : exception.getStackTrace()) {
      String method = frame.getMethodName();
      if (method.equals("invokeServerMethod")) {
        return false;
      }
      if (frame.getClassName().startsWith("ca.uhn.fhir.rest.server.method.")
          && (method.equals("translateQueryParametersIntoServerArgument")
              || method.equals("createMethodParams"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether HAPI's parser threw this while the request was read (before the provider method ran; a
   * provider parsing stored data is below {@code invokeServerMethod} and stays a 500).
   */
  static boolean insideParser(Throwable exception) {
    for (StackTraceElement frame : exception.getStackTrace()) {
      if (frame.getMethodName().equals("invokeServerMethod")) {
        return false;
      }
      if (frame.getClassName().startsWith("ca.uhn.fhir.parser.")
          && frame.getMethodName().startsWith("parse")) {
        return true;
      }
    }
    return false;
  }

  /**
   * An argument type mismatch of the reflective call itself (top frame in the JDK's reflection).
   */
  static boolean thrownByReflection(Throwable exception) {
    StackTraceElement[] stack = exception.getStackTrace();
    return stack.length > 0
        && (stack[0].getClassName().startsWith("jdk.internal.reflect.")
            || stack[0].getClassName().startsWith("java.lang.reflect."));
  }

  private static InvalidRequestException invalid(String where, String message) {
    OperationOutcome outcome = SecurityResponses.outcome(IssueType.INVALID, message);
    if (where != null) {
      outcome.getIssueFirstRep().addExpression(where);
    }
    return new InvalidRequestException(message, outcome);
  }

  private static String hapiCode(Throwable exception) {
    Matcher m = HAPI_CODE.matcher(String.valueOf(exception.getMessage()));
    return m.find() ? m.group(1) : exception.getClass().getSimpleName();
  }

  private static String classes(Throwable exception) {
    StringBuilder chain = new StringBuilder();
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (!chain.isEmpty()) {
        chain.append(" <- ");
      }
      chain.append(cause.getClass().getName());
      StackTraceElement[] stack = cause.getStackTrace();
      if (stack.length > 0) {
        chain.append(" at ").append(stack[0]);
      }
      for (StackTraceElement frame : stack) {
        if (frame.getClassName().startsWith("org.ccpfhir.")) {
          chain.append(" in ").append(frame);
          break;
        }
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return chain.toString();
  }

  private static boolean hasNul(String text) {
    return text != null && text.indexOf('\0') >= 0;
  }
}
