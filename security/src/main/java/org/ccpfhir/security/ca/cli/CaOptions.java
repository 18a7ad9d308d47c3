package org.ccpfhir.security.ca.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every subcommand shares: where the CA lives and how to get its password. */
final class CaOptions {

  @Option(
      names = "--dir",
      required = true,
      paramLabel = "DIR",
      description = "Directory of the network CA.")
  Path dir;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "File whose first line is the CA password.")
  Path passwordFile;

  @Option(
      names = "--password-stdin",
      description = "Read the CA password from the first line of standard input.")
  boolean passwordStdin;

  @Option(names = "--verbose", description = "Print stack traces on failure.")
  boolean verbose;
}
