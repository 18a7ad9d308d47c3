package org.ccpfhir.mdssearch.researcher;

import static org.ccpfhir.security.auth.Matchers.path;

import org.ccpfhir.security.auth.EndpointRules;
import org.ccpfhir.terminology.CcpTerminology;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The researcher's web pages (static, {@code src/main/resources/static}) and the terminology search
 * behind their query builder. The pages hold no data; every call they make carries the researcher's
 * token and passes the count search's and the broker's rules.
 */
@Configuration
public class ResearcherConfig {

  @Bean
  public SearchTermsProvider searchTermsProvider() {
    return new SearchTermsProvider(new SearchTerms(CcpTerminology.get()));
  }

  @Bean
  public EndpointRules researcherPageRules() {
    return rules ->
        rules
            .requestMatchers(
                path(HttpMethod.GET, "/"),
                path(HttpMethod.GET, "/index.html"),
                path(HttpMethod.GET, "/searches.html"),
                path(HttpMethod.GET, "/researcher/*"))
            .permitAll();
  }
}
