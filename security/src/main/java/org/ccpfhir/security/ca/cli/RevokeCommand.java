package org.ccpfhir.security.ca.cli;

import java.math.BigInteger;
import org.ccpfhir.security.ca.NetworkCa;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ccp-ca revoke}: adds a certificate to the revocation list and re-signs it. */
@Command(
    name = "revoke",
    description = "Revoke a certificate by serial and publish a new crl.pem.",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = CcpCaCommand.EXIT_USAGE,
    exitCodeOnExecutionException = CcpCaCommand.EXIT_FAILURE)
final class RevokeCommand extends CaSubcommand {

  @Option(names = "--serial", required = true, description = "Serial number (hex, as listed).")
  String serial;

  @Option(
      names = "--reason",
      defaultValue = "unspecified",
      converter = RevocationReason.Converter.class,
      description = "keyCompromise, superseded, cessationOfOperation, ... (default unspecified).")
  RevocationReason reason;

  @Override
  protected void run() throws Exception {
    BigInteger number = parseSerial();
    NetworkCa networkCa = openCa();
    networkCa.revoke(number, reason.code());
    out().println("revoked serial " + number.toString(16) + " (" + reason + ")");
    out().println("revocation list: " + networkCa.crlFile());
  }

  private BigInteger parseSerial() {
    String hex = serial.strip().replace(":", "");
    if (hex.startsWith("0x") || hex.startsWith("0X")) {
      hex = hex.substring(2);
    }
    try {
      return new BigInteger(hex, 16);
    } catch (NumberFormatException e) {
      throw usage("--serial must be a hexadecimal number, got '" + serial + "'");
    }
  }
}
