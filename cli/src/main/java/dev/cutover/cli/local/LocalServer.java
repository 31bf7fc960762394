package dev.cutover.cli.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The local endpoint alone, for driving by hand or from scripts: what {@code cutover serve} runs.
 * The runtime implements it (see the package documentation): the Step Functions endpoint with the
 * workflow created in it and the steps in process, the embedded S3, and the local decide URL,
 * keeping executions in {@link Options#stateDirectory()} so they survive a restart.
 */
public interface LocalServer {

  /**
   * @param port the Step Functions endpoint's port on 127.0.0.1 (0: any free port)
   * @param stateDirectory where state machines, executions and buckets are kept
   */
  record Options(int port, Path stateDirectory) {}

  /**
   * A server that is up.
   *
   * @param stepFunctions for {@code --endpoint-url}
   * @param s3 for {@code --endpoint-url-s3} / {@code AWS_ENDPOINT_URL_S3}
   * @param decideUrl for {@code --decide-url} / {@code CUTOVER_DECIDE_URL}
   * @param stateMachineArn for {@code --state-machine} / {@code CUTOVER_STATE_MACHINE_ARN}
   * @param environment anything else a shell should export to use it (credentials for the local principals)
   */
  record Endpoints(URI stepFunctions, URI s3, URI decideUrl, String stateMachineArn, Map<String, String> environment) {}

  /** Starts everything and returns once it answers. */
  Endpoints start(Options options);

  /** Blocks until the server is stopped (Ctrl-C), then stops everything it started. */
  void awaitShutdown() throws InterruptedException;
}
