package dev.cutover.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cutover approve EXECUTION}: lets a run that waits for approval go on to the cutover. */
@Command(name = "approve", sortOptions = false, mixinStandardHelpOptions = true,
    description = {"Approves the cutover of a run that waits for approval, through the decide function URL, signed (SigV4)"
        + " with your credentials: you are recorded as the approver, and must be on the plan's approval.approvers (and, if"
        + " the plan says so, not the person who started the run). Prints who the decision was recorded as.",
        "Exit status: 0 approved; 1 refused (not an approver, self-approval, nothing waiting, already decided, expired);"
            + " 2 bad request; 3 AWS or endpoint error."})
final class ApproveCommand extends DecisionCommand {

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why (optional, at most 1000 characters); kept with the decision.")
  String reason;

  @Override
  String decision() {
    return "APPROVE";
  }

  @Override
  String reason() {
    return reason;
  }
}
