package org.ccpfhir.bridgehead.fhir;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.model.entity.StorageSettings;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.orm.jpa.JpaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/**
 * Wires HAPI's JPA server (R4) into Spring Boot. HAPI owns its schema (Hibernate DDL); the data
 * source and Hibernate properties come from the usual {@code spring.datasource.*} and {@code
 * spring.jpa.properties.*} keys so that the H2 default and the {@code postgres} profile differ in
 * configuration only.
 */
@Configuration
@EnableTransactionManagement
@EnableConfigurationProperties(JpaProperties.class)
@Import({
  JpaR4Config.class,
  JpaSupportConfig.class,
  ThreadPoolFactoryConfig.class,
  JpaBatch2Config.class,
  Batch2JobsConfig.class,
  SubscriptionChannelConfig.class
})
public class JpaStoreConfig {

  @Bean
  public JpaStorageSettings storageSettings(FhirStoreProperties properties) {
    JpaStorageSettings settings = new JpaStorageSettings();
    settings.setResourceClientIdStrategy(JpaStorageSettings.ClientIdStrategyEnum.ALPHANUMERIC);
    // Placeholders would let a bundle store references to resources that were never validated.
    settings.setAutoCreatePlaceholderReferenceTargets(false);
    settings.setEnforceReferentialIntegrityOnWrite(true);
    settings.setAllowExternalReferences(false);
    settings.setIndexMissingFields(StorageSettings.IndexEnabledEnum.DISABLED);
    settings.setResourceDbHistoryEnabled(properties.historyEnabled());
    // a reused result is stale after a write and needs the query string kept (UnstoredSearches)
    settings.setReuseCachedSearchResultsForMillis(null);
    settings.setFetchSizeDefaultMaximum(properties.maxPageSize());
    // Conditional creates by business identifier are the idempotency key of ingest.
    settings.setMatchUrlCacheEnabled(true);
    settings.setDeleteEnabled(true);
    settings.setExpungeEnabled(false);
    settings.setHibernateSearchIndexFullText(false);
    settings.setHibernateSearchIndexSearchParams(false);
    // Ingest cost is dominated by index rows and lookups per resource; these cut them without
    // losing a search the platform needs:
    // profiles and tags live in the resource itself instead of join tables,
    settings.setTagStorageMode(StorageSettings.TagStorageModeEnum.INLINE);
    // token codes are not indexed a second time as strings (no :text search on codes),
    settings.setSuppressStringIndexingInTokens(true);
    // hash-only index rows (no redundant resource type / parameter name columns),
    settings.setIndexStorageOptimized(true);
    // resource JSON inline in the version row instead of a separate large object,
    settings.setInlineResourceTextBelowSize(properties.inlineResourceTextBelowSize());
    // and bulk-ingest mode skips per-write checks that only matter for interactive editing.
    settings.setMassIngestionMode(properties.massIngestion());
    // retiring unused built-in search parameters (SearchParameterPolicy) must not trigger
    // reindexing
    settings.setMarkResourcesForReindexingUponSearchParameterChange(false);
    // ValueSets are expanded in memory when asked (all shipped ones are small): a pre-expansion
    // job would try the pattern-defined catalogue ValueSets (ICD-10-GM, ICD-O-3) too, which the
    // store serves but cannot expand, and log a failure with stack trace at every new store
    settings.setPreExpandValueSets(false);
    return settings;
  }

  @Bean
  public PartitionSettings partitionSettings() {
    return new PartitionSettings();
  }

  @Bean
  public SubscriptionSettings subscriptionSettings() {
    return new SubscriptionSettings();
  }

  @Bean
  @Primary
  public LocalContainerEntityManagerFactoryBean entityManagerFactory(
      DataSource dataSource,
      ConfigurableListableBeanFactory beanFactory,
      FhirContext fhirContext,
      JpaStorageSettings storageSettings,
      JpaProperties jpaProperties) {
    LocalContainerEntityManagerFactoryBean factory =
        HapiEntityManagerFactoryUtil.newEntityManagerFactory(
            beanFactory, fhirContext, storageSettings);
    factory.setPersistenceUnitName("HAPI_PU");
    factory.setDataSource(dataSource);
    factory.setJpaPropertyMap(jpaProperties.getProperties());
    return factory;
  }

  @Bean
  @Primary
  public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
    return new JpaTransactionManager(entityManagerFactory);
  }
}
