package org.ccpfhir.bridgehead.approval;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.ccpfhir.security.fhir.FhirInterceptor;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Type;

/**
 * Writes the approver's listing ({@code $search-requests}: up to 100 requests × 100 matches, some
 * 60,000 Parameters elements) as JSON in one pass with Jackson, instead of through HAPI's generic
 * encoder, which took most of the listing's time. The bytes are the ones HAPI writes for the same
 * Parameters (ApprovalListingIT compares both); every other answer is left to HAPI: another format
 * ({@code _format}, XML, the browser's HTML view), {@code _pretty}, {@code _summary}, {@code
 * _elements}, or elements other than named parts with primitive values.
 */
@Interceptor
public class ListingJsonWriter implements FhirInterceptor {

  static final String OPERATION = "$search-requests";

  private static final JsonFactory JSON = new JsonFactory();

  /** Parameters that change what HAPI writes. */
  private static final Set<String> LEFT_TO_HAPI =
      Set.of(
          Constants.PARAM_PRETTY,
          Constants.PARAM_SUMMARY,
          Constants.PARAM_ELEMENTS,
          Constants.PARAM_ELEMENTS + Constants.PARAM_ELEMENTS_EXCLUDE_MODIFIER,
          Constants.PARAM_NARRATIVE);

  @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
  public boolean writeListing(
      RequestDetails request,
      ResponseDetails response,
      HttpServletRequest servletRequest,
      HttpServletResponse servletResponse)
      throws IOException {
    if (!OPERATION.equals(request.getOperation())
        || !(response.getResponseResource() instanceof Parameters listing)
        || !plainJson(request, servletRequest)
        || !writable(listing.getParameter())) {
      return true;
    }
    RestfulServerUtils.ResponseEncoding encoding =
        RestfulServerUtils.determineResponseEncodingNoDefault(request, null);
    servletResponse.setStatus(response.getResponseCode());
    servletResponse.setContentType(
        encoding == null ? Constants.CT_FHIR_JSON_NEW : encoding.getResourceContentType());
    servletResponse.setCharacterEncoding(Constants.CHARSET_NAME_UTF8);
    // as HAPI: compressed when the client accepts it
    boolean gzip = request.isRespondGzip();
    if (gzip) {
      servletResponse.setHeader(Constants.HEADER_CONTENT_ENCODING, Constants.ENCODING_GZIP);
    }
    OutputStream body = servletResponse.getOutputStream();
    if (gzip) {
      body = new GZIPOutputStream(body, 64 * 1024);
    }
    try (JsonGenerator json = JSON.createGenerator(body, JsonEncoding.UTF8)) {
      write(listing, json);
    }
    return false;
  }

  /** The listing as HAPI's JSON parser writes it (without pretty printing). */
  static void write(Parameters listing, JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("resourceType", "Parameters");
    parameters("parameter", listing.getParameter(), json);
    json.writeEndObject();
  }

  private static void parameters(
      String field, List<ParametersParameterComponent> parameters, JsonGenerator json)
      throws IOException {
    if (parameters.isEmpty()) {
      return;
    }
    json.writeArrayFieldStart(field);
    for (ParametersParameterComponent parameter : parameters) {
      json.writeStartObject();
      json.writeStringField("name", parameter.getName());
      if (parameter.getValue() instanceof PrimitiveType<?> value && value.hasValue()) {
        String key = "value" + capitalized(value.fhirType());
        if (value instanceof BooleanType bool) {
          json.writeBooleanField(key, bool.booleanValue());
        } else if (value instanceof IntegerType || value instanceof DecimalType) {
          json.writeFieldName(key);
          json.writeNumber(value.getValueAsString());
        } else {
          json.writeStringField(key, value.getValueAsString());
        }
      }
      parameters("part", parameter.getPart(), json);
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /** Named parts with primitive values (or none) only: anything else is HAPI's to encode. */
  static boolean writable(List<ParametersParameterComponent> parameters) {
    for (ParametersParameterComponent parameter : parameters) {
      Type value = parameter.getValue();
      if (!parameter.hasName()
          || parameter.hasId()
          || parameter.hasExtension()
          || parameter.hasModifierExtension()
          || parameter.getResource() != null
          || (value != null
              && (!(value instanceof PrimitiveType<?> primitive)
                  || primitive.hasId()
                  || primitive.hasExtension()))
          || !writable(parameter.getPart())) {
        return false;
      }
    }
    return true;
  }

  private static boolean plainJson(RequestDetails request, HttpServletRequest servletRequest) {
    for (String parameter : LEFT_TO_HAPI) {
      if (request.getParameters().containsKey(parameter)) {
        return false;
      }
    }
    String accept = servletRequest.getHeader(Constants.HEADER_ACCEPT);
    if (accept != null && accept.contains("html")) {
      return false; // the browser's view (ResponseHighlighterInterceptor)
    }
    RestfulServerUtils.ResponseEncoding encoding =
        RestfulServerUtils.determineResponseEncodingNoDefault(request, null);
    return encoding == null || encoding.getEncoding() == EncodingEnum.JSON;
  }

  private static String capitalized(String type) {
    return Character.toUpperCase(type.charAt(0)) + type.substring(1);
  }
}
