package org.ccpfhir.mdssearch.upload;

import static org.ccpfhir.security.auth.Matchers.path;

import ca.uhn.fhir.context.FhirContext;
import javax.sql.DataSource;
import org.ccpfhir.profiles.subjectaccess.SubjectDataContract;
import org.ccpfhir.security.auth.EndpointRules;
import org.ccpfhir.security.tls.ComponentAuthentication;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;

/**
 * The MDS database's part of access requests ({@code $mds-subject-data}): like the upload it needs
 * the MDS database's own key to open pseudonym envelopes; without TLS it is not offered.
 */
@Configuration
public class SubjectDataConfig {

  @Bean
  public MdsSubjectDataOperationProvider subjectDataOperationProvider(
      ObjectProvider<UploadReceiver> receiver, DataSource dataSource, FhirContext fhirContext) {
    UploadReceiver ours = receiver.getIfAvailable();
    return ours == null ? null : new MdsSubjectDataOperationProvider(ours, dataSource, fhirContext);
  }

  /** Ordered first: the count search's rules would otherwise decide for this path. */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  public EndpointRules subjectDataEndpointRules() {
    return rules ->
        rules
            .requestMatchers(path(HttpMethod.POST, "/fhir/" + SubjectDataContract.OPERATION))
            .hasAuthority(ComponentAuthentication.roleAuthority("bridgehead"));
  }
}
