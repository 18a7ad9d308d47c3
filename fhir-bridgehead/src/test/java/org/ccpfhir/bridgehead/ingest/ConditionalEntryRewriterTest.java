package org.ccpfhir.bridgehead.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class ConditionalEntryRewriterTest {

  private final ConditionalEntryRewriter rewriter = new ConditionalEntryRewriter();

  @Test
  void turnsAPostWithIdentifierIntoAConditionalUpdate() {
    Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    Patient patient = new Patient();
    patient.addIdentifier().setSystem("https://ccp-fhir.org/fhir/sid/BK-HD-L").setValue("A B|1");
    bundle.addEntry().setResource(patient).getRequest().setMethod(HTTPVerb.POST).setUrl("Patient");

    rewriter.rewrite(bundle);

    assertThat(bundle.getEntryFirstRep().getRequest().getMethod()).isEqualTo(HTTPVerb.PUT);
    assertThat(bundle.getEntryFirstRep().getRequest().getUrl())
        .isEqualTo("Patient?identifier=https%3A%2F%2Fccp-fhir.org%2Ffhir%2Fsid%2FBK-HD-L|A+B%7C1");
  }

  @Test
  void leavesConditionalCreatesPutsAndIdentifierlessPostsAlone() {
    Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    Condition withIfNoneExist = new Condition();
    withIfNoneExist.addIdentifier().setSystem("s").setValue("v");
    bundle
        .addEntry()
        .setResource(withIfNoneExist)
        .getRequest()
        .setMethod(HTTPVerb.POST)
        .setUrl("Condition")
        .setIfNoneExist("identifier=s|v");
    bundle
        .addEntry()
        .setResource(new Condition())
        .getRequest()
        .setMethod(HTTPVerb.POST)
        .setUrl("Condition");
    bundle
        .addEntry()
        .setResource(new Patient())
        .getRequest()
        .setMethod(HTTPVerb.PUT)
        .setUrl("Patient/p1");

    rewriter.rewrite(bundle);

    assertThat(bundle.getEntry())
        .extracting(e -> e.getRequest().getMethod() + " " + e.getRequest().getUrl())
        .containsExactly("POST Condition", "POST Condition", "PUT Patient/p1");
  }
}
