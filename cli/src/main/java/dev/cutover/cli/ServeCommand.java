package dev.cutover.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.cli.local.LocalServer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cutover serve}: the local endpoint alone (Step Functions API, embedded S3, decide URL),
 * run by the local runtime through the {@link LocalServer} seam, for driving with the other
 * commands or the AWS CLI. Prints what to export (text: {@code export} lines and notes; {@code
 * --output json}: one object), then blocks until Ctrl-C.
 */
@Command(name = "serve", sortOptions = false, mixinStandardHelpOptions = true,
    description = {"Runs the local endpoint alone: the Step Functions API with the migration workflow and its steps in"
        + " process, the embedded S3 with blue (seeded with assets), green and the report bucket, the local edge and DNS"
        + " zone with users requesting the hostname, and the local decide URL, on 127.0.0.1, until Ctrl-C. Workflow time runs"
        + " 50 times the wall clock, so waits, deploys and the bake pass in seconds. Prints the variables to export so that"
        + " the other commands (and the AWS CLI) use it, and writes example plans (migrate.json, validate-only.json) into"
        + " --state-dir.",
        "Kept in --state-dir across restarts: the state machine and every execution with its history. Not kept: the"
        + " embedded S3's buckets, the edge and the DNS zone, which start fresh at every start (a run in flight when serve"
        + " stopped resumes against the fresh world and will likely fail or roll back).",
        "Exit status: 0 stopped; 2 bad options; 3 the local runtime is missing or cannot start."})
final class ServeCommand extends LocalCommand {

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8083",
      description = "Port of the Step Functions endpoint on 127.0.0.1 (0: any free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".cutover/state",
      description = "Where the state machine, executions, workflow time and the example plans are kept (created if missing)."
          + " Default: ${DEFAULT-VALUE}.")
  Path stateDir;

  @Override
  int run(AwsSession aws, Target target) throws Exception {
    if (port < 0 || port > 65535) {
      throw CliException.usage("BAD_OPTION", "--port must be between 0 and 65535, not " + port + ".");
    }
    LocalServer server = environment().localServer().get().orElseThrow(() -> notWired("serve", LocalServer.class.getName()));
    LocalServer.Endpoints endpoints;
    try {
      endpoints = server.start(new LocalServer.Options(port, stateDir));
    } catch (RuntimeException e) {
      throw new CliException(ExitCodes.AWS, "LOCAL_START_FAILED", "The local endpoint could not start: " + causes(e)
          + ". Nothing is running. If the port is taken (another cutover serve?), pass --port 0 for any free one; check that"
          + " --state-dir " + stateDir + " is a writable directory.");
    }
    Map<String, String> exports = new LinkedHashMap<>();
    exports.put("AWS_ENDPOINT_URL_SFN", endpoints.stepFunctions().toString());
    exports.put("AWS_ENDPOINT_URL_S3", endpoints.s3().toString());
    exports.put("CUTOVER_DECIDE_URL", endpoints.decideUrl().toString());
    exports.put("CUTOVER_STATE_MACHINE_ARN", endpoints.stateMachineArn());
    exports.putAll(endpoints.environment());
    if (json()) {
      ObjectNode node = Run.JSON.createObjectNode();
      node.put("stepFunctions", endpoints.stepFunctions().toString());
      node.put("s3", endpoints.s3().toString());
      node.put("decideUrl", endpoints.decideUrl().toString());
      node.put("stateMachineArn", endpoints.stateMachineArn());
      exports.forEach(node.putObject("environment")::put);
      endpoints.notes().forEach(node.putArray("notes")::add);
      printJson(node);
    } else {
      var o = out();
      o.println("Serving on 127.0.0.1 until Ctrl-C. To use it from another shell:");
      exports.forEach((k, v) -> o.println("  export " + k + "=" + v));
      o.println();
      endpoints.notes().forEach(n -> o.println("- " + n));
      o.flush();
    }
    server.awaitShutdown();
    if (!json()) {
      out().println("Stopped.");
      out().flush();
    }
    return ExitCodes.OK;
  }

  /** The message of {@code e} and of each cause that adds something (a bind failure's is in its cause). */
  private static String causes(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (out.indexOf(message) < 0) {
        out.append(out.isEmpty() ? "" : ": ").append(message);
      }
    }
    return out.toString();
  }
}
