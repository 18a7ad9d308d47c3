package org.ccpfhir.bridgehead.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class ConcurrentWriteGuardTest {

  @Test
  void conditionalUrlsAndIdsAreTheKeysAndReadsAndPlainCreatesTakeNone() {
    Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    bundle
        .addEntry()
        .setResource(new Patient())
        .getRequest()
        .setMethod(HTTPVerb.POST)
        .setUrl("Patient")
        .setIfNoneExist("identifier=urn:x|1");
    bundle
        .addEntry()
        .setResource(new Condition())
        .getRequest()
        .setMethod(HTTPVerb.PUT)
        .setUrl("Condition?identifier=urn:x|c1");
    bundle
        .addEntry()
        .setResource(new Condition())
        .getRequest()
        .setMethod(HTTPVerb.PUT)
        .setUrl("Condition/hd-1");
    bundle
        .addEntry()
        .setResource(new Condition())
        .getRequest()
        .setMethod(HTTPVerb.POST)
        .setUrl("Condition");
    bundle.addEntry().getRequest().setMethod(HTTPVerb.GET).setUrl("Patient?identifier=urn:x|1");
    bundle.addEntry().getRequest().setMethod(HTTPVerb.DELETE).setUrl("Observation/o-1");

    assertThat(ConcurrentWriteGuard.writeKeys(bundle))
        .containsExactly(
            "Patient?identifier=urn:x|1",
            "Condition?identifier=urn:x|c1",
            "Condition/hd-1",
            "Observation/o-1");
  }

  @Test
  void anIfNoneExistWrittenAsAFullSearchUrlGivesTheSameKey() {
    Bundle bundle = new Bundle();
    bundle
        .addEntry()
        .setResource(new Patient())
        .getRequest()
        .setMethod(HTTPVerb.POST)
        .setUrl("Patient")
        .setIfNoneExist("Patient?identifier=urn:x|1");

    assertThat(ConcurrentWriteGuard.writeKeys(bundle))
        .containsExactly("Patient?identifier=urn:x|1");
  }
}
