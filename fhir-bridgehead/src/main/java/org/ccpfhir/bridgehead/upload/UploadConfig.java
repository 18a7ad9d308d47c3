package org.ccpfhir.bridgehead.upload;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.ccpfhir.bridgehead.consent.ConsentKinds;
import org.ccpfhir.bridgehead.consent.DecisionAuditor;
import org.ccpfhir.bridgehead.consent.LocalUploadSetting;
import org.ccpfhir.bridgehead.pseudonym.IdentityNetworkProperties;
import org.ccpfhir.bridgehead.pseudonym.LocalPatientListProperties;
import org.ccpfhir.bridgehead.pseudonym.PseudonymService;
import org.ccpfhir.identity.pseudonym.PseudonymSystems;
import org.ccpfhir.mappers.upload.MdsMinimiser;
import org.ccpfhir.platform.ComponentClient;
import org.ccpfhir.platform.SecretFiles;
import org.ccpfhir.platform.schema.OwnSchema;
import org.ccpfhir.security.tls.ComponentTls;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the Teiler's upload. It needs the bridgehead's certificate (mutual TLS, signing) and the
 * MDS database's URL ({@code ccp.upload.*}); without them {@link UploadRunner} answers that the
 * upload is not configured.
 */
@Configuration
@EnableConfigurationProperties(UploadProperties.class)
public class UploadConfig {

  @Bean(destroyMethod = "shutdownNow")
  public ExecutorService uploadPool(UploadProperties properties) {
    return Executors.newFixedThreadPool(
        properties.threads(),
        runnable -> {
          Thread thread = new Thread(runnable, "upload");
          thread.setDaemon(true);
          return thread;
        });
  }

  @Bean
  public static OwnSchema uploadSchema() {
    return UploadStateRepository.SCHEMA;
  }

  @Bean
  public UploadStateRepository uploadStateRepository(DataSource dataSource) {
    UploadStateRepository states = new UploadStateRepository(dataSource, Clock.systemUTC());
    // one bridgehead per database: a run still "running" now was cut off by a stop or a crash
    states.closeInterruptedRuns();
    return states;
  }

  /** The MDS pseudonyms of this site; null when the upload is not configured. */
  @Bean
  public MdsPseudonyms mdsPseudonyms(
      UploadProperties properties,
      ObjectProvider<ComponentTls> tls,
      IdentityNetworkProperties network,
      LocalPatientListProperties localList,
      FhirContext fhir,
      PseudonymService pseudonymService)
      throws IOException {
    ComponentTls ours = tls.getIfAvailable();
    if (ours == null || !properties.configured()) {
      return null;
    }
    HttpClient http = ours.httpClient(properties.timeout());
    byte[] localKey =
        SecretFiles.readOrCreate(properties.localIdKey(), properties.localIdKeyFile(), 32);
    return new MdsPseudonyms(
        network.centralListUrl() == null
            ? null
            : new ComponentClient(http, fhir, properties.timeout()),
        network.centralListUrl(),
        properties.reencryptTarget(),
        pseudonymService,
        ours.credential(),
        new MdsCertificate(
            properties.mdsCertificate(), properties.mdsUrl(), http, properties.timeout()),
        localKey,
        localList.site());
  }

  @Bean
  public UploadRunner uploadRunner(
      UploadProperties properties,
      ObjectProvider<ComponentTls> tls,
      ObjectProvider<MdsPseudonyms> pseudonyms,
      LocalPatientListProperties localList,
      FhirContext fhir,
      DaoRegistry daos,
      ConsentKinds kinds,
      LocalUploadSetting localUpload,
      UploadStateRepository states,
      DecisionAuditor auditor,
      ExecutorService uploadPool) {
    MdsPseudonyms ours = pseudonyms.getIfAvailable();
    UploadService service = null;
    if (ours != null) {
      HttpClient http = tls.getObject().httpClient(properties.timeout());
      service =
          new UploadService(
              new UploadService.UploadParts(
                  kinds,
                  localUpload,
                  states,
                  new PatientDataReader(daos),
                  new MdsMinimiser(fhir),
                  new Icd10Filter(properties.icd10Ranges()),
                  ours,
                  new MdsDatabaseClient(
                      new ComponentClient(http, fhir, properties.timeout()),
                      properties.mdsUrl(),
                      fhir,
                      tls.getObject().credential(),
                      ours.mdsCertificate()),
                  auditor,
                  fhir,
                  PseudonymSystems.of(localList.localDomain())),
              properties.batchSize(),
              uploadPool);
    }
    return new UploadRunner(service, states);
  }

  @Bean
  public UploadOperationProvider uploadOperationProvider(UploadRunner runner) {
    return new UploadOperationProvider(runner);
  }
}
