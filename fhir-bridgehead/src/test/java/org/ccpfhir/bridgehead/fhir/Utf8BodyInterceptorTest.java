package org.ccpfhir.bridgehead.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8BodyInterceptorTest {

  @Test
  void findsTheFirstByteThatIsNotUtf8() {
    String name = "{\"given\":\"Günter\"}";

    assertThat(Utf8BodyInterceptor.firstMalformedByte(name.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(-1);
    assertThat(Utf8BodyInterceptor.firstMalformedByte(name.getBytes(StandardCharsets.ISO_8859_1)))
        .isEqualTo(name.indexOf('ü'));
  }

  @Test
  void longBodiesAreReadToTheEnd() {
    String body = "ä".repeat(20_000) + "ok";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

    assertThat(Utf8BodyInterceptor.firstMalformedByte(bytes)).isEqualTo(-1);
    bytes[bytes.length - 1] = (byte) 0xFC;
    assertThat(Utf8BodyInterceptor.firstMalformedByte(bytes)).isEqualTo(bytes.length - 1);
  }
}
