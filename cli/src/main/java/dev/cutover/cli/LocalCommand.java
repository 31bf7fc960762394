package dev.cutover.cli;

/**
 * What {@code rehearse} and {@code serve} share: they run the local runtime rather than talk to
 * an endpoint, and say plainly when this build has none (see {@link dev.cutover.cli.local}).
 */
abstract class LocalCommand extends CutoverCommand {

  static CliException notWired(String command, String needs) {
    return new CliException(ExitCodes.AWS, "NO_LOCAL_RUNTIME", "cutover " + command + " needs the local runtime, which this"
        + " build does not have (no " + needs + " on the class path; run cli/cutover, which builds cli with it). Nothing was"
        + " run. The other commands work without it against any Step Functions endpoint: --endpoint-url URL, or AWS.");
  }
}
