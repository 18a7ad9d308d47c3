package org.ccpfhir.bridgehead.upload.bench;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.ccpfhir.bridgehead.BridgeheadApplication;
import org.ccpfhir.bridgehead.consent.LocalUploadSetting;
import org.ccpfhir.bridgehead.consent.NetworkConsent;
import org.ccpfhir.bridgehead.identity.IdentityNetwork;
import org.ccpfhir.bridgehead.upload.ConsentResources;
import org.ccpfhir.bridgehead.upload.MdsDatabase;
import org.ccpfhir.bridgehead.upload.UploadRunner;
import org.ccpfhir.bridgehead.upload.UploadStateRepository.Run;
import org.ccpfhir.identity.pseudonym.PseudonymSystems;
import org.ccpfhir.synthetic.EntryMode;
import org.ccpfhir.synthetic.SyntheticPatientGenerator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Upload throughput (bench/upload.sh): a bridgehead on PostgreSQL with N synthetic patients, each
 * with a local consent allowing upload (no identity-network round trip per patient; a network
 * consent adds one {@code $reencrypt} call), the site's switch on, and the MDS database beside it
 * (same JVM, H2 in memory, mutual TLS on loopback). Each measured run starts from an empty upload
 * state, so every patient is read, minimised, hashed, sealed, sent and stored; the MDS database
 * replaces what an earlier run stored. Prints patients/s per run and the median, then the time of a
 * run with nothing changed.
 *
 * <p>Arguments: patients, runs, database URL, patients per fill transaction.
 */
public final class UploadBenchmark {

  private static final String CHECKED =
      "org.ccpfhir.bridgehead.ingest.IngestRequestInterceptor.checked";

  private static final String LOCAL_SYSTEM = PseudonymSystems.of("BK-HD-L");

  private UploadBenchmark() {}

  public static void main(String[] args) {
    int patients = Integer.parseInt(args[0]);
    int runs = Integer.parseInt(args[1]);
    String database = args[2];
    int perTransaction = Integer.parseInt(args[3]);
    IdentityNetwork.shared();
    MdsDatabase.shared();
    ConfigurableApplicationContext bridgehead =
        new SpringApplicationBuilder(BridgeheadApplication.class)
            .profiles("demo", "postgres", "itpg")
            .run(
                "--server.port=0",
                "--spring.datasource.url=" + database,
                "--ccp.identity-network.generator-url="
                    + IdentityNetwork.url(IdentityNetwork.shared().generator),
                "--ccp.identity-network.central-list-url="
                    + IdentityNetwork.url(IdentityNetwork.shared().centralList),
                "--ccp.upload.mds-url=" + IdentityNetwork.url(MdsDatabase.shared()),
                "--ccp.upload.cron=-",
                "--ccp.upload.local-id-key-file="
                    + IdentityNetwork.PKI.resolve("upload-local-id.key"),
                "--logging.level.org.ccpfhir=warn");
    try {
      JdbcTemplate state = new JdbcTemplate(bridgehead.getBean(DataSource.class));
      fill(bridgehead.getBean(DaoRegistry.class), state, patients, perTransaction);
      LocalUploadSetting setting = bridgehead.getBean(LocalUploadSetting.class);
      if (!setting.enabled()) {
        setting.confirm(setting.propose(true, "bench-admin-1").id(), "bench-admin-2");
      }
      UploadRunner runner = bridgehead.getBean(UploadRunner.class);
      List<Double> rates = new ArrayList<>();
      for (int run = 0; run <= runs; run++) {
        state.update("DELETE FROM ccp_upload_state");
        long start = System.nanoTime();
        Run result = runner.onDemand();
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = result.uploaded() / seconds;
        System.out.printf(
            "%s run %d: %s, uploaded %d, failed %d in %.1f s = %.0f patients/s%n",
            run == 0 ? "warm-up" : "measured",
            run,
            result.status(),
            result.uploaded(),
            result.failed(),
            seconds,
            rate);
        if (run > 0) {
          rates.add(rate);
        }
      }
      long start = System.nanoTime();
      Run unchanged = runner.onDemand();
      System.out.printf(
          "nothing changed: %d unchanged, %d uploaded in %.1f s%n",
          unchanged.unchanged(), unchanged.uploaded(), (System.nanoTime() - start) / 1e9);
      Collections.sort(rates);
      System.out.printf(
          "UPLOAD patients=%d median=%.0f patients/s (runs: %s)%n",
          patients, rates.get(rates.size() / 2), rates);
    } finally {
      bridgehead.close();
      MdsDatabase.shared().close();
      System.exit(0);
    }
  }

  /**
   * Writes the patients with their Consents straight through the DAO. Profile validation is skipped
   * (the resources are marked checked): ingest speed is bench/ingest.sh's subject.
   */
  private static void fill(DaoRegistry daos, JdbcTemplate state, int patients, int perTransaction) {
    long start = System.nanoTime();
    // a kept store (bench/upload.sh --keep-data) is only topped up to N patients
    int present =
        state.queryForObject(
            "SELECT count(*) FROM hfj_resource WHERE res_type = 'Patient' AND res_deleted_at IS NULL",
            Integer.class);
    SyntheticPatientGenerator generator =
        new SyntheticPatientGenerator(System.nanoTime(), "HD", EntryMode.POST, false);
    for (int from = present; from < patients; from += perTransaction) {
      List<Bundle> bundles =
          generator.patients(from, Math.min(perTransaction, patients - from)).toList();
      Bundle transaction = SyntheticPatientGenerator.merge(bundles);
      for (Bundle bundle : bundles) {
        Bundle.BundleEntryComponent patient =
            bundle.getEntry().stream()
                .filter(e -> e.getResource() instanceof Patient)
                .findFirst()
                .orElseThrow();
        // the generator names its pseudonyms in a system of its own; the site's is BK-HD-L
        ((Patient) patient.getResource()).getIdentifierFirstRep().setSystem(LOCAL_SYSTEM);
        transaction
            .addEntry()
            .setResource(
                ConsentResources.consent(patient.getFullUrl(), NetworkConsent.LOCAL_UPLOAD))
            .getRequest()
            .setMethod(Bundle.HTTPVerb.POST)
            .setUrl("Consent");
      }
      SystemRequestDetails request = new SystemRequestDetails();
      Set<Resource> checked = Collections.newSetFromMap(new IdentityHashMap<>());
      transaction.getEntry().forEach(e -> checked.add(e.getResource()));
      request.getUserData().put(CHECKED, Collections.synchronizedSet(checked));
      daos.getSystemDao().transaction(request, transaction);
    }
    System.out.printf(
        "filled %d of %d patients with consents in %.0f s%n",
        Math.max(0, patients - present), patients, (System.nanoTime() - start) / 1e9);
  }
}
