package org.ccpfhir.security.ca.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ccpfhir.security.ca.ComponentName;
import org.ccpfhir.security.ca.Credential;
import org.ccpfhir.security.ca.PasswordFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ccp-ca issue}: a new key and certificate for a component, as PKCS#12. */
@Command(
    name = "issue",
    description = {
      "Issue a key and certificate for a component into a new PKCS#12 file.",
      "Without --out-password-file the key store password is generated and written to"
          + " <out>.password (mode 0600)."
    },
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = CcpCaCommand.EXIT_USAGE,
    exitCodeOnExecutionException = CcpCaCommand.EXIT_FAILURE)
final class IssueCommand extends CaSubcommand {

  @Option(names = "--role", required = true, description = "Component role, e.g. bridgehead.")
  String role;

  @Option(names = "--site", description = "Site code, e.g. HD; omit for central components.")
  String site;

  @Option(
      names = "--dns",
      arity = "1..*",
      description = "DNS names for the certificate; localhost adds 127.0.0.1.")
  List<String> dnsNames = new ArrayList<>();

  @Option(names = "--days", defaultValue = "365", description = "Validity in days (default 365).")
  int days;

  @Option(names = "--out", required = true, description = "PKCS#12 file to write.")
  Path out;

  @Option(
      names = "--out-password-file",
      description = "Password for the PKCS#12 file (generated into it if it does not exist).")
  Path outPasswordFile;

  @Override
  protected void run() throws Exception {
    ComponentName name = componentName();
    if (days <= 0) {
      throw usage("--days must be positive");
    }
    if (Files.exists(out)) {
      throw new IllegalStateException(out + " already exists; remove it first or use renew");
    }
    Path passwordFile =
        outPasswordFile != null ? outPasswordFile : Path.of(out.toString() + ".password");
    if (outPasswordFile == null && Files.exists(passwordFile)) {
      throw new IllegalStateException(passwordFile + " already exists; not overwriting it");
    }
    Credential credential = openCa().issue(name, dnsNames, Duration.ofDays(days));
    credential.writePkcs12(out, PasswordFiles.readOrGenerate(passwordFile));
    out()
        .println(
            "issued "
                + name.cn()
                + " (serial "
                + credential.certificate().getSerialNumber().toString(16)
                + ", valid until "
                + credential.certificate().getNotAfter().toInstant()
                + ")");
    out().println("key store: " + out + ", password in " + passwordFile);
  }

  private ComponentName componentName() {
    try {
      return ComponentName.of(role, site);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }
}
