package dev.cutover.local.endpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cutover.asl.engine.DirectoryJournal;
import dev.cutover.asl.engine.Engine;
import dev.cutover.asl.engine.ExecutionJournal;
import dev.cutover.asl.engine.TaskResolver;
import dev.cutover.asl.engine.VirtualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The local engine behind the Step Functions JSON 1.0 protocol on 127.0.0.1, so the AWS SDK's
 * {@code SfnClient} and the AWS CLI, pointed at {@link #endpoint()}, create state machines and run
 * executions here as they would on AWS. Requests are {@code POST /} with the action in {@code
 * X-Amz-Target: AWSStepFunctions.<Action>}; signatures are accepted unchecked. Errors are HTTP 400
 * with {@code {"__type": code, "message": ...}}, which the SDK maps to its exception types.
 *
 * <p>Executions run on an engine thread of their own, in the time of the given clock: with a
 * {@link VirtualClock} nothing waits for real time, and a test advances the clock and calls {@link
 * #drive()}. Task resources come from the host's {@link TaskResolver}.
 */
public final class StepFunctionsEndpoint implements AutoCloseable {

  public static final String DEFAULT_REGION = "us-east-1";
  public static final String DEFAULT_ACCOUNT = "123456789012";

  private static final System.Logger LOG = System.getLogger(StepFunctionsEndpoint.class.getName());
  private static final String TARGET_PREFIX = "AWSStepFunctions.";
  private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

  private final int requestedPort;
  private final EngineDriver driver;
  private final StepFunctionsApi api;
  private HttpServer server;

  /** On an ephemeral port, in {@value #DEFAULT_REGION} and account {@value #DEFAULT_ACCOUNT}. */
  public StepFunctionsEndpoint(Clock clock, TaskResolver tasks) {
    this(0, clock, tasks, DEFAULT_REGION, DEFAULT_ACCOUNT);
  }

  /**
   * @param port the port to bind on 127.0.0.1; 0 for an ephemeral one
   * @param region the region in ARNs
   * @param account the account id in ARNs
   */
  public StepFunctionsEndpoint(int port, Clock clock, TaskResolver tasks, String region, String account) {
    this(port, clock, tasks, region, account, null);
  }

  /**
   * As above, keeping state machines and executions in {@code stateDirectory} (null: in memory
   * only). A process killed at any moment and started again on the same directory resumes every
   * unfinished execution; waiting callbacks keep their tokens.
   */
  public StepFunctionsEndpoint(int port, Clock clock, TaskResolver tasks, String region, String account, Path stateDirectory) {
    ExecutionJournal journal = stateDirectory == null ? ExecutionJournal.NONE : new DirectoryJournal(stateDirectory.resolve("executions"));
    Engine engine = new Engine(clock, tasks, RandomGenerator.getDefault(), region, account, journal);
    this.requestedPort = port;
    this.driver = new EngineDriver(engine, clock);
    this.api = new StepFunctionsApi(engine, driver, clock, region, account,
        stateDirectory == null ? null : stateDirectory.resolve("state-machines.json"));
  }

  /** Binds to 127.0.0.1 and starts answering. */
  public StepFunctionsEndpoint start() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), requestedPort), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind 127.0.0.1:" + requestedPort, e);
    }
    server.createContext("/", this::handle);
    server.start();
    // Executions resumed from the state directory go on at once.
    driver.wake();
    return this;
  }

  /** The bound port, once started. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Where to point the SDK ({@code endpointOverride}) or the CLI ({@code --endpoint-url}). */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /**
   * Runs every execution as far as the clock allows and returns when nothing is runnable. With a
   * {@link VirtualClock} this is how time takes effect: advance the clock, then drive.
   */
  public void drive() {
    driver.drive();
  }

  /** Stops answering and stops the engine thread. */
  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
    driver.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      int status = 200;
      ObjectNode body;
      try {
        byte[] request = exchange.getRequestBody().readAllBytes();
        body = api.call(action(exchange.getRequestHeaders().getFirst("X-Amz-Target")), request);
      } catch (ApiException e) {
        status = 400;
        body = error(e.code(), e.getMessage());
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "request failed", e);
        status = 500;
        body = error("InternalFailure", e.toString());
      }
      byte[] response = StepFunctionsApi.JSON.writeValueAsBytes(body);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
      exchange.sendResponseHeaders(status, response.length);
      exchange.getResponseBody().write(response);
    }
  }

  private static String action(String target) {
    if (target == null || !target.startsWith(TARGET_PREFIX)) {
      throw new ApiException("UnknownOperationException", "Unknown operation: " + target);
    }
    return target.substring(TARGET_PREFIX.length());
  }

  private static ObjectNode error(String code, String message) {
    return StepFunctionsApi.JSON.createObjectNode().put("__type", code).put("message", message);
  }
}
