package org.ccpfhir.security.limits;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link LimitsProperties} applied to every component's requests (the properties also outside web
 * applications: the token endpoint of {@code AuthAutoConfiguration} uses them).
 */
@AutoConfiguration
@EnableConfigurationProperties(LimitsProperties.class)
public class LimitsAutoConfiguration {

  @Bean
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  public FilterRegistrationBean<RequestLimitFilter> requestLimitFilter(LimitsProperties limits) {
    FilterRegistrationBean<RequestLimitFilter> registration =
        new FilterRegistrationBean<>(new RequestLimitFilter(limits));
    // after Spring Security: an anonymous caller gets 401 without the body being read
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
    return registration;
  }

  /** Form posts are parsed by Tomcat, not by us: its limit is the same one (also when chunked). */
  @Bean
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(TomcatServletWebServerFactory.class)
  public WebServerFactoryCustomizer<TomcatServletWebServerFactory> formPostLimit(
      LimitsProperties limits) {
    return factory ->
        factory.addConnectorCustomizers(
            connector -> connector.setMaxPostSize((int) limits.formBody().toBytes()));
  }
}
