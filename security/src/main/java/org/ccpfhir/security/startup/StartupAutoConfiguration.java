package org.ccpfhir.security.startup;

import java.util.List;
import org.ccpfhir.security.auth.AuthProperties;
import org.ccpfhir.security.tls.TlsProperties;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Refuses to start a component without its {@link RequiredSettings}. A bean factory post-processor,
 * so the check runs before any bean exists: no database is opened, no file created, no port bound
 * by a component that cannot run.
 */
@AutoConfiguration
public class StartupAutoConfiguration {

  @Bean
  static BeanFactoryPostProcessor requiredSettingsCheck(Environment environment) {
    return beanFactory -> {
      Binder binder = Binder.get(environment);
      List<String> missing =
          RequiredSettings.missing(
              binder.bindOrCreate("ccp.auth", AuthProperties.class),
              binder.bindOrCreate("ccp.tls", TlsProperties.class));
      if (!missing.isEmpty()) {
        throw new MissingSettingsException(missing);
      }
    };
  }
}
