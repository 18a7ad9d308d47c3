package org.ccpfhir.security.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;
import org.ccpfhir.security.audit.AuditEntry;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletMapping;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.intercept.RequestMatcherDelegatingAuthorizationManager;
import org.springframework.web.util.ServletRequestPathUtils;

class BundleEntryAuthorizationTest {

  private final AuthorizationManager<HttpServletRequest> rules =
      RequestMatcherDelegatingAuthorizationManager.builder()
          .add(
              Matchers.path("/fhir/AuditEvent"), AuthorityAuthorizationManager.hasRole(Roles.ADMIN))
          .add(
              Matchers.path("/fhir/AuditEvent/**"),
              AuthorityAuthorizationManager.hasRole(Roles.ADMIN))
          .add(
              Matchers.path(HttpMethod.GET, "/fhir/$search-requests"),
              AuthorityAuthorizationManager.hasRole(Roles.SITE_APPROVER))
          .add(
              Matchers.path(HttpMethod.POST, "/fhir"),
              AuthenticatedAuthorizationManager.authenticated())
          .add(Matchers.path("/fhir/**"), AuthorityAuthorizationManager.hasRole(Roles.DATA_MANAGER))
          .add(request -> true, (a, r) -> new AuthorizationDecision(false))
          .build();

  private final BundleEntryAuthorization authorization = new BundleEntryAuthorization(rules);
  private MockHttpServletRequest carrier;

  @BeforeEach
  void dataManager() {
    SecurityContextHolder.getContext()
        .setAuthentication(
            new TestingAuthenticationToken("dm", null, Roles.authority(Roles.DATA_MANAGER)));
    carrier = new MockHttpServletRequest("POST", "/fhir");
    carrier.setServletPath("/fhir");
    carrier.setHttpServletMapping(
        new MockHttpServletMapping("", "/fhir/*", "fhir", MappingMatch.PATH));
    // as after Spring Security's own check of the carrier: its parsed path is cached
    ServletRequestPathUtils.parseAndCache(carrier);
  }

  @AfterEach
  void clear() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void entriesTheCallerMayRunDirectlyPass() {
    Bundle bundle = bundle(BundleType.BATCH);
    get(bundle, "Patient?name=x");
    get(bundle, "/Condition/12");
    bundle
        .addEntry()
        .setResource(new Patient())
        .getRequest()
        .setMethod(HTTPVerb.POST)
        .setUrl("Patient");

    assertThatCode(() -> check(bundle)).doesNotThrowAnyException();
  }

  @Test
  void anEntryRefusedDirectlyRefusesTheRequestAndNamesItForTheAudit() {
    Bundle bundle = bundle(BundleType.TRANSACTION);
    get(bundle, "Patient");
    get(bundle, "AuditEvent?agent-identifier=Mustermann");

    assertThatThrownBy(() -> check(bundle))
        .isInstanceOf(ForbiddenOperationException.class)
        .hasMessageContaining("Bundle.entry[1]: GET AuditEvent is forbidden")
        .hasMessageNotContaining("Mustermann");
    assertThat(carrier.getAttribute(AuditEntry.DETAIL_ATTRIBUTE).toString())
        .contains("Bundle.entry[1]");
  }

  @Test
  void theResourceIsCheckedUnderItsOwnTypeWhateverTheUrlSays() {
    Bundle bundle = bundle(BundleType.BATCH);
    bundle
        .addEntry()
        .setResource(new AuditEvent())
        .getRequest()
        .setMethod(HTTPVerb.POST)
        .setUrl("Patient");

    assertThatThrownBy(() -> check(bundle))
        .isInstanceOf(ForbiddenOperationException.class)
        .hasMessageContaining("POST AuditEvent");
  }

  @Test
  void nestedBundlesAreCheckedEntryByEntry() {
    Bundle inner = bundle(BundleType.BATCH);
    get(inner, "$search-requests");
    Bundle outer = bundle(BundleType.BATCH);
    outer.addEntry().setResource(inner).getRequest().setMethod(HTTPVerb.POST).setUrl("Bundle");

    assertThatThrownBy(() -> check(outer))
        .hasMessageContaining("Bundle.entry[0].resource.entry[0]: GET $search-requests");
  }

  @Test
  void spellingsTheMatchersAndHapiCouldReadDifferentlyAreRefused() {
    for (String url :
        new String[] {
          "Patient/../AuditEvent",
          "./AuditEvent",
          "Patient/%2e%2e/AuditEvent",
          "Patient%2F..%2FAuditEvent",
          "AuditEvent;x",
          "Audit Event",
          "AuditEvent#x",
          "https://elsewhere.example/fhir/AuditEvent",
          "%zz"
        }) {
      Bundle bundle = bundle(BundleType.BATCH);
      get(bundle, url);
      assertThatThrownBy(() -> check(bundle))
          .as(url)
          .isInstanceOfAny(InvalidRequestException.class, ForbiddenOperationException.class);
    }
    for (String url :
        new String[] {"//AuditEvent", "%41uditEvent", "AuditEvent/", "AuditEvent/1"}) {
      Bundle bundle = bundle(BundleType.BATCH);
      get(bundle, url);
      assertThatThrownBy(() -> check(bundle))
          .as(url)
          .isInstanceOf(ForbiddenOperationException.class);
    }
  }

  @Test
  void anEntryWithoutMethodOrUrlIsInvalid() {
    Bundle bundle = bundle(BundleType.BATCH);
    bundle.addEntry().setResource(new Patient());

    assertThatThrownBy(() -> check(bundle)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void anEntryWhoseMethodHasNoValueIsInvalid() {
    // "_method": {"id": "x"} in JSON: the element exists, its value does not
    org.hl7.fhir.r4.model.Enumeration<HTTPVerb> method =
        new org.hl7.fhir.r4.model.Enumeration<>(new Bundle.HTTPVerbEnumFactory());
    method.setId("x");
    Bundle bundle = bundle(BundleType.BATCH);
    bundle.addEntry().getRequest().setMethodElement(method).setUrl("Patient");

    assertThatThrownBy(() -> check(bundle))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("Bundle.entry[0]");
  }

  @Test
  void withoutAnAuthenticationNothingPasses() {
    SecurityContextHolder.clearContext();
    Bundle bundle = bundle(BundleType.BATCH);
    get(bundle, "Patient");

    assertThatThrownBy(() -> check(bundle)).isInstanceOf(ForbiddenOperationException.class);
  }

  private void check(Bundle bundle) {
    ServletRequestDetails request = new ServletRequestDetails();
    request.setServletRequest(carrier);
    request.setFhirServerBase("https://localhost/fhir");
    request.setResource(bundle);
    authorization.checkEntries(request, RestOperationTypeEnum.TRANSACTION);
  }

  private static Bundle bundle(BundleType type) {
    return new Bundle().setType(type);
  }

  private static void get(Bundle bundle, String url) {
    bundle.addEntry().getRequest().setMethod(HTTPVerb.GET).setUrl(url);
  }
}
