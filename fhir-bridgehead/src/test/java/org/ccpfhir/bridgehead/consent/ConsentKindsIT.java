package org.ccpfhir.bridgehead.consent;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.bridgehead.upload.ConsentResources;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Consent reads are not cut at the server's page size (500): every patient's kind is found. */
class ConsentKindsIT extends PostgresIT {

  @Autowired private DaoRegistry daoRegistry;
  @Autowired private ConsentKinds kinds;

  @Test
  void moreConsentsThanAPageAreAllRead() {
    Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    List<String> patients = new ArrayList<>();
    for (int i = 0; i < 520; i++) {
      String patient = "urn:uuid:" + UUID.randomUUID();
      patients.add(patient);
      transaction
          .addEntry()
          .setFullUrl(patient)
          .setResource(
              new Patient()
                  .setGender(Enumerations.AdministrativeGender.FEMALE)
                  .addIdentifier(
                      new Identifier()
                          .setSystem("https://ccp-fhir.org/fhir/sid/BK-HD-L")
                          .setValue("CK" + UUID.randomUUID().toString().substring(0, 8))))
          .getRequest()
          .setMethod(Bundle.HTTPVerb.POST)
          .setUrl("Patient");
      transaction
          .addEntry()
          .setResource(ConsentResources.consent(patient, NetworkConsent.NETWORK))
          .getRequest()
          .setMethod(Bundle.HTTPVerb.POST)
          .setUrl("Consent");
    }
    Bundle response =
        (Bundle) daoRegistry.getSystemDao().transaction(new SystemRequestDetails(), transaction);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < response.getEntry().size(); i += 2) {
      ids.add(
          new org.hl7.fhir.r4.model.IdType(response.getEntry().get(i).getResponse().getLocation())
              .getIdPart());
    }

    Map<String, ConsentKind> all = kinds.all();

    assertThat(ids).hasSize(520);
    assertThat(ids).allSatisfy(id -> assertThat(all).containsEntry(id, ConsentKind.NETWORK));
    assertThat(kinds.of(ids)).hasSize(520);
  }
}
