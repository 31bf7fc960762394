package dev.cutover.cli;

import dev.cutover.cli.local.Rehearsal;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cutover rehearse}: a whole migration on this machine with no AWS account, run by the
 * local runtime through the {@link Rehearsal} seam. This command checks the options and prints
 * the result; the runtime does the rest.
 */
@Command(name = "rehearse", sortOptions = false, mixinStandardHelpOptions = true,
    description = {"Rehearses a whole migration on this machine, with no AWS account: seeds a blue bucket with realistic"
        + " assets, sends traffic through a local edge for the whole run, runs the real workflow to its end (asking for the"
        + " approval here unless --auto-approve) and reports objects migrated and verified, parity, requests served per"
        + " side, failed requests (must be 0), and cutover and rollback times. --fault injects a named fault to show the"
        + " gates and the automatic rollback.",
        "Exit status: 0 the rehearsal went as expected; 1 it did not; 2 bad options; 3 the local runtime is missing."})
final class RehearseCommand extends LocalCommand {

  @Option(names = "--objects", paramLabel = "N", defaultValue = "500", description = "Assets seeded into blue (1-100000). Default: ${DEFAULT-VALUE}.")
  int objects;

  @Option(names = "--rate", paramLabel = "RPS", defaultValue = "20",
      description = "Requests per second through the local edge during the run (1-5000). Default: ${DEFAULT-VALUE}.")
  int rate;

  @Option(names = "--auto-approve", description = "Approve the cutover at once instead of asking.")
  boolean autoApprove;

  @Option(names = "--fault", paramLabel = "NAME", description = "Inject this fault (see --list-faults).")
  String fault;

  @Option(names = "--list-faults", description = "List the faults --fault takes, and exit.")
  boolean listFaults;

  @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "rehearsal-report",
      description = "Where report.html, report.json and the rehearsal summary go. Default: ${DEFAULT-VALUE}.")
  Path reportDir;

  @Override
  int run(AwsSession aws, Target target) throws Exception {
    if (objects < 1 || objects > 100_000) {
      throw CliException.usage("BAD_OPTION", "--objects must be between 1 and 100000, not " + objects + ".");
    }
    if (rate < 1 || rate > 5000) {
      throw CliException.usage("BAD_OPTION", "--rate must be between 1 and 5000 requests per second, not " + rate + ".");
    }
    Rehearsal rehearsal = environment().rehearsal().get().orElseThrow(() -> notWired("rehearse", Rehearsal.class.getName()));
    if (listFaults) {
      rehearsal.faults().forEach(f -> out().println(String.format("%-28s %s", f.name(), f.description())));
      out().flush();
      return ExitCodes.OK;
    }
    if (fault != null && rehearsal.faults().stream().noneMatch(f -> f.name().equals(fault))) {
      throw CliException.usage("UNKNOWN_FAULT", "No fault named " + fault + "; cutover rehearse --list-faults lists them.");
    }
    Rehearsal.Result result = rehearsal.run(new Rehearsal.Options(objects, rate, autoApprove, Optional.ofNullable(fault), reportDir), out());
    var o = out();
    o.println(label("Outcome") + bold(result.outcome()));
    o.println(label("Objects") + result.objectsMigrated() + " migrated, " + result.objectsVerified() + " verified");
    o.println(label("Requests") + result.requestsServedBlue() + " served by blue, " + result.requestsServedGreen() + " by green, "
        + result.failedRequests() + " failed");
    result.cutoverTime().ifPresent(d -> o.println(label("Cutover") + Progress.human(d)));
    result.rollbackTime().ifPresent(d -> o.println(label("Rollback") + Progress.human(d)));
    o.println(label("Report") + result.reportDirectory());
    o.flush();
    return result.succeeded() && result.failedRequests() == 0 ? ExitCodes.OK : ExitCodes.RUN_FAILED;
  }
}
