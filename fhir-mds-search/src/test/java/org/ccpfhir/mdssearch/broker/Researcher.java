package org.ccpfhir.mdssearch.broker;

import java.time.Instant;
import java.util.List;
import org.ccpfhir.profiles.task.SearchRequests;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.testsupport.SelfSignedKey;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Task;

/**
 * A researcher's own key and self-made certificate: the sites seal released results for it, only
 * the researcher opens them (the broker never can).
 */
final class Researcher {

  final Credential credential;

  Researcher() {
    SelfSignedKey key = SelfSignedKey.create("researcher");
    credential = new Credential(key.privateKey(), List.of(key.certificate()));
  }

  /** A search request Task for the given sites (none = all), valid until {@code end}. */
  Task request(String criteria, String prose, Instant end, String... sites) {
    return SearchRequests.request(criteria, prose, end, List.of(sites), credential.certificate());
  }

  static CodeableConcept type(String code) {
    return SearchRequests.parameter(code);
  }
}
