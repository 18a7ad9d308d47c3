package org.ccpfhir.bridgehead.importer;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ccpfhir.profiles.operation.OperationParameters;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * The source document of an {@code $import-obds} request: the raw XML body, or the {@code document}
 * part of a Parameters resource (Attachment, base64Binary or string). The body is read here and not
 * by HAPI, because HAPI would parse any XML body as a FHIR resource.
 */
final class ImportedDocument {

  /** The first element name after the prolog, comments and DOCTYPE. */
  private static final Pattern FIRST_ELEMENT =
      Pattern.compile(
          "^(?:\\s|<\\?.*?\\?>|<!--.*?-->|<!.*?>)*<([A-Za-z_][\\w.:-]*)", Pattern.DOTALL);

  private static final OperationParameters.Spec PARAMETERS =
      OperationParameters.of("$import-obds").single("document");

  private ImportedDocument() {}

  /** The bytes of the source document; 400 when the request carries none. */
  static byte[] read(RequestDetails request, FhirContext fhirContext) {
    byte[] body = request.loadRequestContents();
    if (body == null || body.length == 0) {
      throw new InvalidRequestException(
          "$import-obds needs the oBDS or ADT-GEKID XML as the body (Content-Type"
              + " application/xml) or a Parameters resource with a 'document' part");
    }
    String contentType = contentType(request);
    if (contentType.contains("json")) {
      return fromParameters(parse(fhirContext, body, false));
    }
    if (isFhirParameters(body)) {
      return fromParameters(parse(fhirContext, body, true));
    }
    return body;
  }

  private static String contentType(RequestDetails request) {
    String header = request.getHeader("Content-Type");
    return header == null ? "" : header.toLowerCase(Locale.ROOT);
  }

  /** An XML body whose root is a FHIR Parameters (in the FHIR namespace) wraps the document. */
  private static boolean isFhirParameters(byte[] body) {
    String head =
        new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8)
            .replace("\uFEFF", "");
    Matcher m = FIRST_ELEMENT.matcher(head);
    return m.find() && m.group(1).equals("Parameters") && head.contains("http://hl7.org/fhir");
  }

  private static Parameters parse(FhirContext fhirContext, byte[] body, boolean xml) {
    String text = new String(body, StandardCharsets.UTF_8);
    try {
      return (xml ? fhirContext.newXmlParser() : fhirContext.newJsonParser())
          .parseResource(Parameters.class, text);
    } catch (DataFormatException e) {
      // the parser's message may quote the content; name the problem only
      throw new InvalidRequestException(
          "the body is not a valid FHIR Parameters resource (expected a 'document' part)");
    }
  }

  private static byte[] fromParameters(Parameters parameters) {
    Type value = PARAMETERS.read(parameters).value("document", Type.class);
    byte[] document = null;
    if (value instanceof Attachment a) {
      document = a.getData();
    } else if (value instanceof Base64BinaryType b) {
      document = b.getValue();
    } else if (value instanceof StringType s && s.getValue() != null) {
      document = s.getValue().getBytes(StandardCharsets.UTF_8);
    }
    if (document == null || document.length == 0) {
      throw new InvalidRequestException(
          "parameter 'document' is required: the oBDS or ADT-GEKID XML as valueAttachment.data,"
              + " valueBase64Binary or valueString");
    }
    return document;
  }
}
