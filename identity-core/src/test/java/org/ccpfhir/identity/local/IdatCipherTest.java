package org.ccpfhir.identity.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class IdatCipherTest {

  private static String key() {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    return Base64.getEncoder().encodeToString(raw);
  }

  private final IdatCipher cipher = new IdatCipher(key());
  private final byte[] idat = "{\"lastName\":\"Zwiebelmeier\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void sealedRecordsOpenOnlyForTheirRowAndDifferEachTime() {
    byte[] sealed = cipher.seal(idat, "BKHDL-1");

    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Zwiebelmeier");
    assertThat(cipher.open(sealed, "BKHDL-1")).isEqualTo(idat);
    assertThat(cipher.seal(idat, "BKHDL-1")).isNotEqualTo(sealed);
    assertThatThrownBy(() -> cipher.open(sealed, "BKHDL-2"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new IdatCipher(key()).open(sealed, "BKHDL-1"))
        .isInstanceOf(IllegalStateException.class);
    sealed[sealed.length - 1] ^= 1;
    assertThatThrownBy(() -> cipher.open(sealed, "BKHDL-1"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void keysMustBe256Bits() {
    assertThatThrownBy(() -> new IdatCipher(Base64.getEncoder().encodeToString(new byte[16])))
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> new IdatCipher("not base64!")).hasMessageContaining("base64");
  }
}
