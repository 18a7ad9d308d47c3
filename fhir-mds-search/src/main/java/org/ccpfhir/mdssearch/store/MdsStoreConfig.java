package org.ccpfhir.mdssearch.store;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import javax.sql.DataSource;
import org.ccpfhir.mdssearch.count.CountIndex;
import org.ccpfhir.mdssearch.disclosure.DisclosureProperties;
import org.ccpfhir.platform.schema.OwnSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The MDS database and the count index it feeds, rebuilt from the store at start. */
@Configuration
public class MdsStoreConfig {

  private static final Logger log = LoggerFactory.getLogger(MdsStoreConfig.class);

  @Bean
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  public FhirContext fhirContext() {
    return FhirContext.forR4Cached();
  }

  @Bean
  public static OwnSchema mdsSchema() {
    return MdsRecordRepository.SCHEMA;
  }

  @Bean
  public MdsRecordRepository mdsRecordRepository(
      DataSource dataSource, FhirContext fhirContext, Clock clock) {
    return new MdsRecordRepository(dataSource, fhirContext, clock);
  }

  @Bean
  public CountIndex countIndex(MdsRecordRepository repository, DisclosureProperties disclosure) {
    long start = System.nanoTime();
    CountIndex index = new CountIndex(disclosure.samplingRate());
    repository.forEachFacts(index::add);
    index.optimize();
    log.info(
        "count index rebuilt: {} patients, {} KiB of bitmaps, {} ms",
        index.patients(),
        index.sizeInBytes() / 1024,
        (System.nanoTime() - start) / 1_000_000);
    return index;
  }

  @Bean
  public MdsStoreService mdsStoreService(MdsRecordRepository repository, CountIndex index) {
    return new MdsStoreService(repository, index);
  }
}
