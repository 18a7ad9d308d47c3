package org.ccpfhir.identity.generator;

import ca.uhn.fhir.context.FhirContext;
import org.ccpfhir.identity.controlnumber.BloomParameters;
import org.ccpfhir.identity.controlnumber.ControlNumberEncoder;
import org.ccpfhir.platform.ComponentClient;
import org.ccpfhir.platform.SecretFiles;
import org.ccpfhir.security.tls.ComponentTls;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The control-number generator role, when {@code ccp.generator.enabled}. */
@Configuration
@EnableConfigurationProperties(GeneratorProperties.class)
@ConditionalOnProperty(name = "ccp.generator.enabled", havingValue = "true")
public class GeneratorConfig {

  @Bean
  public ControlNumberTicketProvider controlNumberTicketProvider(
      GeneratorProperties properties, ComponentTls tls, FhirContext fhir) {
    if (properties.centralListUrl() == null) {
      throw new IllegalStateException("ccp.generator.central-list-url is required");
    }
    ControlNumberEncoder encoder =
        new ControlNumberEncoder(
            SecretFiles.readOrCreate(properties.secret(), properties.secretFile(), 32),
            new BloomParameters(
                properties.nameBits(),
                properties.nameHashes(),
                properties.smallBits(),
                properties.smallHashes(),
                properties.fold()));
    ComponentClient client =
        new ComponentClient(tls.httpClient(properties.timeout()), fhir, properties.timeout());
    return new ControlNumberTicketProvider(encoder, client, properties.centralListUrl());
  }
}
