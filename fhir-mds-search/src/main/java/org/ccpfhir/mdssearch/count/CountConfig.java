package org.ccpfhir.mdssearch.count;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The count engine over the index the store feeds. */
@Configuration
public class CountConfig {

  @Bean
  public SearchCatalog searchCatalog() {
    return new SearchCatalog();
  }

  @Bean
  public CountEngine countEngine(CountIndex index) {
    return new CountEngine(index);
  }
}
