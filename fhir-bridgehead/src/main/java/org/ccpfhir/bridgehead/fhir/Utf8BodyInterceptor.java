package org.ccpfhir.bridgehead.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.ccpfhir.security.fhir.FhirInterceptor;
import org.springframework.stereotype.Component;

/**
 * Refuses a JSON body that is not valid UTF-8 (FHIR's only encoding) unless the request names
 * another charset. Without this, a clinical system sending Latin-1 would have its umlauts stored as
 * replacement characters — in the local patient list a "Günter" no longer links with himself. XML
 * is left to the parser: its prolog declares the encoding.
 */
@Component
@Interceptor
public class Utf8BodyInterceptor implements FhirInterceptor {

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
  public boolean checkBody(RequestDetails request) {
    String contentType = request.getHeader("Content-Type");
    if (contentType == null) {
      return true;
    }
    String type = contentType.toLowerCase(Locale.ROOT);
    if (!type.contains("json") || (type.contains("charset=") && !type.contains("charset=utf-8"))) {
      return true;
    }
    byte[] body = request.loadRequestContents();
    if (body != null && body.length > 0) {
      int at = firstMalformedByte(body);
      if (at >= 0) {
        throw new InvalidRequestException(
            "request body: not valid UTF-8 at byte "
                + at
                + " (FHIR JSON is UTF-8; name another charset in Content-Type if the body has one)");
      }
    }
    return true;
  }

  /** The offset of the first byte that is not valid UTF-8, or -1. */
  static int firstMalformedByte(byte[] body) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(body);
    CharBuffer out = CharBuffer.allocate(8192);
    while (true) {
      var result = decoder.decode(in, out, true);
      if (result.isError()) {
        return in.position();
      }
      if (result.isUnderflow()) {
        return -1;
      }
      out.clear();
    }
  }
}
