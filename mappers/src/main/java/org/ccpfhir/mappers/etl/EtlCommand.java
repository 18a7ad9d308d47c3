package org.ccpfhir.mappers.etl;

import ca.uhn.fhir.context.FhirContext;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ccpfhir.mappers.adt.AdtMapper;
import org.ccpfhir.mappers.csv.SampleCsvMapper;
import org.ccpfhir.mappers.fhir.PatientBundleBuilder;
import org.ccpfhir.mappers.fhir.ResourceIds;
import org.ccpfhir.mappers.obds.ObdsMapper;
import org.ccpfhir.mappers.textmining.PathologyExtractor;
import org.ccpfhir.mappers.textmining.PathologyReportMapper;
import org.ccpfhir.mappers.textmining.PathologyTextFileMapper;
import org.ccpfhir.profiles.fast.FastMdsValidator;
import org.ccpfhir.terminology.CcpTerminology;
import org.ccpfhir.terminology.CodeSystems;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ccp-etl}: maps oBDS / ADT-GEKID XML, sample CSV and pathology text files to MDS
 * transaction bundles and posts them to a bridgehead, which pseudonymizes the named Patients on
 * ingest. A file is rejected as a whole only when it cannot be read (not well-formed, wrong format,
 * schema problems outside every patient); otherwise each patient is stored or refused on its own
 * (tolerance policy, local profile check, the bridgehead's answer) and one import report line per
 * file says how many. Exit code 1 when a file was rejected or a patient refused.
 */
@Command(
    name = "ccp-etl",
    mixinStandardHelpOptions = true,
    version = "ccp-etl 0.1",
    description =
        "Map tumour documentation (oBDS, ADT-GEKID, CSV, text) and send it to a bridgehead.")
public final class EtlCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to read.")
  List<Path> inputs;

  @Option(names = "--site", required = true, description = "Site code, part of every resource id.")
  String site;

  @Option(
      names = "--id-key-file",
      description = "Secret key for the resource ids (keeps them unguessable).")
  Path idKeyFile;

  @Option(names = "--base", description = "Bridgehead base URL, e.g. https://bridgehead:8443.")
  URI base;

  @Option(names = "--fhir-path", defaultValue = "/fhir", description = "FHIR path below the base.")
  String fhirPath;

  @Option(names = "--token", description = "Bearer token.", defaultValue = "${env:CCP_ETL_TOKEN}")
  String token;

  @Option(names = "--client-id", description = "Client id for the client-credentials grant.")
  String clientId;

  @Option(
      names = "--client-secret",
      description = "Client secret (or env CCP_ETL_CLIENT_SECRET).",
      defaultValue = "${env:CCP_ETL_CLIENT_SECRET}")
  String clientSecret;

  @Option(names = "--token-url", description = "Token endpoint (default <base>/oauth2/token).")
  URI tokenUrl;

  @Option(
      names = "--cacert",
      description = "PEM file of the CA that signed the bridgehead's certificate.")
  Path caCert;

  @Option(names = "--dry-run", description = "Map and validate only; send nothing.")
  boolean dryRun;

  @Option(names = "--skip-local-validation", description = "Do not check bundles before sending.")
  boolean skipLocalValidation;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "Files mapped and sent at the same time (default 2).")
  int threads;

  @Option(names = "--no-progress", description = "No progress bar.")
  boolean noProgress;

  public static void main(String[] args) {
    System.exit(new CommandLine(new EtlCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!dryRun && base == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--base is required unless --dry-run");
    }
    FhirContext ctx = FhirContext.forR4Cached();
    ResourceIds ids =
        idKeyFile == null
            ? ResourceIds.forSite(site)
            : new ResourceIds(site, Files.readAllBytes(idKeyFile));
    FormatRouter router = router(ids);
    DryRunValidator validator =
        dryRun || !skipLocalValidation ? new DryRunValidator(FastMdsValidator.create(ctx)) : null;
    BridgeheadClient client;
    try {
      client = dryRun ? null : client(ctx);
    } catch (java.io.IOException e) {
      // e.g. the token endpoint refused the client: say so without a stack trace
      err.println("ccp-etl: " + e.getMessage());
      return 1;
    }
    List<Path> files = SourceFiles.expand(inputs);
    FileProcessor processor = new FileProcessor(router, validator, client);
    RunSummary summary = new RunSummary();
    Progress progress = new Progress(err, files.size(), !noProgress);
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<FileProcessor.Outcome>> outcomes = new ArrayList<>();
      for (Path file : files) {
        outcomes.add(pool.submit(() -> processor.process(file)));
      }
      // collected in input order, so the summary does not depend on thread timing
      for (Future<FileProcessor.Outcome> outcome : outcomes) {
        summary.add(outcome.get());
        progress.update(summary.files, summary.rejected.size());
      }
    } finally {
      pool.shutdownNow();
    }
    summary.print(out, dryRun);
    return summary.rejected.isEmpty() && summary.patientsRefused() == 0 ? 0 : 1;
  }

  private FormatRouter router(ResourceIds ids) {
    PatientBundleBuilder builder = new PatientBundleBuilder(ids);
    CcpTerminology terminology = CcpTerminology.get();
    return new FormatRouter(
        new ObdsMapper(builder),
        new AdtMapper(builder),
        new SampleCsvMapper(ids, terminology.codes(CodeSystems.SAMPLE_MATERIAL_TYPE)),
        new PathologyTextFileMapper(
            new PathologyReportMapper(new PathologyExtractor(), ids, terminology),
            Clock.systemUTC()));
  }

  private BridgeheadClient client(FhirContext ctx) throws Exception {
    HttpClient http = BridgeheadClient.httpClient(caCert);
    String bearer = token;
    if ((bearer == null || bearer.isBlank()) && clientId != null) {
      if (clientSecret == null || clientSecret.isBlank()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--client-id needs --client-secret (or CCP_ETL_CLIENT_SECRET)");
      }
      URI url = tokenUrl != null ? tokenUrl : resolve(base, "/oauth2/token");
      bearer = BridgeheadClient.fetchToken(http, url, clientId, clientSecret);
    }
    return new BridgeheadClient(http, ctx, resolve(base, fhirPath), bearer);
  }

  static URI resolve(URI base, String path) {
    String b = base.toString();
    return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
  }
}
