package dev.cutover.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cutover reject EXECUTION --reason TEXT}: ends a run that waits for approval, with no change to traffic. */
@Command(name = "reject", sortOptions = false, mixinStandardHelpOptions = true,
    description = {"Rejects the cutover of a run that waits for approval, through the decide function URL, signed (SigV4)"
        + " with your credentials: you are recorded as the one who rejected, and the starter is told your reason. The run"
        + " ends cutover.NotApproved with no change to traffic.",
        "Exit status: 0 rejected; 1 refused (not an approver, nothing waiting, already decided, expired); 2 bad request;"
            + " 3 AWS or endpoint error."})
final class RejectCommand extends DecisionCommand {

  @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (required, at most 1000 characters): the starter is told.")
  String reason;

  @Override
  String decision() {
    return "REJECT";
  }

  @Override
  String reason() {
    return reason;
  }
}
