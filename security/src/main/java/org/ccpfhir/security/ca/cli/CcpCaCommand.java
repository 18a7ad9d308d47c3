package org.ccpfhir.security.ca.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ccp-ca}: runs the network CA from the command line. Exit codes: 0 done, 1 usage error, 2
 * failure (one line on stderr; {@code --verbose} adds the stack trace), 3 {@code list} found a
 * component whose current certificate is expiring or expired.
 */
@Command(
    name = "ccp-ca",
    mixinStandardHelpOptions = true,
    version = "ccp-ca 0.1.0",
    description = "Network CA of ccp-fhir: issues, renews and revokes component certificates.",
    exitCodeOnInvalidInput = CcpCaCommand.EXIT_USAGE,
    exitCodeOnExecutionException = CcpCaCommand.EXIT_FAILURE,
    subcommands = {
      InitCommand.class,
      IssueCommand.class,
      EnrolCommand.class,
      RenewCommand.class,
      RevokeCommand.class,
      CrlCommand.class,
      ListCommand.class,
      HashPasswordCommand.class
    })
public class CcpCaCommand implements Callable<Integer> {

  public static final int EXIT_OK = 0;
  public static final int EXIT_USAGE = 1;
  public static final int EXIT_FAILURE = 2;
  public static final int EXIT_RENEW = 3;

  @Spec private CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new CcpCaCommand()).execute(args));
  }

  /** Without a subcommand there is nothing to do: show what there is. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return EXIT_USAGE;
  }
}
