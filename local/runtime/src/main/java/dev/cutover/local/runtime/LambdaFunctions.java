package dev.cutover.local.runtime;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.asl.StatesError;
import dev.cutover.asl.engine.TaskInvocation;
import dev.cutover.asl.engine.TaskResource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The workflow's Lambda functions, run in process: the step handlers behind {@code
 * arn:aws:states:::lambda:invoke} (and its {@code .waitForTaskToken} form), invoked the way Lambda
 * and Step Functions' optimized integration invoke them.
 *
 * <ul>
 *   <li>{@code FunctionName} may be the function's name or ARN; an unknown one fails with {@code
 *       Lambda.ResourceNotFoundException}, as in AWS.
 *   <li>The task's result is {@code {"ExecutedVersion", "Payload", "StatusCode"}}, the handler's
 *       output in {@code Payload}.
 *   <li>An exception leaving the handler fails the task with its fully qualified class name as the
 *       error and {@code {"errorMessage", "errorType"}} as the cause, which is how the Java runtime
 *       reports it and what the workflow's {@code ErrorEquals} match.
 * </ul>
 */
public final class LambdaFunctions {

  /** One call of a function, for progress displays and tests. */
  public record Invocation(String function, JsonNode payload, Optional<JsonNode> result, Optional<String> error, Instant started, Instant finished) {}

  private record Function(String name, RequestStreamHandler handler, Duration timeout, int memoryMb) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String region;
  private final String account;
  private final Clock clock;
  private final Map<String, Function> functions = new ConcurrentHashMap<>();
  private final List<Consumer<Invocation>> listeners = new CopyOnWriteArrayList<>();
  private final List<BiConsumer<String, JsonNode>> starting = new CopyOnWriteArrayList<>();

  public LambdaFunctions(String region, String account, Clock clock) {
    this.region = region;
    this.account = account;
    this.clock = clock;
  }

  /**
   * Makes {@code handler} the function {@code name}, with Lambda's time limit {@code timeout} (what
   * the handler's context reports as time left).
   *
   * @return the function's ARN, what the workflow's placeholder is substituted with
   */
  public String register(String name, RequestStreamHandler handler, Duration timeout) {
    functions.put(name, new Function(name, handler, timeout, 1024));
    return arn(name);
  }

  /** The ARN of function {@code name} in this runtime's region and account. */
  public String arn(String name) {
    return "arn:aws:lambda:" + region + ":" + account + ":function:" + name;
  }

  /** Called after every invocation, on the invoking thread. */
  public void onInvocation(Consumer<Invocation> listener) {
    listeners.add(listener);
  }

  /**
   * Called before every invocation with the function's name and payload, on the invoking thread;
   * the invocation waits for it (a rehearsal injects its faults here, at a known point of the run).
   */
  public void beforeInvocation(BiConsumer<String, JsonNode> listener) {
    starting.add(listener);
  }

  /** The task resource for {@code arn:aws:states:::lambda:invoke} and {@code ...:invoke.waitForTaskToken}. */
  public TaskResource resource() {
    return this::invoke;
  }

  private JsonNode invoke(TaskInvocation invocation) {
    JsonNode arguments = invocation.payload();
    String requested = arguments.path("FunctionName").asText("");
    Function function = functions.get(nameOf(requested));
    if (function == null) {
      throw new StatesError("Lambda.ResourceNotFoundException", "Function not found: " + requested);
    }
    JsonNode payload = arguments.has("Payload") ? arguments.get("Payload") : JSON.createObjectNode();
    for (BiConsumer<String, JsonNode> listener : starting) {
      listener.accept(function.name(), payload);
    }
    Instant started = clock.instant();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      function.handler().handleRequest(
          new ByteArrayInputStream(JSON.writeValueAsBytes(payload)),
          out,
          LocalLambdaContext.of(function.name(), arn(function.name()), function.memoryMb(), function.timeout(), clock));
    } catch (IOException | RuntimeException e) {
      String type = e.getClass().getName();
      ObjectNode cause = JSON.createObjectNode().put("errorMessage", String.valueOf(e.getMessage())).put("errorType", type);
      notify(new Invocation(function.name(), payload, Optional.empty(), Optional.of(type), started, clock.instant()));
      throw new StatesError(type, cause.toString());
    }
    JsonNode result = parse(function.name(), out.toByteArray());
    notify(new Invocation(function.name(), payload, Optional.of(result), Optional.empty(), started, clock.instant()));
    ObjectNode answer = JSON.createObjectNode();
    answer.put("ExecutedVersion", "$LATEST");
    answer.set("Payload", result);
    answer.put("StatusCode", 200);
    return answer;
  }

  private String nameOf(String requested) {
    String prefix = "arn:aws:lambda:" + region + ":" + account + ":function:";
    return requested.startsWith(prefix) ? requested.substring(prefix.length()) : requested;
  }

  private static JsonNode parse(String function, byte[] output) {
    if (output.length == 0) {
      return JSON.nullNode();
    }
    try {
      return JSON.readTree(output);
    } catch (IOException e) {
      throw new StatesError("Lambda.InvalidResponseException", function + " returned output that is not JSON: " + e.getMessage());
    }
  }

  private void notify(Invocation invocation) {
    for (Consumer<Invocation> listener : listeners) {
      listener.accept(invocation);
    }
  }
}
