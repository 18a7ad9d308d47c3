package org.ccpfhir.bridgehead.upload;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.io.IOException;
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
import org.ccpfhir.identity.SecretFiles;
import org.ccpfhir.identity.fhir.ComponentClient;
import org.ccpfhir.identity.pseudonym.PseudonymSystems;
import org.ccpfhir.mappers.upload.MdsMinimiser;
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
  public UploadStateRepository uploadStateRepository(DataSource dataSource) {
    return new UploadStateRepository(dataSource, Clock.systemUTC());
  }

  @Bean
  public UploadRunner uploadRunner(
      UploadProperties properties,
      ObjectProvider<ComponentTls> tls,
      IdentityNetworkProperties network,
      LocalPatientListProperties localList,
      FhirContext fhir,
      DaoRegistry daos,
      ConsentKinds kinds,
      LocalUploadSetting localUpload,
      UploadStateRepository states,
      PseudonymService pseudonymService,
      DecisionAuditor auditor,
      ExecutorService uploadPool,
      RestfulServer server)
      throws IOException {
    ComponentTls ours = tls.getIfAvailable();
    UploadService service = null;
    if (ours != null && properties.configured()) {
      java.net.http.HttpClient http = ours.httpClient(properties.timeout());
      ComponentClient client = new ComponentClient(http, fhir, properties.timeout());
      MdsCertificate mdsCertificate =
          new MdsCertificate(
              properties.mdsCertificate(), properties.mdsUrl(), http, properties.timeout());
      byte[] localKey =
          SecretFiles.readOrCreate(properties.localIdKey(), properties.localIdKeyFile(), 32);
      MdsPseudonyms pseudonyms =
          new MdsPseudonyms(
              network.centralListUrl() == null ? null : client,
              network.centralListUrl(),
              properties.reencryptTarget(),
              pseudonymService,
              ours.credential(),
              mdsCertificate,
              localKey,
              localList.site());
      service =
          new UploadService(
              new UploadService.UploadParts(
                  kinds,
                  localUpload,
                  states,
                  new PatientDataReader(daos),
                  new MdsMinimiser(fhir),
                  new Icd10Filter(properties.icd10Ranges()),
                  pseudonyms,
                  new MdsDatabaseClient(
                      client, properties.mdsUrl(), fhir, ours.credential(), mdsCertificate),
                  auditor,
                  fhir,
                  PseudonymSystems.of(localList.localDomain())),
              properties.batchSize(),
              uploadPool);
    }
    UploadRunner runner = new UploadRunner(service, states);
    server.registerProvider(new UploadOperationProvider(runner));
    return runner;
  }
}
