package org.ccpfhir.identity.local;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encryption at rest of the local patient list: each IDAT record is sealed with AES-256-GCM under
 * the list's key, with a fresh 96-bit nonce, bound to its row by the associated data (the local
 * pseudonym), so a ciphertext copied to another row does not open.
 */
public final class IdatCipher {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param base64Key 32 random bytes, base64 (the list's data key from configuration)
   */
  public IdatCipher(String base64Key) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64Key);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the IDAT key must be base64");
    }
    if (raw.length != 32) {
      throw new IllegalArgumentException("the IDAT key must be 32 bytes (AES-256)");
    }
    this.key = new SecretKeySpec(raw, "AES");
  }

  public byte[] seal(byte[] plaintext, String boundTo) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("IDAT encryption failed", e);
    }
  }

  public byte[] open(byte[] sealed, String boundTo) {
    if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new IllegalArgumentException("IDAT ciphertext too short");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
      cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      // no details: the message must not help an attacker, and holds no IDAT anyway
      throw new IllegalStateException("IDAT record cannot be decrypted (wrong key or altered)");
    }
  }
}
