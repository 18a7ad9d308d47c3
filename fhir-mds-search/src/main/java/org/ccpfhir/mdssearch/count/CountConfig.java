package org.ccpfhir.mdssearch.count;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.TreeSet;
import org.ccpfhir.mdssearch.fhir.CountSearchProperties;
import org.ccpfhir.mdssearch.operations.CountLatency;
import org.springframework.beans.factory.ObjectProvider;
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
  public CountEngine countEngine(
      CountIndex index, ObjectProvider<MeterRegistry> meters, CountSearchProperties properties) {
    MeterRegistry registry = meters.getIfAvailable();
    // the configured sites are the site stratum's full value set, whatever the data holds
    return new CountEngine(
        index,
        registry == null ? null : CountLatency.timer(registry),
        List.copyOf(new TreeSet<>(properties.sites().keySet())));
  }
}
