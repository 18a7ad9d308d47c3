package org.ccpfhir.security.ca.cli;

import java.security.cert.X509CRL;
import java.time.Duration;
import org.ccpfhir.security.ca.NetworkCa;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ccp-ca crl}: re-signs the revocation list, e.g. from a weekly cron job. */
@Command(
    name = "crl",
    description = "Re-sign the revocation list (crl.pem) and print its path.",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = CcpCaCommand.EXIT_USAGE,
    exitCodeOnExecutionException = CcpCaCommand.EXIT_FAILURE)
final class CrlCommand extends CaSubcommand {

  @Option(
      names = "--next-update-days",
      defaultValue = "7",
      description = "Days until the list must be re-signed (default 7).")
  int nextUpdateDays;

  @Override
  protected void run() throws Exception {
    if (nextUpdateDays <= 0) {
      throw usage("--next-update-days must be positive");
    }
    NetworkCa networkCa = openCa().withCrlValidity(Duration.ofDays(nextUpdateDays));
    X509CRL crl = networkCa.refreshCrl();
    out().println(networkCa.crlFile());
    err()
        .println(
            "revocation list signed; "
                + (crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size())
                + " revoked, next update "
                + crl.getNextUpdate().toInstant());
  }
}
