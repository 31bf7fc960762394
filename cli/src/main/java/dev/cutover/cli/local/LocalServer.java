package dev.cutover.cli.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The local endpoint alone, for driving by hand or from scripts: what {@code cutover serve} runs.
 * The runtime implements it (see the package documentation): the Step Functions endpoint with the
 * workflow created in it and the steps in process, the embedded S3, and the local decide URL,
 * keeping the state machine and executions in {@link Options#stateDirectory()} so they survive a
 * restart (what else does is the implementation's to say, in {@link Endpoints#notes()}).
 */
public interface LocalServer {

  /**
   * @param port the Step Functions endpoint's port on 127.0.0.1 (0: any free port)
   * @param stateDirectory where state machines and executions are kept
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
   * @param notes what a person should know to use it: what it seeded, where the example inputs are,
   *     what survives a restart and what does not
   */
  record Endpoints(URI stepFunctions, URI s3, URI decideUrl, String stateMachineArn, Map<String, String> environment, List<String> notes) {

    public Endpoints {
      environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
      notes = List.copyOf(notes);
    }
  }

  /** Starts everything and returns once it answers. */
  Endpoints start(Options options);

  /** Blocks until the server is stopped (Ctrl-C), then stops everything it started. */
  void awaitShutdown() throws InterruptedException;
}
