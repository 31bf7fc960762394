package dev.cutover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every subcommand shares: the global options and environment (from {@link Cutover}), an
 * {@link AwsSession} for the call, printing in text or JSON, and one place where a failure becomes
 * its line of advice and exit code. No exception leaves a command.
 */
abstract class CutoverCommand implements Callable<Integer> {

  @ParentCommand
  Cutover root;

  @Spec
  CommandSpec spec;

  /** The command's work; throws anything, which {@link #call()} turns into advice. */
  abstract int run(AwsSession aws, Target target) throws Exception;

  @Override
  public final Integer call() {
    try (AwsSession aws = new AwsSession(global(), environment())) {
      Target target = new Target(global(), environment(), aws);
      try {
        return run(aws, target);
      } catch (ParameterException e) {
        throw e; // picocli prints it with the usage, exit 2
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return fail(new CliException(ExitCodes.AWS, "INTERRUPTED", "Interrupted; the command stopped, the run itself goes on."));
      } catch (Exception e) {
        String where = aws.sfnEndpoint().map(u -> "the endpoint " + u).orElse("AWS");
        return fail(Failures.translate(e, where, aws.profile()));
      }
    }
  }

  /** Prints the failure (stderr; and on stdout as JSON with --output json) and returns its exit code. */
  int fail(CliException e) {
    if (json()) {
      ObjectNode error = Run.JSON.createObjectNode();
      error.putObject("error").put("code", e.code()).put("message", e.getMessage()).put("exitCode", e.exitCode());
      printJson(error);
    }
    err().println("cutover " + spec.name() + ": " + e.getMessage());
    err().flush();
    return e.exitCode();
  }

  GlobalOptions global() {
    return root.global;
  }

  CliEnvironment environment() {
    return root.environment;
  }

  boolean json() {
    return global().json();
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  void printJson(JsonNode node) {
    out().println(node.toString());
    out().flush();
  }

  /** Bold on an interactive terminal, plain otherwise (files, pipes, tests, NO_COLOR). */
  String bold(String text) {
    return environment().terminal() ? "\u001b[1m" + text + "\u001b[0m" : text;
  }

  /** A label column of fixed width (at least one space after the label), so values line up. */
  static String label(String label) {
    return String.format("%-10s ", label);
  }
}
