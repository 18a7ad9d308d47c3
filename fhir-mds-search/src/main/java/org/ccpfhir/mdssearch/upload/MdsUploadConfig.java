package org.ccpfhir.mdssearch.upload;

import static org.ccpfhir.security.auth.Matchers.path;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import javax.sql.DataSource;
import org.ccpfhir.mdssearch.store.MdsStoreService;
import org.ccpfhir.security.auth.EndpointRules;
import org.ccpfhir.security.auth.Roles;
import org.ccpfhir.security.fhir.DepartedSiteGuard;
import org.ccpfhir.security.tls.ComponentAuthentication;
import org.ccpfhir.security.tls.ComponentTls;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;

/**
 * The receiving side of the upload: needs the MDS database's own key (mutual TLS, {@code
 * ccp.tls.*}) to open envelopes; without TLS the operation is not offered.
 */
@Configuration
public class MdsUploadConfig {

  /** Role in the central patient list's certificate: the signer of MDS*G-ID envelopes. */
  static final String CENTRAL_LIST_ROLE = "patient-list";

  /** Opens the sites' envelopes with the MDS database's own key; none without TLS. */
  @Bean
  public UploadReceiver uploadReceiver(
      ObjectProvider<ComponentTls> tls, MdsStoreService store, FhirContext fhirContext) {
    ComponentTls ours = tls.getIfAvailable();
    if (ours == null) {
      return null;
    }
    return new UploadReceiver(
        store, ours.credential(), ours.verifier(), fhirContext, CENTRAL_LIST_ROLE);
  }

  @Bean
  public MdsUploadOperationProvider mdsUploadOperationProvider(
      ObjectProvider<UploadReceiver> receiver) {
    UploadReceiver ours = receiver.getIfAvailable();
    return ours == null ? null : new MdsUploadOperationProvider(ours);
  }

  @Bean
  public MdsWithdrawOperationProvider mdsWithdrawOperationProvider(
      ObjectProvider<UploadReceiver> receiver, MdsStoreService store) {
    UploadReceiver ours = receiver.getIfAvailable();
    return ours == null ? null : new MdsWithdrawOperationProvider(ours, store);
  }

  @Bean
  public MdsPartnerDepartureOperationProvider mdsPartnerDepartureOperationProvider(
      ObjectProvider<UploadReceiver> receiver,
      ObjectProvider<ComponentTls> tls,
      MdsStoreService store,
      DepartedSiteGuard guard,
      FhirContext fhirContext) {
    UploadReceiver ours = receiver.getIfAvailable();
    return ours == null
        ? null
        : new MdsPartnerDepartureOperationProvider(
            ours, store, guard, tls.getObject().credential(), fhirContext, CENTRAL_LIST_ROLE);
  }

  /** Registered with the other FhirInterceptor beans; reads the departed sites, cached. */
  @Bean
  public DepartedSiteGuard departedSiteGuard(MdsStoreService store) {
    return new DepartedSiteGuard(store, DepartedSiteGuard.DEFAULT_TTL, Clock.systemUTC());
  }

  @Bean
  public MdsRecordMaintenanceProvider mdsRecordMaintenanceProvider(
      DataSource dataSource, FhirContext fhirContext) {
    return new MdsRecordMaintenanceProvider(dataSource, fhirContext);
  }

  /** Ordered first: the count search's rule admits researchers to every other GET. */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  public EndpointRules mdsUploadEndpointRules() {
    return rules -> {
      rules
          .requestMatchers(
              path(HttpMethod.POST, "/fhir/$mds-upload"),
              path(HttpMethod.POST, "/fhir/$mds-withdraw"))
          .hasAuthority(ComponentAuthentication.roleAuthority("bridgehead"));
      rules.requestMatchers(path("/fhir/$mds-record")).hasRole(Roles.ADMIN);
      rules
          .requestMatchers(path(HttpMethod.POST, "/fhir/$mds-partner-departure"))
          .hasRole(Roles.ADMIN);
    };
  }
}
