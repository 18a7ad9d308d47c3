package org.ccpfhir.bridgehead.approval;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.util.List;
import org.ccpfhir.bridgehead.PostgresIT;
import org.ccpfhir.bridgehead.visibility.UnitVisibility;
import org.ccpfhir.security.audit.AuditAgent;
import org.ccpfhir.security.auth.Caller;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Decentralized-search matches under department-scoped visibility: the search agent evaluates for
 * the site (all patients), the approval listing shows an approver only the matches of the
 * approver's units (demo profile: group {@code surgery} sees unit SURG; the data manager's ingest
 * is labelled ONC by the channel rule).
 */
class ApprovalMatchesVisibilityIT extends PostgresIT {

  @Autowired DaoRegistry daos;
  @Autowired UnitVisibility visibility;

  @AfterEach
  void noCaller() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void anApproverOfAnotherUnitSeesNoneOfTheMatchesOfAnOncologyPatient() {
    String oncology = patients().ingest("datamanager").patientId();
    MatchView view = new MatchView(daos, visibility);

    actAs(
        new Caller(
            AuditAgent.Kind.USER,
            "surgery-approver",
            "HD",
            List.of("site-approver"),
            List.of(),
            List.of("surgery")));
    Parameters listing = new Parameters();
    view.read(List.of("Patient/" + oncology))
        .addTo(listing.addParameter().setName("request"), "Patient/" + oncology);
    assertThat(listing.getParameterFirstRep().getPart()).isEmpty();

    actAs(
        new Caller(
            AuditAgent.Kind.USER,
            "oncology-approver",
            "HD",
            List.of("site-approver"),
            List.of(),
            List.of("oncology")));
    Parameters own = new Parameters();
    view.read(List.of("Patient/" + oncology))
        .addTo(own.addParameter().setName("request"), "Patient/" + oncology);
    assertThat(own.getParameterFirstRep().getPart()).extracting(p -> p.getName()).contains("match");
  }

  private static void actAs(Caller caller) {
    SecurityContextHolder.getContext().setAuthentication(new Signed(caller));
  }

  /** A signed-in caller as the security layer makes them. */
  private static final class Signed extends AbstractAuthenticationToken implements Caller.Source {
    private final Caller caller;

    Signed(Caller caller) {
      super(List.of());
      this.caller = caller;
      setAuthenticated(true);
    }

    @Override
    public Caller caller() {
      return caller;
    }

    @Override
    public Object getCredentials() {
      return "";
    }

    @Override
    public Object getPrincipal() {
      return caller.id();
    }
  }
}
