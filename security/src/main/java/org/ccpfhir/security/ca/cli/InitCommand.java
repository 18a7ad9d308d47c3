package org.ccpfhir.security.ca.cli;

import java.time.Duration;
import org.ccpfhir.security.ca.NetworkCa;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ccp-ca init}: creates the network CA. */
@Command(
    name = "init",
    description = {
      "Create a network CA in --dir (ca.p12, ca.pem, crl.pem).",
      "A --password-file that does not exist yet receives a new random password (mode 0600)."
    },
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = CcpCaCommand.EXIT_USAGE,
    exitCodeOnExecutionException = CcpCaCommand.EXIT_FAILURE)
final class InitCommand extends CaSubcommand {

  @Option(names = "--name", required = true, description = "CA name (subject CN).")
  String name;

  @Option(
      names = "--days",
      defaultValue = "3650",
      description = "Validity of the CA certificate in days (default ${DEFAULT-VALUE}).")
  int days;

  @Override
  protected void run() throws Exception {
    if (days <= 0) {
      throw usage("--days must be positive");
    }
    if (NetworkCa.exists(ca.dir)) {
      throw new IllegalStateException("a network CA already exists in " + ca.dir);
    }
    NetworkCa created = NetworkCa.create(ca.dir, caPassword(true), name, Duration.ofDays(days));
    out().println("created network CA \"" + name + "\" in " + ca.dir);
    out().println("trust anchor: " + created.certificateFile());
    out().println("revocation list: " + created.crlFile());
    if (ca.passwordFile != null) {
      out().println("CA password: " + ca.passwordFile + " (keep it safe)");
    }
  }
}
