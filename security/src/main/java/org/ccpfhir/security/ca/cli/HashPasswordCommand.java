package org.ccpfhir.security.ca.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ccp-ca hash-password}: reads a password (first line of stdin) and prints the hash to put
 * into {@code ccp.auth.local-issuer.users[].password-hash} or {@code clients[].secret-hash}.
 */
@Command(
    name = "hash-password",
    description =
        "Read a password from stdin and print its bcrypt hash for ccp.auth.local-issuer users"
            + " and clients.",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = CcpCaCommand.EXIT_USAGE,
    exitCodeOnExecutionException = CcpCaCommand.EXIT_FAILURE)
final class HashPasswordCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    String password =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (password == null || password.isEmpty()) {
      spec.commandLine().getErr().println("ccp-ca: no password on stdin");
      return CcpCaCommand.EXIT_USAGE;
    }
    spec.commandLine().getOut().println("{bcrypt}" + new BCryptPasswordEncoder().encode(password));
    return CcpCaCommand.EXIT_OK;
  }
}
