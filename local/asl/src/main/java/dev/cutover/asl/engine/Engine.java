package dev.cutover.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.asl.StatesError;
import dev.cutover.asl.choice.ChoiceRules;
import dev.cutover.asl.definition.QueryLanguage;
import dev.cutover.asl.definition.StateDefinition;
import dev.cutover.asl.definition.StateMachineDefinition;
import dev.cutover.asl.jsonata.JsonataBindings;
import dev.cutover.asl.jsonata.JsonataEvaluator;
import dev.cutover.asl.jsonpath.InputOutput;
import dev.cutover.asl.jsonpath.Intrinsics;
import dev.cutover.asl.jsonpath.JsonPathContext;
import dev.cutover.asl.jsonpath.PayloadTemplate;
import dev.cutover.asl.jsonpath.Paths;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Runs state machines as the Step Functions developer guide describes them, in the time of the
 * clock it is given. The host decides how time passes: {@link #runUntilIdle()} does every piece of
 * work that is due now, and {@link #nextWakeUp()} says when the next timer (a Wait state, a retry
 * delay) falls due; with a {@link VirtualClock} a test moves time there at once.
 *
 * <p>This slice runs Pass, Task (request-response and {@code .waitForTaskToken} callbacks, with
 * TimeoutSeconds and HeartbeatSeconds), Choice, Wait, Succeed and Fail states in both query
 * languages, with variables, Retry and Catch, execution timeouts and StopExecution.
 */
public final class Engine {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final DateTimeFormatter CONTEXT_TIME = DateTimeFormatter.ISO_INSTANT;
  private static final String TASK_TIMED_OUT = "TaskTimedOut";
  private static final String TASK_DOES_NOT_EXIST = "TaskDoesNotExist";

  private final Clock clock;
  private final TaskResolver tasks;
  private final RandomGenerator random;
  private final JsonataEvaluator jsonata;
  private final Intrinsics intrinsics;
  private final String region;
  private final String account;
  private final Map<String, Execution> executions = new LinkedHashMap<>();
  private final Map<StateDefinition, ChoiceRules> choiceRules = new ConcurrentHashMap<>();
  // Callback tokens of tasks waiting now; and of tasks no longer waiting, the error a late callback gets.
  private final Map<String, String> waitingTokens = new HashMap<>();
  private final Map<String, String> closedTokens = new HashMap<>();

  public Engine(Clock clock, TaskResolver tasks, RandomGenerator random, String region, String account) {
    this.clock = clock;
    this.tasks = tasks;
    this.random = random;
    this.jsonata = new JsonataEvaluator(clock, random::nextDouble, () -> new UUID(random.nextLong(), random.nextLong()));
    this.intrinsics = new Intrinsics(random);
    this.region = region;
    this.account = account;
  }

  /** Starts an execution; it runs on the next {@link #runUntilIdle()}. */
  public synchronized Execution start(String stateMachineArn, StateMachineDefinition definition, String name, JsonNode input) {
    String machineName = stateMachineArn.substring(stateMachineArn.lastIndexOf(':') + 1);
    String arn = "arn:aws:states:" + region + ":" + account + ":execution:" + machineName + ":" + name;
    Execution execution = new Execution(arn, name, stateMachineArn, definition, input, now());
    definition.timeoutSeconds().ifPresent(t -> execution.executionTimeoutAt = execution.startTime().plusSeconds(t));
    executions.put(arn, execution);
    ObjectNode details = NODES.objectNode().put("input", input.toString());
    details.putObject("inputDetails").put("truncated", false);
    record(execution, "ExecutionStarted", "executionStartedEventDetails", details);
    return execution;
  }

  public synchronized Optional<Execution> execution(String arn) {
    return Optional.ofNullable(executions.get(arn));
  }

  /** Runs every execution until it finishes or waits for a time that has not come. */
  public synchronized void runUntilIdle() {
    boolean progressed = true;
    while (progressed) {
      progressed = false;
      for (Execution execution : List.copyOf(executions.values())) {
        while (execution.status == ExecutionStatus.RUNNING && runnable(execution)) {
          step(execution);
          progressed = true;
        }
      }
    }
  }

  /** When the earliest timer of a running execution falls due, if any waits. */
  public synchronized Optional<Instant> nextWakeUp() {
    return executions.values().stream()
        .filter(e -> e.status == ExecutionStatus.RUNNING)
        .flatMap(e -> Stream.of(e.wakeAt, e.taskTimeoutAt, e.heartbeatTimeoutAt, e.executionTimeoutAt))
        .filter(Objects::nonNull)
        .min(Comparator.naturalOrder());
  }

  /** With a virtual clock: runs, jumps to each next timer, runs again, until nothing waits. */
  public void runToCompletion(VirtualClock virtualClock) {
    runUntilIdle();
    for (Optional<Instant> next = nextWakeUp(); next.isPresent(); next = nextWakeUp()) {
      virtualClock.advanceTo(next.get());
      runUntilIdle();
    }
  }

  private boolean runnable(Execution execution) {
    if (due(execution.executionTimeoutAt)) {
      return true;
    }
    if (execution.awaitingToken != null) {
      return due(execution.taskTimeoutAt) || due(execution.heartbeatTimeoutAt);
    }
    return execution.wakeAt == null || due(execution.wakeAt);
  }

  private boolean due(Instant at) {
    return at != null && !at.isAfter(now());
  }

  // ------------------------------------------------------------------ stepping

  private void step(Execution execution) {
    if (due(execution.executionTimeoutAt)) {
      release(execution, TASK_DOES_NOT_EXIST);
      finish(execution, ExecutionStatus.TIMED_OUT, null, StatesError.TIMEOUT, "The execution ran longer than its TimeoutSeconds");
      return;
    }
    if (execution.awaitingToken != null) {
      String error = due(execution.taskTimeoutAt) ? StatesError.TIMEOUT : StatesError.HEARTBEAT_TIMEOUT;
      String cause = error.equals(StatesError.TIMEOUT) ? "The task did not complete within its TimeoutSeconds" : "No heartbeat arrived within HeartbeatSeconds";
      StateDefinition state = execution.definition().state(execution.currentState);
      release(execution);
      String resource = state.text("Resource").orElseThrow();
      record(execution, "TaskTimedOut", "taskTimedOutEventDetails",
          NODES.objectNode().put("resourceType", resourceType(resource)).put("resource", resourceName(resource)).put("error", error).put("cause", cause));
      handleError(execution, state, new StatesError(error, cause));
      return;
    }
    if (execution.wakeAt != null) {
      Runnable onWake = execution.onWake;
      execution.wakeAt = null;
      execution.onWake = null;
      guarded(execution, onWake);
      return;
    }
    StateDefinition state = execution.definition().state(execution.currentState);
    if (!execution.entered) {
      enter(execution, state);
    }
    guarded(execution, () -> run(execution, state));
  }

  private void guarded(Execution execution, Runnable work) {
    StateDefinition state = execution.definition().state(execution.currentState);
    try {
      work.run();
    } catch (StatesError e) {
      handleError(execution, state, e);
    }
  }

  private void enter(Execution execution, StateDefinition state) {
    execution.entered = true;
    execution.stateEnteredTime = now();
    ObjectNode details = NODES.objectNode().put("name", state.name()).put("input", execution.currentInput.toString());
    details.putObject("inputDetails").put("truncated", false);
    record(execution, state.type() + "StateEntered", "stateEnteredEventDetails", details);
  }

  private void run(Execution execution, StateDefinition state) {
    switch (state.type()) {
      case "Pass" -> pass(execution, state);
      case "Task" -> task(execution, state);
      case "Choice" -> choice(execution, state);
      case "Wait" -> waitState(execution, state);
      case "Succeed" -> succeed(execution, state);
      case "Fail" -> fail(execution, state);
      default -> throw new StatesError(StatesError.RUNTIME, "State type " + state.type() + " is not supported by this engine yet");
    }
  }

  // ------------------------------------------------------------------ state types

  private void pass(Execution execution, StateDefinition state) {
    JsonNode raw = execution.currentInput;
    if (state.language() == QueryLanguage.JSONata) {
      JsonataBindings bindings = bindings(execution, state, raw);
      JsonNode output = state.field("Output").map(o -> jsonata.evaluateTemplate("Output", o, bindings)).orElse(raw);
      assignJsonata(execution, state.field("Assign"), bindings);
      transition(execution, state, output);
      return;
    }
    JsonPathContext ctx = pathContext(execution, state, raw);
    JsonNode effective = InputOutput.applyInputPath(ctx, path(state, "InputPath"));
    JsonNode result;
    if (state.field("Result").isPresent()) {
      result = state.field("Result").get();
    } else if (state.field("Parameters").isPresent()) {
      result = PayloadTemplate.apply(state.field("Parameters").get(), ctx.withInput(effective), intrinsics);
    } else {
      result = effective;
    }
    assignJsonPath(execution, state.field("Assign"), ctx.withInput(result));
    JsonNode withResult = InputOutput.applyResultPath(raw, result, path(state, "ResultPath"));
    transition(execution, state, InputOutput.applyOutputPath(ctx.withInput(withResult), path(state, "OutputPath")));
  }

  private void task(Execution execution, StateDefinition state) {
    JsonNode raw = execution.currentInput;
    String resource = state.text("Resource").orElseThrow();
    boolean callback = resource.endsWith(".waitForTaskToken");
    String token = callback ? newToken() : null;
    ObjectNode context = contextObject(execution, state, token);
    JsonNode payload;
    if (state.language() == QueryLanguage.JSONata) {
      JsonataBindings bindings = JsonataBindings.of(raw, context, Map.copyOf(execution.variables));
      payload = state.field("Arguments").map(a -> jsonata.evaluateTemplate("Arguments", a, bindings)).orElse(raw);
    } else {
      JsonPathContext ctx = new JsonPathContext(raw, context, Map.copyOf(execution.variables));
      JsonNode effective = InputOutput.applyInputPath(ctx, path(state, "InputPath"));
      JsonPathContext c = ctx.withInput(effective);
      payload = state.field("Parameters").map(p -> PayloadTemplate.apply(p, c, intrinsics)).orElse(effective);
    }
    TaskResource target =
        tasks.resolve(resource).orElseThrow(() -> new StatesError(StatesError.RUNTIME, "No task resource is registered for '" + resource + "'"));
    record(execution, "TaskScheduled", "taskScheduledEventDetails",
        NODES.objectNode().put("resourceType", resourceType(resource)).put("resource", resourceName(resource))
            .put("region", region).put("parameters", payload.toString()));
    record(execution, "TaskStarted", "taskStartedEventDetails",
        NODES.objectNode().put("resourceType", resourceType(resource)).put("resource", resourceName(resource)));
    JsonNode result;
    try {
      result = target.invoke(new TaskInvocation(resource, payload, context));
    } catch (StatesError e) {
      taskFailed(execution, resource, e);
      throw e;
    }
    if (result == null) {
      result = NODES.nullNode();
    }
    if (callback) {
      record(execution, "TaskSubmitted", "taskSubmittedEventDetails",
          NODES.objectNode().put("resourceType", resourceType(resource)).put("resource", resourceName(resource)).put("output", result.toString()));
      awaitCallback(execution, state, token, raw, context);
      return;
    }
    complete(execution, state, result);
  }

  /** The execution now waits for SendTaskSuccess / SendTaskFailure, or its task's deadlines. */
  private void awaitCallback(Execution execution, StateDefinition state, String token, JsonNode raw, ObjectNode context) {
    execution.awaitingToken = token;
    waitingTokens.put(token, execution.arn());
    long timeout = taskSeconds(execution, state, "TimeoutSeconds", raw, context);
    long heartbeat = taskSeconds(execution, state, "HeartbeatSeconds", raw, context);
    execution.taskTimeoutAt = timeout > 0 ? now().plusSeconds(timeout) : null;
    execution.heartbeatSeconds = (int) heartbeat;
    execution.heartbeatTimeoutAt = heartbeat > 0 ? now().plusSeconds(heartbeat) : null;
  }

  /** TimeoutSeconds / HeartbeatSeconds as a number, a JSONPath ...Path, or a JSONata expression; 0 when absent. */
  private long taskSeconds(Execution execution, StateDefinition state, String field, JsonNode raw, ObjectNode context) {
    if (state.language() == QueryLanguage.JSONata) {
      return state.field(field)
          .map(v -> jsonata.evaluateInteger(field, v, JsonataBindings.of(raw, context, Map.copyOf(execution.variables)), 1, 99_999_999))
          .orElse(0L);
    }
    if (state.field(field).isPresent()) {
      return state.field(field).get().asLong();
    }
    return state.text(field + "Path").map(p -> {
      JsonNode value = Paths.resolve(p, new JsonPathContext(raw, context, Map.copyOf(execution.variables)));
      if (!value.isIntegralNumber() || value.asLong() < 1) {
        throw new StatesError(StatesError.RUNTIME, "The " + field + "Path parameter does not reference a positive integer: " + value);
      }
      return value.asLong();
    }).orElse(0L);
  }

  /** A task's result, from the resource or a callback, through Output / ResultSelector / ResultPath / Assign. */
  private void complete(Execution execution, StateDefinition state, JsonNode result) {
    String resource = state.text("Resource").orElseThrow();
    ObjectNode succeeded = NODES.objectNode().put("resourceType", resourceType(resource)).put("resource", resourceName(resource))
        .put("output", result.toString());
    succeeded.putObject("outputDetails").put("truncated", false);
    record(execution, "TaskSucceeded", "taskSucceededEventDetails", succeeded);
    JsonNode raw = execution.currentInput;
    if (state.language() == QueryLanguage.JSONata) {
      JsonataBindings withResult = bindings(execution, state, raw).withResult(result);
      JsonNode output = state.field("Output").map(o -> jsonata.evaluateTemplate("Output", o, withResult)).orElse(result);
      assignJsonata(execution, state.field("Assign"), withResult);
      transition(execution, state, output);
      return;
    }
    JsonPathContext ctx = pathContext(execution, state, raw);
    JsonNode selected = result;
    if (state.field("ResultSelector").isPresent()) {
      selected = PayloadTemplate.apply(state.field("ResultSelector").get(), ctx.withInput(result), intrinsics);
    }
    assignJsonPath(execution, state.field("Assign"), ctx.withInput(selected));
    JsonNode withResult = InputOutput.applyResultPath(raw, selected, path(state, "ResultPath"));
    transition(execution, state, InputOutput.applyOutputPath(ctx.withInput(withResult), path(state, "OutputPath")));
  }

  private void taskFailed(Execution execution, String resource, StatesError e) {
    record(execution, "TaskFailed", "taskFailedEventDetails",
        NODES.objectNode().put("resourceType", resourceType(resource)).put("resource", resourceName(resource))
            .put("error", e.error()).put("cause", e.cause()));
  }

  private String newToken() {
    byte[] bytes = new byte[48];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  // ------------------------------------------------------------------ callbacks and stopping

  /** SendTaskSuccess: the waiting task completes with {@code output} as its result. */
  public synchronized void sendTaskSuccess(String token, JsonNode output) {
    Execution execution = waiting(token);
    StateDefinition state = execution.definition().state(execution.currentState);
    release(execution);
    execution.wakeAt = now();
    execution.onWake = () -> complete(execution, state, output);
  }

  /** SendTaskFailure: the waiting task fails with this error, which its Retry and Catch see. */
  public synchronized void sendTaskFailure(String token, String error, String cause) {
    Execution execution = waiting(token);
    StateDefinition state = execution.definition().state(execution.currentState);
    release(execution);
    StatesError failure = new StatesError(error == null ? "" : error, cause == null ? "" : cause);
    execution.wakeAt = now();
    execution.onWake = () -> {
      taskFailed(execution, state.text("Resource").orElseThrow(), failure);
      throw failure;
    };
  }

  /** SendTaskHeartbeat: the waiting task's HeartbeatSeconds start again. */
  public synchronized void sendTaskHeartbeat(String token) {
    Execution execution = waiting(token);
    if (execution.heartbeatSeconds > 0) {
      execution.heartbeatTimeoutAt = now().plusSeconds(execution.heartbeatSeconds);
    }
  }

  /** StopExecution: a running execution ends ABORTED; its callbacks can no longer be sent. */
  public synchronized void stop(String executionArn, String error, String cause) {
    Execution execution = executions.get(executionArn);
    if (execution == null) {
      throw new IllegalArgumentException("Execution Does Not Exist: '" + executionArn + "'");
    }
    if (execution.status != ExecutionStatus.RUNNING) {
      return;
    }
    release(execution, TASK_DOES_NOT_EXIST);
    execution.wakeAt = null;
    execution.onWake = null;
    finish(execution, ExecutionStatus.ABORTED, null, error, cause);
  }

  private Execution waiting(String token) {
    String arn = waitingTokens.get(token);
    if (arn != null) {
      return executions.get(arn);
    }
    String closed = closedTokens.get(token);
    if (closed == null) {
      throw new TaskTokenException("InvalidToken", "Invalid Token: this task token was never issued");
    }
    throw closed.equals(TASK_DOES_NOT_EXIST)
        ? new TaskTokenException(TASK_DOES_NOT_EXIST, "Task Does Not Exist: the execution of this task is no longer running")
        : new TaskTokenException(TASK_TIMED_OUT, "Task Timed Out: the task of this token has already completed or timed out");
  }

  /** The task no longer waits on a callback: it completed, failed or timed out. */
  private void release(Execution execution) {
    release(execution, TASK_TIMED_OUT);
  }

  /** As {@link #release(Execution)}; {@code lateCallbackError} is what a callback sent later is told. */
  private void release(Execution execution, String lateCallbackError) {
    if (execution.awaitingToken != null) {
      waitingTokens.remove(execution.awaitingToken);
      closedTokens.put(execution.awaitingToken, lateCallbackError);
    }
    execution.awaitingToken = null;
    execution.taskTimeoutAt = null;
    execution.heartbeatTimeoutAt = null;
    execution.heartbeatSeconds = 0;
  }

  private void choice(Execution execution, StateDefinition state) {
    JsonNode raw = execution.currentInput;
    if (state.language() == QueryLanguage.JSONata) {
      JsonataBindings bindings = bindings(execution, state, raw);
      JsonNode choices = state.field("Choices").orElseThrow();
      for (int i = 0; i < choices.size(); i++) {
        JsonNode rule = choices.get(i);
        if (jsonata.evaluateCondition("Choices[" + i + "]/Condition", rule.get("Condition").asText(), bindings)) {
          JsonNode output = rule.has("Output") ? jsonata.evaluateTemplate("Output", rule.get("Output"), bindings)
              : state.field("Output").map(o -> jsonata.evaluateTemplate("Output", o, bindings)).orElse(raw);
          assignJsonata(execution, Optional.ofNullable(rule.get("Assign")).or(() -> state.field("Assign")), bindings);
          transitionTo(execution, state, rule.get("Next").asText(), output);
          return;
        }
      }
      String fallback = state.text("Default").orElseThrow(() -> noChoice(state));
      JsonNode output = state.field("Output").map(o -> jsonata.evaluateTemplate("Output", o, bindings)).orElse(raw);
      assignJsonata(execution, state.field("Assign"), bindings);
      transitionTo(execution, state, fallback, output);
      return;
    }
    JsonPathContext ctx = pathContext(execution, state, raw);
    JsonNode effective = InputOutput.applyInputPath(ctx, path(state, "InputPath"));
    JsonPathContext c = ctx.withInput(effective);
    ChoiceRules rules = choiceRules.computeIfAbsent(state,
        s -> ChoiceRules.parse(s.name(), s.field("Choices").orElseThrow(), s.text("Default")));
    Optional<ChoiceRules.Branch> match = rules.firstMatch(path -> {
      try {
        return Optional.of(Paths.resolve(path, c));
      } catch (StatesError e) {
        return Optional.empty();
      }
    });
    String next = match.map(ChoiceRules.Branch::next).or(() -> rules.defaultState()).orElseThrow(() -> noChoice(state));
    Optional<JsonNode> assign = match.flatMap(ChoiceRules.Branch::assign).or(() -> state.field("Assign"));
    assignJsonPath(execution, assign, c);
    transitionTo(execution, state, next, InputOutput.applyOutputPath(c, path(state, "OutputPath")));
  }

  private static StatesError noChoice(StateDefinition state) {
    return new StatesError(StatesError.NO_CHOICE_MATCHED, "No Choice Rule matched in state '" + state.name() + "' and it has no Default");
  }

  private void waitState(Execution execution, StateDefinition state) {
    JsonNode raw = execution.currentInput;
    Instant until;
    JsonNode output;
    if (state.language() == QueryLanguage.JSONata) {
      JsonataBindings bindings = bindings(execution, state, raw);
      if (state.field("Seconds").isPresent()) {
        until = execution.stateEnteredTime.plusSeconds(jsonata.evaluateInteger("Seconds", state.field("Seconds").get(), bindings, 0, 99_999_999));
      } else {
        until = jsonata.evaluateTimestamp("Timestamp", state.field("Timestamp").get(), bindings);
      }
      output = state.field("Output").map(o -> jsonata.evaluateTemplate("Output", o, bindings)).orElse(raw);
      assignJsonata(execution, state.field("Assign"), bindings);
    } else {
      JsonPathContext ctx = pathContext(execution, state, raw);
      JsonNode effective = InputOutput.applyInputPath(ctx, path(state, "InputPath"));
      JsonPathContext c = ctx.withInput(effective);
      if (state.field("Seconds").isPresent()) {
        until = execution.stateEnteredTime.plusSeconds(state.field("Seconds").get().asLong());
      } else if (state.field("SecondsPath").isPresent()) {
        JsonNode seconds = Paths.resolve(state.text("SecondsPath").get(), c);
        if (!seconds.isIntegralNumber() || seconds.asLong() < 0) {
          throw new StatesError(StatesError.RUNTIME, "The SecondsPath parameter does not reference a valid integer value: " + seconds);
        }
        until = execution.stateEnteredTime.plusSeconds(seconds.asLong());
      } else if (state.field("Timestamp").isPresent()) {
        until = timestamp(state.text("Timestamp").get());
      } else {
        until = timestamp(Paths.resolve(state.text("TimestampPath").get(), c).asText());
      }
      assignJsonPath(execution, state.field("Assign"), c);
      output = InputOutput.applyOutputPath(c, path(state, "OutputPath"));
    }
    JsonNode finalOutput = output;
    if (until.isAfter(now())) {
      execution.wakeAt = until;
      execution.onWake = () -> transition(execution, state, finalOutput);
    } else {
      transition(execution, state, finalOutput);
    }
  }

  private static Instant timestamp(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new StatesError(StatesError.RUNTIME, "The Timestamp '" + text + "' is not a valid RFC 3339 timestamp");
    }
  }

  private void succeed(Execution execution, StateDefinition state) {
    JsonNode raw = execution.currentInput;
    JsonNode output;
    if (state.language() == QueryLanguage.JSONata) {
      JsonataBindings bindings = bindings(execution, state, raw);
      output = state.field("Output").map(o -> jsonata.evaluateTemplate("Output", o, bindings)).orElse(raw);
    } else {
      JsonPathContext ctx = pathContext(execution, state, raw);
      JsonNode effective = InputOutput.applyInputPath(ctx, path(state, "InputPath"));
      output = InputOutput.applyOutputPath(ctx.withInput(effective), path(state, "OutputPath"));
    }
    exit(execution, state, output);
    finish(execution, ExecutionStatus.SUCCEEDED, output, null, null);
  }

  private void fail(Execution execution, StateDefinition state) {
    JsonNode raw = execution.currentInput;
    String error;
    String cause;
    if (state.language() == QueryLanguage.JSONata) {
      JsonataBindings bindings = bindings(execution, state, raw);
      error = state.field("Error").map(e -> jsonata.evaluateTemplate("Error", e, bindings).asText()).orElse(null);
      cause = state.field("Cause").map(c -> jsonata.evaluateTemplate("Cause", c, bindings).asText()).orElse(null);
    } else {
      JsonPathContext ctx = pathContext(execution, state, raw);
      error = state.text("Error").or(() -> state.text("ErrorPath").map(p -> textOf(Paths.resolve(p, ctx)))).orElse(null);
      cause = state.text("Cause").or(() -> state.text("CausePath").map(p -> textOf(Paths.resolve(p, ctx)))).orElse(null);
    }
    finish(execution, ExecutionStatus.FAILED, null, error, cause);
  }

  private static String textOf(JsonNode node) {
    return node.isTextual() ? node.asText() : node.toString();
  }

  // ------------------------------------------------------------------ errors

  /** Retry, then Catch, then fail the execution: the order the developer guide gives. */
  private void handleError(Execution execution, StateDefinition state, StatesError e) {
    boolean handles = state.type().equals("Task") || state.type().equals("Parallel") || state.type().equals("Map");
    if (handles && retry(execution, state, e)) {
      return;
    }
    if (handles && catchError(execution, state, e)) {
      return;
    }
    finish(execution, ExecutionStatus.FAILED, null, e.error(), e.cause());
  }

  private boolean retry(Execution execution, StateDefinition state, StatesError e) {
    JsonNode retriers = state.field("Retry").orElse(null);
    if (retriers == null) {
      return false;
    }
    for (int i = 0; i < retriers.size(); i++) {
      JsonNode retrier = retriers.get(i);
      if (!matches(retrier.get("ErrorEquals"), e.error())) {
        continue;
      }
      int maxAttempts = retrier.path("MaxAttempts").asInt(3);
      int used = execution.retriesUsed.getOrDefault(i, 0);
      if (used >= maxAttempts) {
        return false;
      }
      execution.retriesUsed.put(i, used + 1);
      execution.retryCount++;
      double interval = retrier.path("IntervalSeconds").asDouble(1);
      double rate = retrier.path("BackoffRate").asDouble(2.0);
      double delay = interval * Math.pow(rate, used);
      if (retrier.has("MaxDelaySeconds")) {
        delay = Math.min(delay, retrier.get("MaxDelaySeconds").asDouble());
      }
      if ("FULL".equals(retrier.path("JitterStrategy").asText("NONE"))) {
        delay = random.nextDouble() * delay;
      }
      execution.wakeAt = now().plusNanos((long) (delay * 1_000_000_000L));
      execution.onWake = () -> run(execution, state);
      return true;
    }
    return false;
  }

  private boolean catchError(Execution execution, StateDefinition state, StatesError e) {
    JsonNode catchers = state.field("Catch").orElse(null);
    if (catchers == null) {
      return false;
    }
    for (JsonNode catcher : catchers) {
      if (!matches(catcher.get("ErrorEquals"), e.error())) {
        continue;
      }
      ObjectNode errorOutput = NODES.objectNode().put("Error", e.error()).put("Cause", e.cause());
      JsonNode raw = execution.currentInput;
      JsonNode output;
      if (state.language() == QueryLanguage.JSONata) {
        JsonataBindings bindings = bindings(execution, state, raw).withErrorOutput(errorOutput);
        output = catcher.has("Output") ? jsonata.evaluateTemplate("Output", catcher.get("Output"), bindings) : errorOutput;
        assignJsonata(execution, Optional.ofNullable(catcher.get("Assign")), bindings);
      } else {
        JsonPathContext ctx = pathContext(execution, state, raw);
        assignJsonPath(execution, Optional.ofNullable(catcher.get("Assign")), ctx.withInput(errorOutput));
        String resultPath = catcher.has("ResultPath") ? (catcher.get("ResultPath").isNull() ? null : catcher.get("ResultPath").asText()) : "$";
        output = InputOutput.applyResultPath(raw, errorOutput, resultPath);
      }
      transitionTo(execution, state, catcher.get("Next").asText(), output);
      return true;
    }
    return false;
  }

  /**
   * Whether a retrier's or catcher's {@code ErrorEquals} names the error. {@code States.ALL}
   * matches every error but {@code States.Runtime} (which always fails the execution); {@code
   * States.TaskFailed} matches every task failure but {@code States.Timeout}.
   */
  static boolean matches(JsonNode errorEquals, String error) {
    if (StatesError.RUNTIME.equals(error)) {
      return false;
    }
    for (JsonNode name : errorEquals) {
      String n = name.asText();
      if (n.equals(error) || n.equals("States.ALL")
          || (n.equals(StatesError.TASK_FAILED) && !error.equals(StatesError.TIMEOUT))) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ transitions

  private void transition(Execution execution, StateDefinition state, JsonNode output) {
    if (state.isEnd()) {
      exit(execution, state, output);
      finish(execution, ExecutionStatus.SUCCEEDED, output, null, null);
    } else {
      transitionTo(execution, state, state.next().orElseThrow(), output);
    }
  }

  private void transitionTo(Execution execution, StateDefinition state, String next, JsonNode output) {
    exit(execution, state, output);
    execution.currentState = next;
    execution.currentInput = output;
    execution.entered = false;
    execution.retriesUsed.clear();
    execution.retryCount = 0;
  }

  private void exit(Execution execution, StateDefinition state, JsonNode output) {
    ObjectNode details = NODES.objectNode().put("name", state.name()).put("output", output.toString());
    details.putObject("outputDetails").put("truncated", false);
    record(execution, state.type() + "StateExited", "stateExitedEventDetails", details);
  }

  private void finish(Execution execution, ExecutionStatus status, JsonNode output, String error, String cause) {
    execution.status = status;
    execution.output = output;
    execution.error = error;
    execution.cause = cause;
    execution.stopTime = now();
    if (status == ExecutionStatus.SUCCEEDED) {
      ObjectNode details = NODES.objectNode().put("output", output.toString());
      details.putObject("outputDetails").put("truncated", false);
      record(execution, "ExecutionSucceeded", "executionSucceededEventDetails", details);
    } else {
      ObjectNode details = NODES.objectNode();
      if (error != null) {
        details.put("error", error);
      }
      if (cause != null) {
        details.put("cause", cause);
      }
      switch (status) {
        case ABORTED -> record(execution, "ExecutionAborted", "executionAbortedEventDetails", details);
        case TIMED_OUT -> record(execution, "ExecutionTimedOut", "executionTimedOutEventDetails", details);
        default -> record(execution, "ExecutionFailed", "executionFailedEventDetails", details);
      }
    }
  }

  // ------------------------------------------------------------------ variables and context

  private void assignJsonata(Execution execution, Optional<JsonNode> assign, JsonataBindings bindings) {
    assign.ifPresent(a -> apply(execution, jsonata.evaluateTemplate("Assign", a, bindings)));
  }

  private void assignJsonPath(Execution execution, Optional<JsonNode> assign, JsonPathContext ctx) {
    assign.ifPresent(a -> apply(execution, PayloadTemplate.apply(a, ctx, intrinsics)));
  }

  /**
   * Sets the variables of one Assign. Its values were all computed from a copy of the variables
   * taken before the state ran, so one assignment never sees another of the same state.
   */
  private static void apply(Execution execution, JsonNode assigned) {
    assigned.fields().forEachRemaining(entry -> execution.variables.put(entry.getKey(), entry.getValue()));
  }

  private JsonataBindings bindings(Execution execution, StateDefinition state, JsonNode raw) {
    return JsonataBindings.of(raw, contextObject(execution, state), Map.copyOf(execution.variables));
  }

  private JsonPathContext pathContext(Execution execution, StateDefinition state, JsonNode raw) {
    return new JsonPathContext(raw, contextObject(execution, state), Map.copyOf(execution.variables));
  }

  /** The context object ({@code $$}, {@code $states.context}) as the developer guide lists it. */
  private ObjectNode contextObject(Execution execution, StateDefinition state) {
    return contextObject(execution, state, null);
  }

  private ObjectNode contextObject(Execution execution, StateDefinition state, String taskToken) {
    ObjectNode context = NODES.objectNode();
    ObjectNode exec = context.putObject("Execution");
    exec.put("Id", execution.arn());
    exec.set("Input", execution.input());
    exec.put("Name", execution.name());
    exec.put("RoleArn", "arn:aws:iam::" + account + ":role/local-engine");
    exec.put("StartTime", time(execution.startTime()));
    exec.put("RedriveCount", 0);
    ObjectNode machine = context.putObject("StateMachine");
    machine.put("Id", execution.stateMachineArn());
    machine.put("Name", execution.stateMachineArn().substring(execution.stateMachineArn().lastIndexOf(':') + 1));
    ObjectNode st = context.putObject("State");
    st.put("EnteredTime", time(execution.stateEnteredTime == null ? now() : execution.stateEnteredTime));
    st.put("Name", state.name());
    st.put("RetryCount", execution.retryCount);
    if (taskToken != null) {
      context.putObject("Task").put("Token", taskToken);
    }
    return context;
  }

  private static String time(Instant instant) {
    return CONTEXT_TIME.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  /** A path field: absent means {@code $}; JSON null means "none" (null). */
  private static String path(StateDefinition state, String field) {
    Optional<JsonNode> value = state.field(field);
    if (value.isEmpty()) {
      return "$";
    }
    return value.get().isNull() ? null : value.get().asText();
  }

  private static String resourceType(String resource) {
    String[] parts = resource.split(":");
    return parts.length > 5 && parts[2].equals("states") ? parts[5] : parts.length > 2 ? parts[2] : resource;
  }

  private static String resourceName(String resource) {
    String[] parts = resource.split(":");
    return parts.length > 6 && parts[2].equals("states") ? String.join(":", Arrays.copyOfRange(parts, 6, parts.length)) : resource;
  }

  private Instant now() {
    return clock.instant();
  }

  private void record(Execution execution, String type, String detailsField, ObjectNode details) {
    List<HistoryEvent> history = execution.mutableHistory();
    long id = history.size() + 1;
    history.add(new HistoryEvent(id, id - 1, now(), type, detailsField, details));
  }
}
