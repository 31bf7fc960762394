package dev.cutover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * {@code cutover rollback EXECUTION}: starts a {@code mode: ROLLBACK} run with the plan of the
 * given run, named {@code rollback-<its name>}, so asking twice finds the same rollback rather
 * than starting a second one. The rollback is driven by what the cutover recorded; it deletes
 * nothing and every action is safe to repeat.
 */
@Command(name = "rollback", sortOptions = false, mixinStandardHelpOptions = true,
    description = {"Puts users back on blue: reads the plan of the given run, sets mode ROLLBACK, validates it, and starts a"
        + " rollback run named rollback-<the run's name>. Asking again finds that rollback run instead of starting another."
        + " The rollback moves the alias and DNS back and restores replication from what the cutover recorded; it deletes"
        + " nothing.",
        "Exit status: 0 started or already there; 2 the run does not exist, is still running, or its plan does not validate;"
            + " 3 AWS or endpoint error."})
final class RollbackCommand extends CutoverCommand {

  static final String PREFIX = "rollback-";
  static final int MAX_NAME = 80;

  @Mixin
  ExecutionRef execution;

  @Option(names = "--even-if-running",
      description = "Start the rollback even though the run is still going (it may keep changing things meanwhile; prefer"
          + " stopping it first: aws stepfunctions stop-execution --execution-arn ARN).")
  boolean evenIfRunning;

  @Override
  int run(AwsSession aws, Target target) throws Exception {
    Target.ExecutionArn arn = target.execution(execution.value());
    Region region = aws.region(Optional.of(arn.region()));
    SfnClient sfn = aws.sfn(region);
    DescribeExecutionResponse original = sfn.describeExecution(r -> r.executionArn(arn.arn()));
    String name = rollbackName(original.name());
    String rollbackArn = arn.sibling(name);
    Optional<DescribeExecutionResponse> existing = describe(sfn, rollbackArn);
    if (existing.isPresent()) {
      return report(existing.get(), false);
    }
    if (original.status() == ExecutionStatus.RUNNING && !evenIfRunning) {
      throw CliException.usage("RUN_STILL_RUNNING", "The run " + arn.arn() + " is still RUNNING, and would go on changing things"
          + " while a rollback runs. Stop it first (aws stepfunctions stop-execution --execution-arn " + arn.arn() + "; if its"
          + " cutover had begun, the Cutover stack's automatic rollback starts on its own), then run this again; or pass"
          + " --even-if-running.");
    }
    String plan = rollbackPlan(original);
    try {
      sfn.startExecution(r -> r.stateMachineArn(original.stateMachineArn()).name(name).input(plan));
    } catch (ExecutionAlreadyExistsException e) {
      return report(sfn.describeExecution(r -> r.executionArn(rollbackArn)), false);
    }
    return report(sfn.describeExecution(r -> r.executionArn(rollbackArn)), true);
  }

  /** {@code rollback-<name>}, cut to the 80 characters Step Functions allows. */
  static String rollbackName(String original) {
    String name = PREFIX + original;
    return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
  }

  /** The run's plan with mode ROLLBACK, validated; for a run EventBridge started, the failed run's plan inside the event. */
  static String rollbackPlan(DescribeExecutionResponse original) {
    JsonNode input = Run.parse(original.input());
    if ("aws.states".equals(input.path("source").asText()) && input.path("detail").path("input").isTextual()) {
      input = Run.parse(input.path("detail").path("input").asText());
    }
    if (!input.isObject()) {
      throw CliException.usage("NO_PLAN", "The run's input is not a plan, so there is nothing to roll back from; start a"
          + " rollback yourself: cutover start --input PLAN (with \"mode\": \"ROLLBACK\").");
    }
    ObjectNode plan = ((ObjectNode) input).deepCopy();
    plan.put("mode", "ROLLBACK");
    String text = plan.toString();
    StartCommand.validate(text, "The run's plan (with mode ROLLBACK)");
    return text;
  }

  private static Optional<DescribeExecutionResponse> describe(SfnClient sfn, String arn) {
    try {
      return Optional.of(sfn.describeExecution(r -> r.executionArn(arn)));
    } catch (ExecutionDoesNotExistException e) {
      return Optional.empty();
    }
  }

  private int report(DescribeExecutionResponse rollback, boolean started) {
    if (json()) {
      printJson(Run.JSON.createObjectNode().put("executionArn", rollback.executionArn()).put("started", started)
          .put("status", rollback.statusAsString()).put("startDate", rollback.startDate().toString()));
      return ExitCodes.OK;
    }
    out().println((started ? "Started the rollback " : "The rollback already exists (" + rollback.statusAsString() + ", started "
        + rollback.startDate() + "), not started again: ") + rollback.executionArn());
    out().println("Follow it: cutover watch " + rollback.executionArn() + " --follow");
    out().flush();
    return ExitCodes.OK;
  }
}
