package dev.cutover.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The execution a command works on, given as an argument ({@code cutover watch ARN}) or, as the
 * approval notice writes it, with {@code --execution ARN}. Either an ARN or a name under the
 * migration state machine.
 */
final class ExecutionRef {

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Parameters(index = "0", arity = "0..1", paramLabel = "EXECUTION",
      description = "The execution: its ARN (as `cutover start` prints it) or its name under the migration state machine.")
  String positional;

  @Option(names = "--execution", paramLabel = "EXECUTION", description = "The same, as an option (the approval notice writes it so).")
  String option;

  /** The one reference given; a usage error if none, or two different ones. */
  String value() {
    if (positional != null && option != null && !positional.equals(option)) {
      throw new ParameterException(mixee.commandLine(), "Two different executions given (" + positional + " and --execution "
          + option + "): give one.");
    }
    String value = positional != null ? positional : option;
    if (value == null || value.isBlank()) {
      throw new ParameterException(mixee.commandLine(), "Missing the execution: cutover " + mixee.name() + " EXECUTION"
          + " (its ARN, as `cutover start` printed it, or its name).");
    }
    return value.trim();
  }
}
