package dev.cutover.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanProblem;
import dev.cutover.plan.Plans;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;

/**
 * {@code cutover start --input FILE}: validates the plan here with the same parser the steps use
 * (every problem, with its field, before anything runs), then starts an execution of the migration
 * state machine and says what to run next.
 */
@Command(name = "start", sortOptions = false, mixinStandardHelpOptions = true,
    description = {"Validates an execution input (a plan, see events/) with the steps' own parser, then starts a run of the"
        + " migration state machine and prints its ARN and the commands to follow it.",
        "Nothing is started if the plan has a problem: each one is printed with its field and what to do.",
        "Exit status: 0 started; 2 the plan has problems, the name is taken, or no migration state machine is found; 3 AWS or"
            + " endpoint error."})
final class StartCommand extends CutoverCommand {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "The plan (JSON), e.g. events/migrate.json.")
  Path input;

  @Option(names = "--name", paramLabel = "NAME",
      description = "The execution's name (1-80 characters, unique in the state machine). Default: MIGRATION-ID-MODE-yyyyMMdd-HHmmss.")
  String name;

  @Override
  int run(AwsSession aws, Target target) throws Exception {
    String text = read(input);
    Plan plan = validate(text, input.toString());
    String machine = target.stateMachine();
    Target.ExecutionArn machineArn = Target.parseExecutionArn(machine.replace(":stateMachine:", ":execution:") + ":x").orElseThrow();
    Region region = aws.region(Optional.of(machineArn.region()));
    String executionName = name != null ? name : defaultName(plan);
    StartExecutionResponse started;
    try {
      started = aws.sfn(region).startExecution(r -> r.stateMachineArn(machine).name(executionName).input(text));
    } catch (ExecutionAlreadyExistsException e) {
      throw CliException.usage("EXECUTION_EXISTS", "An execution named " + executionName + " already exists in " + machine
          + " (names are unique, and are kept after the run ends): pass another --name. To follow that run: cutover watch "
          + machineArn.sibling(executionName));
    }
    String arn = started.executionArn();
    if (json()) {
      ObjectNode result = Run.JSON.createObjectNode()
          .put("executionArn", arn).put("stateMachineArn", machine).put("name", executionName)
          .put("migrationId", plan.migrationId()).put("mode", plan.mode().name()).put("startDate", started.startDate().toString());
      printJson(result);
      return ExitCodes.OK;
    }
    out().println("Started " + bold(plan.migrationId()) + " (" + plan.mode().name() + ") as execution");
    out().println("  " + arn);
    out().println();
    out().println("Next:");
    out().println("  cutover watch " + arn + " --follow");
    out().println("  cutover report " + arn + "              (once the report is written)");
    if (plan.mode().name().equals("MIGRATE")) {
      out().println("  cutover approve " + arn + "             (an approver, once it waits for approval)");
      out().println("  cutover reject " + arn + " --reason \"...\"");
    }
    out().flush();
    return ExitCodes.OK;
  }

  /** The default name: readable and unique per second, within the 80 characters Step Functions allows. */
  private String defaultName(Plan plan) {
    String mode = plan.mode().name().toLowerCase(Locale.ROOT).replace('_', '-');
    return plan.migrationId() + "-" + mode + "-" + STAMP.format(environment().clock().instant());
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      throw CliException.usage("NO_INPUT_FILE", "No such file: " + file + ". Give the plan's path, e.g. --input events/migrate.json.");
    } catch (IOException e) {
      throw CliException.usage("INPUT_UNREADABLE", "Cannot read " + file + ": " + e.getMessage() + ".");
    }
  }

  /** The plan, or a usage error listing every problem with its field (the parser's own words). */
  static Plan validate(String text, String source) {
    try {
      return Plans.parse(text);
    } catch (InvalidPlanException e) {
      List<PlanProblem> problems = e.problems();
      StringBuilder message = new StringBuilder();
      if (problems.isEmpty()) {
        message.append(source).append(" is not a valid plan: ").append(e.getMessage());
      } else {
        message.append(source).append(" has ").append(problems.size()).append(problems.size() == 1 ? " problem" : " problems")
            .append("; nothing was started:");
        problems.forEach(p -> message.append(System.lineSeparator()).append("  - ").append(p.field()).append(": ").append(p.message()));
      }
      throw CliException.usage("INVALID_PLAN", message.toString());
    }
  }
}
