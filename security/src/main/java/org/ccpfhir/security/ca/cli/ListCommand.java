package org.ccpfhir.security.ca.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ccpfhir.security.ca.IssuedCertificate;
import org.ccpfhir.security.ca.NetworkCa;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ccp-ca list}: every issued certificate with its days to expiry. Exit code {@value
 * CcpCaCommand#EXIT_RENEW} when a component's current certificate (the newest of its CN that is not
 * revoked) expires within {@code --warn-days} or has expired, so that a cron job or monitoring
 * check can alert on the exit code alone. Certificates replaced by a renewal are listed but do not
 * count.
 */
@Command(
    name = "list",
    description =
        "List issued certificates (serial, CN, not-after, days left, status);"
            + " valid ones expiring within --warn-days are flagged EXPIRING."
            + " Exit code 3 when the current certificate of a CN (newest, not revoked)"
            + " is expiring or expired.",
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:no current certificate expires within --warn-days",
      "1:usage error",
      "2:failure (e.g. no CA in --dir)",
      "3:a component's current certificate is expiring or expired (renew it)"
    },
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

  private int attention;

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
    attention = needRenewal(certificates).size();
    if (attention > 0) {
      err()
          .println(
              attention
                  + " component(s) whose current certificate is expiring or expired: "
                  + String.join(", ", needRenewal(certificates)));
    }
    err().flush();
  }

  @Override
  protected int exitCode() {
    return attention > 0 ? CcpCaCommand.EXIT_RENEW : CcpCaCommand.EXIT_OK;
  }

  /**
   * CNs whose current certificate (the newest of the CN that is not revoked) expires within the
   * warning period or has expired. An old certificate superseded by a renewal stays in the CA's
   * files until it expires and must not keep the exit code up for ever; a revoked one was retired
   * on purpose.
   */
  private List<String> needRenewal(List<IssuedCertificate> certificates) {
    Map<String, IssuedCertificate> current =
        certificates.stream()
            .filter(c -> c.status() != IssuedCertificate.Status.REVOKED)
            .collect(
                Collectors.toMap(
                    IssuedCertificate::cn,
                    Function.identity(),
                    (a, b) -> a.notAfter().isAfter(b.notAfter()) ? a : b));
    return current.values().stream()
        .filter(c -> c.daysLeft() < warnDays)
        .map(IssuedCertificate::cn)
        .sorted(Comparator.naturalOrder())
        .toList();
  }
}
