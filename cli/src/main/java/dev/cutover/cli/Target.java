package dev.cutover.cli;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;

/**
 * Finds what a command works on: the migration state machine ({@code --state-machine}, else
 * {@code CUTOVER_STATE_MACHINE_ARN}, else the only one whose name ends with {@code -migration})
 * and an execution, given as its ARN or as its name under that state machine.
 */
final class Target {

  static final String MACHINE_SUFFIX = "-migration";
  private static final Pattern EXECUTION_ARN =
      Pattern.compile("arn:(aws[a-z-]*):states:([a-z0-9-]+):(\\d{12}):execution:([^:]+):([^:]+)");
  private static final Pattern MACHINE_ARN = Pattern.compile("arn:(aws[a-z-]*):states:([a-z0-9-]+):(\\d{12}):stateMachine:([^:]+)");

  /** An execution ARN taken apart. */
  record ExecutionArn(String arn, String region, String machineName, String name) {

    String stateMachineArn() {
      return arn.substring(0, arn.indexOf(":execution:")) + ":stateMachine:" + machineName;
    }

    /** The ARN another execution of the same state machine named {@code other} has. */
    String sibling(String other) {
      return arn.substring(0, arn.lastIndexOf(':') + 1) + other;
    }
  }

  private final GlobalOptions options;
  private final CliEnvironment environment;
  private final AwsSession aws;

  Target(GlobalOptions options, CliEnvironment environment, AwsSession aws) {
    this.options = options;
    this.environment = environment;
    this.aws = aws;
  }

  static Optional<ExecutionArn> parseExecutionArn(String text) {
    Matcher m = EXECUTION_ARN.matcher(text);
    return m.matches() ? Optional.of(new ExecutionArn(text, m.group(2), m.group(4), m.group(5))) : Optional.empty();
  }

  /** The state machine named by an option or variable, if any: no call is made. */
  Optional<String> configuredMachine() {
    return options.stateMachine().or(() -> environment.variable("CUTOVER_STATE_MACHINE_ARN"));
  }

  /** The region in the configured state machine's ARN, if one is configured. */
  Optional<String> configuredMachineRegion() {
    return configuredMachine().map(MACHINE_ARN::matcher).filter(Matcher::matches).map(m -> m.group(2));
  }

  /** The migration state machine's ARN, listing the region's state machines if none is configured. */
  String stateMachine() {
    Optional<String> configured = configuredMachine();
    if (configured.isPresent()) {
      if (!MACHINE_ARN.matcher(configured.get()).matches()) {
        throw CliException.usage("INVALID_ARN", "--state-machine / CUTOVER_STATE_MACHINE_ARN is not a state machine ARN: \""
            + configured.get() + "\". It looks like arn:aws:states:REGION:ACCOUNT:stateMachine:NAME (the Cutover stack's"
            + " StateMachineArn output).");
      }
      return configured.get();
    }
    Region region = aws.region(Optional.empty());
    SfnClient sfn = aws.sfn(region);
    List<StateMachineListItem> found = sfn.listStateMachinesPaginator(r -> r.maxResults(1000)).stateMachines().stream()
        .filter(m -> m.name().endsWith(MACHINE_SUFFIX))
        .toList();
    if (found.isEmpty()) {
      throw CliException.usage("NO_STATE_MACHINE", "No state machine whose name ends with " + MACHINE_SUFFIX + " at "
          + aws.sfnWhere(region) + ". Deploy the Cutover stack (npx cdk deploy Cutover) or check --region; against a local"
          + " endpoint, start `cutover serve`; or pass --state-machine ARN / set CUTOVER_STATE_MACHINE_ARN.");
    }
    if (found.size() > 1) {
      throw CliException.usage("SEVERAL_STATE_MACHINES", "Several state machines end with " + MACHINE_SUFFIX + " at "
          + aws.sfnWhere(region) + ": " + String.join(", ", found.stream().map(StateMachineListItem::stateMachineArn).toList())
          + ". Pass --state-machine ARN or set CUTOVER_STATE_MACHINE_ARN to the one you mean.");
    }
    return found.getFirst().stateMachineArn();
  }

  /** An execution given as its ARN, or as its name under the migration state machine. */
  ExecutionArn execution(String reference) {
    if (reference.startsWith("arn:")) {
      return parseExecutionArn(reference).orElseThrow(() -> CliException.usage("INVALID_ARN",
          "\"" + reference + "\" is not an execution ARN: it looks like arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME,"
              + " as `cutover start` prints it. A plain name works too."));
    }
    if (reference.isBlank() || reference.contains(":")) {
      throw CliException.usage("INVALID_EXECUTION", "\"" + reference + "\" is neither an execution ARN nor an execution name.");
    }
    String machine = stateMachine();
    return parseExecutionArn(machine.replace(":stateMachine:", ":execution:") + ":" + reference).orElseThrow();
  }
}
