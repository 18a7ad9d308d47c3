package org.ccpfhir.bridgehead.consent;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a patient's consent allows (CCP-IT §3.2, §3.4), as recorded by the data manager in Consent
 * resources whose {@code policyRule} is a code of {@value NetworkConsent#POLICY_SYSTEM}. Declared
 * in order of precedence: an objection overrides everything; a Consent naming several policies
 * states the first of them in this order.
 */
public enum ConsentKind {
  /** Objection (Widerspruch): no data of the patient may be imported; uploaded data is removed. */
  OBJECTION(NetworkConsent.OBJECTION),
  /** Explicit network consent: global pseudonym, upload under the MDS*G-ID. */
  NETWORK(NetworkConsent.NETWORK),
  /**
   * Local consent allowing pseudonymized upload (§3.4 b): upload under a site-scoped pseudonym,
   * only while the site has switched it on (four-eyes).
   */
  LOCAL_UPLOAD(NetworkConsent.LOCAL_UPLOAD),
  /** No consent recorded (or withdrawn): the data stays at the site. */
  NONE(null);

  private final String code;

  ConsentKind(String code) {
    this.code = code;
  }

  /** The code in the consent-policy CodeSystem; null for {@link #NONE}. */
  public String code() {
    return code;
  }

  public static Optional<ConsentKind> ofCode(String code) {
    return Arrays.stream(values()).filter(k -> k.code != null && k.code.equals(code)).findFirst();
  }

  /** The statement that takes precedence (enum order). */
  public ConsentKind strongest(ConsentKind other) {
    return other.ordinal() < ordinal() ? other : this;
  }
}
