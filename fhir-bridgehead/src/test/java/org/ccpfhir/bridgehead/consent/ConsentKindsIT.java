package org.ccpfhir.bridgehead.consent;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.bridgehead.TestPatients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Consent reads are not cut at the server's page size (500): every patient's kind is found. */
class ConsentKindsIT extends PostgresIT {

  @Autowired private DaoRegistry daoRegistry;
  @Autowired private ConsentKinds kinds;

  @Test
  void moreConsentsThanAPageAreAllRead() {
    List<TestPatients.Minimal> planned = new ArrayList<>();
    for (int i = 0; i < 520; i++) {
      planned.add(
          new TestPatients.Minimal(
              "CK" + UUID.randomUUID().toString().substring(0, 8), null, true));
    }
    List<String> ids = TestPatients.storeAsSite(daoRegistry, planned);

    Map<String, ConsentKind> all = kinds.all();

    assertThat(ids).hasSize(520);
    assertThat(ids).allSatisfy(id -> assertThat(all).containsEntry(id, ConsentKind.NETWORK));
    assertThat(kinds.of(ids)).hasSize(520);
  }
}
