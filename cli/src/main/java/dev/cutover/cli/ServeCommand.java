package dev.cutover.cli;

import dev.cutover.cli.local.LocalServer;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cutover serve}: the local endpoint alone (Step Functions API, embedded S3, decide URL),
 * run by the local runtime through the {@link LocalServer} seam, for driving with the other
 * commands or the AWS CLI.
 */
@Command(name = "serve", sortOptions = false, mixinStandardHelpOptions = true,
    description = {"Runs the local endpoint alone: the Step Functions API with the migration workflow and its steps in"
        + " process, the embedded S3 and the local decide URL, on 127.0.0.1, until Ctrl-C. Prints the variables to export"
        + " so that the other commands (and the AWS CLI) use it. Executions are kept in --state-dir and resume after a"
        + " restart.",
        "Exit status: 0 stopped; 2 bad options; 3 the local runtime is missing or cannot start."})
final class ServeCommand extends LocalCommand {

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8083",
      description = "Port of the Step Functions endpoint on 127.0.0.1 (0: any free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".cutover/state",
      description = "Where state machines, executions and buckets are kept. Default: ${DEFAULT-VALUE}.")
  Path stateDir;

  @Override
  int run(AwsSession aws, Target target) throws Exception {
    if (port < 0 || port > 65535) {
      throw CliException.usage("BAD_OPTION", "--port must be between 0 and 65535, not " + port + ".");
    }
    LocalServer server = environment().localServer().get().orElseThrow(() -> notWired("serve", LocalServer.class.getName()));
    LocalServer.Endpoints endpoints = server.start(new LocalServer.Options(port, stateDir));
    var o = out();
    o.println("Serving on 127.0.0.1 until Ctrl-C. To use it:");
    o.println("  export AWS_ENDPOINT_URL_SFN=" + endpoints.stepFunctions());
    o.println("  export AWS_ENDPOINT_URL_S3=" + endpoints.s3());
    o.println("  export CUTOVER_DECIDE_URL=" + endpoints.decideUrl());
    o.println("  export CUTOVER_STATE_MACHINE_ARN=" + endpoints.stateMachineArn());
    endpoints.environment().forEach((k, v) -> o.println("  export " + k + "=" + v));
    o.flush();
    server.awaitShutdown();
    return ExitCodes.OK;
  }
}
