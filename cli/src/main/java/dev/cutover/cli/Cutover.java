package dev.cutover.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The {@code cutover} command: starts, follows, decides, rolls back and reports on migrations by
 * talking the Step Functions API, so every command works the same against the local endpoint
 * ({@code --endpoint-url}) and against AWS (the standard credential chain). {@code rehearse} and
 * {@code serve} run the local runtime itself (see {@link dev.cutover.cli.local}).
 */
@Command(
    name = "cutover",
    mixinStandardHelpOptions = true,
    versionProvider = Cutover.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
        "Moves a CloudFront-served S3 bucket to another AWS account with zero downtime and a one-step rollback, as a Step"
            + " Functions workflow. These commands talk the Step Functions API: they work the same against the local"
            + " endpoint (--endpoint-url) and against AWS (standard credential chain).",
        ""},
    subcommands = {
        StartCommand.class,
        WatchCommand.class,
        ApproveCommand.class,
        RejectCommand.class,
        RollbackCommand.class,
        ReportCommand.class,
        RehearseCommand.class,
        ServeCommand.class,
        HelpCommand.class},
    footer = {
        "",
        "Typical run (EXECUTION: the execution's ARN, or its name):",
        "  cutover start --input plan.json          validate the plan, start the run",
        "  cutover watch EXECUTION --follow         states, progress, events, outcome",
        "  cutover report EXECUTION --out ./report  verdict, reasons, report.html/json",
        "  cutover approve EXECUTION                (an approver) go ahead with cutover",
        "  cutover rollback EXECUTION               users back on blue, same plan",
        "",
        "Environment:",
        "  CUTOVER_STATE_MACHINE_ARN  the state machine (instead of --state-machine)",
        "  CUTOVER_DECIDE_URL         the decide function URL (instead of --decide-url)",
        "  AWS_PROFILE, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,",
        "  AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE   credentials",
        "  AWS_REGION, AWS_DEFAULT_REGION                 region",
        "  AWS_ENDPOINT_URL_SFN, AWS_ENDPOINT_URL_S3      endpoints",
        "  NO_COLOR                   no bold text, even on a terminal",
        "",
        "Exit status:",
        "  0  done; for watch, the run is going or went well",
        "  1  the run failed, timed out, was stopped or rejected; its report is",
        "     NOT READY; or the decision was refused",
        "  2  usage or bad input: an unknown option, a plan that does not",
        "     validate, an execution that does not exist",
        "  3  AWS or endpoint error: no credentials, access denied, endpoint",
        "     unreachable; or the local runtime is missing"})
public final class Cutover implements Runnable {

  @Mixin
  final GlobalOptions global = new GlobalOptions();

  @Spec
  CommandSpec spec;

  final CliEnvironment environment;

  Cutover(CliEnvironment environment) {
    this.environment = environment;
  }

  public static void main(String[] args) {
    System.exit(commandLine(CliEnvironment.system()).execute(args));
  }

  /** The command line over {@code environment}, printing to stdout and stderr. */
  public static CommandLine commandLine(CliEnvironment environment) {
    CommandLine cli = new CommandLine(new Cutover(environment));
    // A usage error exits 2 (picocli's own default, ExitCode.USAGE). Commands turn their failures into advice; only a
    // defect in a command escapes to here.
    cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
      commandLine.getErr().println("cutover: failed unexpectedly: " + e + ". Nothing more was done; please report this with"
          + " the command you ran.");
      commandLine.getErr().flush();
      return ExitCodes.AWS;
    });
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setColorScheme(CommandLine.Help.defaultColorScheme(environment.terminal() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    return cli;
  }

  /** Same, printing to the given writers (tests). */
  static CommandLine commandLine(CliEnvironment environment, PrintWriter out, PrintWriter err) {
    CommandLine cli = commandLine(environment);
    cli.setOut(out);
    cli.setErr(err);
    return cli;
  }

  /** {@code cutover} alone: a usage error (picocli prints the usage with it). */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Name a command, e.g. cutover start --input plan.json.");
  }

  /** The version in the jar's manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Cutover.class.getPackage().getImplementationVersion();
      return new String[] {"cutover " + (version == null ? "(development build)" : version)};
    }
  }
}
