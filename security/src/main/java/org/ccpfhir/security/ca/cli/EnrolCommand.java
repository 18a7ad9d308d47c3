package org.ccpfhir.security.ca.cli;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.ccpfhir.security.ca.Pem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ccp-ca enrol}: certifies a component's own key from its PKCS#10 request. */
@Command(
    name = "enrol",
    description =
        "Issue a certificate for a PKCS#10 request (PEM). The CN must be role or role.SITE;"
            + " only DNS/IP alternative names are taken from the request.",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = CcpCaCommand.EXIT_USAGE,
    exitCodeOnExecutionException = CcpCaCommand.EXIT_FAILURE)
final class EnrolCommand extends CaSubcommand {

  @Option(names = "--csr", required = true, description = "Certificate request (PEM).")
  Path csr;

  @Option(names = "--out", required = true, description = "Certificate file to write (PEM).")
  Path outFile;

  @Option(names = "--days", defaultValue = "365", description = "Validity in days (default 365).")
  int days;

  @Override
  protected void run() throws Exception {
    if (days <= 0) {
      throw usage("--days must be positive");
    }
    var request = Pem.readRequest(csr);
    X509Certificate certificate = openCa().enrol(request, Duration.ofDays(days));
    Pem.write(outFile, certificate);
    out()
        .println(
            "enrolled "
                + certificate.getSubjectX500Principal().getName()
                + " (serial "
                + certificate.getSerialNumber().toString(16)
                + ") into "
                + outFile);
  }
}
