package org.ccpfhir.security.ca.cli;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.ccpfhir.security.ca.NetworkCa;
import org.ccpfhir.security.ca.PasswordFiles;
import org.ccpfhir.security.ca.Pem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ccp-ca renew}: a new certificate for the same key, in a key store or a PEM file. */
@Command(
    name = "renew",
    description = {
      "Renew a certificate (same subject and key, new serial and validity).",
      "Either --keystore with --keystore-password-file (renewed in place),"
          + " or --cert with --out."
    },
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = CcpCaCommand.EXIT_USAGE,
    exitCodeOnExecutionException = CcpCaCommand.EXIT_FAILURE)
final class RenewCommand extends CaSubcommand {

  @Option(names = "--keystore", description = "PKCS#12 file to renew in place.")
  Path keyStore;

  @Option(names = "--keystore-password-file", description = "Password file of --keystore.")
  Path keyStorePasswordFile;

  @Option(names = "--cert", description = "Certificate to renew (PEM).")
  Path certificate;

  @Option(names = "--out", description = "Where to write the renewed certificate (PEM).")
  Path outFile;

  @Option(names = "--days", defaultValue = "365", description = "Validity in days (default 365).")
  int days;

  @Override
  protected void run() throws Exception {
    checkArguments();
    NetworkCa networkCa = openCa();
    X509Certificate renewed;
    Path target;
    if (keyStore != null) {
      renewed =
          networkCa.renewKeyStore(
              keyStore, PasswordFiles.read(keyStorePasswordFile), Duration.ofDays(days));
      target = keyStore;
    } else {
      renewed = networkCa.renew(Pem.readCertificate(certificate), Duration.ofDays(days));
      Pem.write(outFile, renewed);
      target = outFile;
    }
    out()
        .println(
            "renewed "
                + renewed.getSubjectX500Principal().getName()
                + " (new serial "
                + renewed.getSerialNumber().toString(16)
                + ", valid until "
                + renewed.getNotAfter().toInstant()
                + ") in "
                + target);
  }

  private void checkArguments() {
    if (days <= 0) {
      throw usage("--days must be positive");
    }
    if ((keyStore == null) == (certificate == null)) {
      throw usage("give either --keystore or --cert");
    }
    if (keyStore != null && keyStorePasswordFile == null) {
      throw usage("--keystore needs --keystore-password-file");
    }
    if (certificate != null && outFile == null) {
      throw usage("--cert needs --out");
    }
  }
}
