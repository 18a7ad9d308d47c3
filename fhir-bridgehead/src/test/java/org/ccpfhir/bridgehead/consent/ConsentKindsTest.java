package org.ccpfhir.bridgehead.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import org.hl7.fhir.r4.model.Consent;
import org.junit.jupiter.api.Test;

class ConsentKindsTest {

  static Consent consent(String policy, Consent.ConsentProvisionType type) {
    Consent consent = new Consent();
    consent.setStatus(Consent.ConsentState.ACTIVE);
    consent.getPolicyRule().addCoding().setSystem(NetworkConsent.POLICY_SYSTEM).setCode(policy);
    consent.getProvision().setType(type);
    return consent;
  }

  @Test
  void eachPolicyCodeStatesItsKind() {
    Date now = new Date();
    assertThat(ConsentKinds.of(consent("network", Consent.ConsentProvisionType.PERMIT), now))
        .isEqualTo(ConsentKind.NETWORK);
    assertThat(ConsentKinds.of(consent("local-upload", Consent.ConsentProvisionType.PERMIT), now))
        .isEqualTo(ConsentKind.LOCAL_UPLOAD);
    assertThat(ConsentKinds.of(consent("objection", Consent.ConsentProvisionType.DENY), now))
        .isEqualTo(ConsentKind.OBJECTION);
    assertThat(ConsentKinds.of(consent("something-else", Consent.ConsentProvisionType.PERMIT), now))
        .isEqualTo(ConsentKind.NONE);
  }

  @Test
  void aRefusalAnInactiveOrAnExpiredConsentStatesNothing() {
    Date now = new Date();
    assertThat(ConsentKinds.of(consent("network", Consent.ConsentProvisionType.DENY), now))
        .isEqualTo(ConsentKind.NONE);
    Consent inactive = consent("network", Consent.ConsentProvisionType.PERMIT);
    inactive.setStatus(Consent.ConsentState.INACTIVE);
    assertThat(ConsentKinds.of(inactive, now)).isEqualTo(ConsentKind.NONE);
    Consent expired = consent("network", Consent.ConsentProvisionType.PERMIT);
    expired.getProvision().getPeriod().setEnd(new Date(now.getTime() - 86_400_000L));
    assertThat(ConsentKinds.of(expired, now)).isEqualTo(ConsentKind.NONE);
    Consent otherSystem = consent("network", Consent.ConsentProvisionType.PERMIT);
    otherSystem.getPolicyRule().getCodingFirstRep().setSystem("urn:other");
    assertThat(ConsentKinds.of(otherSystem, now)).isEqualTo(ConsentKind.NONE);
  }

  @Test
  void theStrongestStatementIsTheMostRestrictive() {
    assertThat(ConsentKind.NETWORK.strongest(ConsentKind.OBJECTION))
        .isEqualTo(ConsentKind.OBJECTION);
    assertThat(ConsentKind.LOCAL_UPLOAD.strongest(ConsentKind.NETWORK))
        .isEqualTo(ConsentKind.NETWORK);
    assertThat(ConsentKind.ofCode("local-upload")).contains(ConsentKind.LOCAL_UPLOAD);
    assertThat(ConsentKind.ofCode("none")).isEmpty();
  }
}
