package org.ccpfhir.security.ca.cli;

import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import org.ccpfhir.security.ca.NetworkCa;
import org.ccpfhir.security.ca.PasswordFiles;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Common ground of the subcommands: CA options, password handling and turning failures into one
 * line on stderr with exit code 2, so operators see what went wrong rather than a stack trace.
 */
abstract class CaSubcommand implements Callable<Integer> {

  @Mixin CaOptions ca;

  @Spec CommandSpec spec;

  /** Does the work; any exception becomes exit code 2, a {@link ParameterException} exit 1. */
  protected abstract void run() throws Exception;

  @Override
  public final Integer call() {
    try {
      run();
      return exitCode();
    } catch (ParameterException e) {
      throw e;
    } catch (Exception e) {
      err().println("ccp-ca " + spec.name() + ": " + describe(e));
      if (ca.verbose) {
        e.printStackTrace(err());
      }
      err().flush();
      return CcpCaCommand.EXIT_FAILURE;
    }
  }

  /** The CA password from {@code --password-file} or {@code --password-stdin}. */
  protected char[] caPassword(boolean generateIfMissing) throws Exception {
    if ((ca.passwordFile == null) == !ca.passwordStdin) {
      throw new ParameterException(
          spec.commandLine(), "give exactly one of --password-file or --password-stdin");
    }
    if (ca.passwordStdin) {
      return PasswordFiles.readFirstLine(System.in);
    }
    return generateIfMissing
        ? PasswordFiles.readOrGenerate(ca.passwordFile)
        : PasswordFiles.read(ca.passwordFile);
  }

  /** The exit code after {@link #run()} completed; {@code list} reports certificates to renew. */
  protected int exitCode() {
    return CcpCaCommand.EXIT_OK;
  }

  protected NetworkCa openCa() throws Exception {
    return NetworkCa.open(ca.dir, caPassword(false));
  }

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }

  protected ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private static String describe(Exception e) {
    if (e instanceof NoSuchFileException missing) {
      return "file not found: " + missing.getFile();
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
