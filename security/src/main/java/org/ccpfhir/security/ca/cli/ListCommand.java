package org.ccpfhir.security.ca.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.ccpfhir.security.ca.IssuedCertificate;
import org.ccpfhir.security.ca.NetworkCa;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ccp-ca list}: every issued certificate with its days to expiry. */
@Command(
    name = "list",
    description =
        "List issued certificates (serial, CN, not-after, days left, status);"
            + " valid ones expiring within --warn-days are flagged EXPIRING.",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = CcpCaCommand.EXIT_USAGE,
    exitCodeOnExecutionException = CcpCaCommand.EXIT_FAILURE)
final class ListCommand extends CaSubcommand {

  private static final String ROW = "%-34s %-28s %-10s %9s  %s%n";

  @Option(
      names = "--warn-days",
      defaultValue = "30",
      description = "Flag valid certificates expiring within this many days (default 30).")
  int warnDays;

  @Override
  protected void run() throws Exception {
    // public files only: listing needs no CA password
    List<IssuedCertificate> certificates = NetworkCa.listIssued(ca.dir, Clock.systemUTC());
    out().printf(ROW, "SERIAL", "CN", "NOT-AFTER", "DAYS-LEFT", "STATUS");
    int expiring = 0;
    for (IssuedCertificate c : certificates) {
      boolean soon = c.status() == IssuedCertificate.Status.VALID && c.daysLeft() < warnDays;
      expiring += soon ? 1 : 0;
      out()
          .printf(
              ROW,
              c.serial().toString(16),
              c.cn(),
              LocalDate.ofInstant(c.notAfter(), ZoneOffset.UTC),
              c.daysLeft(),
              soon ? "EXPIRING" : c.status());
    }
    out().flush();
    if (expiring > 0) {
      err()
          .println(
              expiring
                  + " certificate(s) expire within "
                  + warnDays
                  + " days; renew them with ccp-ca renew");
    }
  }
}
