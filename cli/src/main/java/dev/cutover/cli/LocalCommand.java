package dev.cutover.cli;

/**
 * What {@code rehearse} and {@code serve} share: they run the local runtime rather than talk to
 * an endpoint, and say plainly when this build has none (see {@link dev.cutover.cli.local}).
 */
abstract class LocalCommand extends CutoverCommand {

  static CliException notWired(String command, String needs) {
    return new CliException(ExitCodes.AWS, "NO_LOCAL_RUNTIME", "cutover " + command + " needs the local runtime, which is not"
        + " wired into this build yet (no " + needs + " on the class path; see the package dev.cutover.cli.local). Nothing was"
        + " run. The other commands work today against any Step Functions endpoint: --endpoint-url URL, or AWS.");
  }
}
