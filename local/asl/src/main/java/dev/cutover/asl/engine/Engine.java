package dev.cutover.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/**
 * Runs state machines as the Step Functions developer guide describes them, in the time of the
 * clock it is given. The host decides how time passes: {@link #runUntilIdle()} does every piece of
 * work that is due now, and {@link #nextWakeUp()} says when the next timer (a Wait state, a retry
 * delay, a task or execution timeout) falls due; with a {@link VirtualClock} a test moves time
 * there at once.
 *
 * <p>It runs every state type (Map inline) in both query languages: variables with their scopes,
 * Retry and Catch, the request-response, {@code .sync} and {@code .waitForTaskToken} integration
 * patterns with TimeoutSeconds and HeartbeatSeconds, execution timeouts and StopExecution.
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
  private final Set<Execution> running = new LinkedHashSet<>();
  private final Map<StateDefinition, ChoiceRules> choiceRules = new ConcurrentHashMap<>();
  // Callback tokens of tasks waiting now; and of tasks no longer waiting, the error a late callback gets.
  private final Map<String, Run> waitingTokens = new HashMap<>();
  private final Map<String, String> closedTokens = new HashMap<>();
  private final ExecutionJournal journal;

  /** An engine whose executions live as long as the process. */
  public Engine(Clock clock, TaskResolver tasks, RandomGenerator random, String region, String account) {
    this(clock, tasks, random, region, account, ExecutionJournal.NONE);
  }

  /**
   * An engine that writes its executions to {@code journal} and first resumes every execution
   * found there: a process killed at any moment and started again loses nothing. Work done after
   * an execution's last snapshot (a task in flight) runs again, which is why steps are idempotent;
   * callbacks keep their tokens.
   */
  public Engine(Clock clock, TaskResolver tasks, RandomGenerator random, String region, String account, ExecutionJournal journal) {
    this.journal = journal;
    this.clock = clock;
    this.tasks = tasks;
    this.random = random;
    this.jsonata = new JsonataEvaluator(clock, random::nextDouble, () -> new UUID(random.nextLong(), random.nextLong()));
    this.intrinsics = new Intrinsics(random);
    this.region = region;
    this.account = account;
    journal.loadAll().stream()
        .map(ExecutionSnapshots::read)
        .sorted(Comparator.comparing(Execution::startTime))
        .forEach(this::resume);
  }

  private void resume(Execution execution) {
    executions.put(execution.arn(), execution);
    closedTokens.putAll(execution.closedTokens);
    if (execution.status == ExecutionStatus.RUNNING) {
      running.add(execution);
      waitingTokens.putAll(ExecutionSnapshots.waitingTokens(execution));
    }
    execution.journaledEvents = execution.history().size();
  }

  /** Writes the execution down now: it changed in a way a restart must not lose. */
  private void journal(Execution execution) {
    journal.save(execution.arn(), ExecutionSnapshots.write(execution));
    execution.journaledEvents = execution.history().size();
  }

  /**
   * Starts an execution; it runs on the next {@link #runUntilIdle()}.
   *
   * @throws IllegalArgumentException if this state machine already has an execution of that name
   */
  public synchronized Execution start(String stateMachineArn, StateMachineDefinition definition, String name, JsonNode input) {
    String machineName = stateMachineArn.substring(stateMachineArn.lastIndexOf(':') + 1);
    String arn = "arn:aws:states:" + region + ":" + account + ":execution:" + machineName + ":" + name;
    if (executions.containsKey(arn)) {
      throw new IllegalArgumentException("Execution Already Exists: '" + arn + "'; an execution name is used once per state machine");
    }
    Instant startTime = now();
    Execution execution = new Execution(arn, name, stateMachineArn, definition, input, startTime);
    definition.timeoutSeconds().ifPresent(t -> execution.executionTimeoutAt = startTime.plusSeconds(t));
    executions.put(arn, execution);
    running.add(execution);
    ObjectNode details = NODES.objectNode().put("input", input.toString()).put("roleArn", roleArn());
    details.putObject("inputDetails").put("truncated", false);
    execution.mutableHistory().add(new HistoryEvent(1, 0, startTime, "ExecutionStarted", "executionStartedEventDetails", details));
    journal(execution);
    return execution;
  }

  public synchronized Optional<Execution> execution(String arn) {
    return Optional.ofNullable(executions.get(arn));
  }

  /** Every execution this engine knows, in the order they started (resumed ones included). */
  public synchronized List<Execution> executions() {
    return List.copyOf(executions.values());
  }

  /** Runs every execution until it finishes or waits for a time or a callback that has not come. */
  public synchronized void runUntilIdle() {
    // Only running executions are walked: finished ones stay readable but cost nothing here.
    Set<Execution> touched = new LinkedHashSet<>();
    boolean progressed = true;
    while (progressed) {
      progressed = false;
      for (Execution execution : List.copyOf(running)) {
        if (execution.status != ExecutionStatus.RUNNING) {
          continue;
        }
        touched.add(execution);
        if (due(execution.executionTimeoutAt)) {
          abort(execution.root);
          finish(execution, ExecutionStatus.TIMED_OUT, null, StatesError.TIMEOUT, "The execution ran longer than its TimeoutSeconds");
          progressed = true;
          continue;
        }
        for (Run run : runs(execution.root)) {
          if (execution.status == ExecutionStatus.RUNNING && runnable(run)) {
            step(run);
            progressed = true;
          }
        }
      }
    }
    for (Execution execution : touched) {
      if (execution.journaledEvents != execution.history().size()) {
        journal(execution);
      }
    }
    running.removeIf(e -> e.status != ExecutionStatus.RUNNING);
  }

  /** When the earliest timer of a running execution falls due, if any waits. */
  public synchronized Optional<Instant> nextWakeUp() {
    return running.stream()
        .filter(e -> e.status == ExecutionStatus.RUNNING)
        .flatMap(e -> Stream.concat(
            Stream.of(e.executionTimeoutAt),
            runs(e.root).stream().flatMap(r -> Stream.of(r.wakeAt, r.taskTimeoutAt, r.heartbeatTimeoutAt))))
        .filter(Objects::nonNull)
        .min(Comparator.naturalOrder());
  }

  /** With a virtual clock: runs, jumps to each next timer, runs again, until nothing waits on time. */
  public void runToCompletion(VirtualClock virtualClock) {
    runUntilIdle();
    for (Optional<Instant> next = nextWakeUp(); next.isPresent(); next = nextWakeUp()) {
      virtualClock.advanceTo(next.get());
      runUntilIdle();
    }
  }

  /** A run and its live descendants, parents first. */
  private static List<Run> runs(Run root) {
    List<Run> all = new ArrayList<>();
    collect(root, all);
    return all;
  }

  private static void collect(Run run, List<Run> all) {
    if (run.finished) {
      return;
    }
    all.add(run);
    for (Run child : List.copyOf(run.children)) {
      collect(child, all);
    }
  }

  private boolean runnable(Run run) {
    if (run.finished) {
      return false;
    }
    if (run.awaitingToken != null) {
      return due(run.taskTimeoutAt) || due(run.heartbeatTimeoutAt);
    }
    if (run.fanout != null) {
      return false;
    }
    return run.wakeAt == null || due(run.wakeAt);
  }

  private boolean due(Instant at) {
    return at != null && !at.isAfter(now());
  }

  // ------------------------------------------------------------------ stepping

  private void step(Run run) {
    StateDefinition state = run.scope.state(run.currentState);
    if (run.awaitingToken != null) {
      String error = due(run.taskTimeoutAt) ? StatesError.TIMEOUT : StatesError.HEARTBEAT_TIMEOUT;
      String cause = error.equals(StatesError.TIMEOUT) ? "The task did not complete within its TimeoutSeconds" : "No heartbeat arrived within HeartbeatSeconds";
      release(run, TASK_TIMED_OUT);
      String resource = state.text("Resource").orElseThrow();
      record(run.execution, "TaskTimedOut", "taskTimedOutEventDetails",
          taskEvent(resource).put("error", error).put("cause", cause));
      handleError(run, state, new StatesError(error, cause));
      return;
    }
    if (run.wakeAt != null) {
      Pending pending = run.pending;
      run.wakeAt = null;
      run.pending = null;
      guarded(run, state, () -> resume(run, state, pending));
      return;
    }
    if (!run.entered) {
      enter(run, state);
    }
    guarded(run, state, () -> runState(run, state));
  }

  private void resume(Run run, StateDefinition state, Pending pending) {
    switch (pending.kind()) {
      case TRANSITION -> transition(run, state, pending.value());
      case RERUN -> runState(run, state);
      case TASK_RESULT -> taskSucceeded(run, state, pending.value());
      case FANOUT_RESULT -> {
        record(run.execution, state.type() + "StateSucceeded", null, null);
        processResult(run, state, pending.value());
      }
      case FAIL -> {
        StatesError error = new StatesError(pending.error(), pending.cause());
        if (pending.event().equals("TaskFailed")) {
          taskFailed(run, state.text("Resource").orElseThrow(), error);
        } else {
          record(run.execution, pending.event(), null, null);
        }
        throw error;
      }
    }
  }

  private void wake(Run run, Pending pending) {
    wake(run, now(), pending);
  }

  private void wake(Run run, Instant at, Pending pending) {
    run.wakeAt = at;
    run.pending = pending;
  }

  private void guarded(Run run, StateDefinition state, Runnable work) {
    try {
      work.run();
    } catch (StatesError e) {
      handleError(run, state, e);
    }
  }

  private void enter(Run run, StateDefinition state) {
    run.entered = true;
    run.stateEnteredTime = now();
    ObjectNode details = NODES.objectNode().put("name", state.name()).put("input", run.currentInput.toString());
    details.putObject("inputDetails").put("truncated", false);
    record(run.execution, state.type() + "StateEntered", "stateEnteredEventDetails", details);
  }

  private void runState(Run run, StateDefinition state) {
    switch (state.type()) {
      case "Pass" -> pass(run, state);
      case "Task" -> task(run, state);
      case "Choice" -> choice(run, state);
      case "Wait" -> waitState(run, state);
      case "Succeed" -> succeed(run, state);
      case "Fail" -> fail(run, state);
      case "Parallel" -> parallel(run, state);
      case "Map" -> map(run, state);
      default -> throw new StatesError(StatesError.RUNTIME, "Unknown state type " + state.type());
    }
  }

  // ------------------------------------------------------------------ Pass, Choice, Wait, Succeed, Fail

  private void pass(Run run, StateDefinition state) {
    JsonNode raw = run.currentInput;
    if (state.language() == QueryLanguage.JSONata) {
      JsonataBindings bindings = bindings(run, state, raw);
      JsonNode output = state.field("Output").map(o -> jsonata.evaluateTemplate("Output", o, bindings)).orElse(raw);
      assignJsonata(run, state.field("Assign"), bindings);
      transition(run, state, output);
      return;
    }
    JsonPathContext ctx = pathContext(run, state, raw);
    JsonNode effective = InputOutput.applyInputPath(ctx, path(state, "InputPath"));
    JsonNode result;
    if (state.field("Result").isPresent()) {
      result = state.field("Result").get();
    } else if (state.field("Parameters").isPresent()) {
      result = PayloadTemplate.apply(state.field("Parameters").get(), ctx.withInput(effective), intrinsics);
    } else {
      result = effective;
    }
    assignJsonPath(run, state.field("Assign"), ctx.withInput(result));
    JsonNode withResult = InputOutput.applyResultPath(raw, result, path(state, "ResultPath"));
    transition(run, state, InputOutput.applyOutputPath(ctx.withInput(withResult), path(state, "OutputPath")));
  }

  private void choice(Run run, StateDefinition state) {
    JsonNode raw = run.currentInput;
    if (state.language() == QueryLanguage.JSONata) {
      JsonataBindings bindings = bindings(run, state, raw);
      JsonNode choices = state.field("Choices").orElseThrow();
      for (int i = 0; i < choices.size(); i++) {
        JsonNode rule = choices.get(i);
        if (jsonata.evaluateCondition("Choices[" + i + "]/Condition", rule.get("Condition").asText(), bindings)) {
          JsonNode output = rule.has("Output") ? jsonata.evaluateTemplate("Output", rule.get("Output"), bindings)
              : state.field("Output").map(o -> jsonata.evaluateTemplate("Output", o, bindings)).orElse(raw);
          assignJsonata(run, Optional.ofNullable(rule.get("Assign")).or(() -> state.field("Assign")), bindings);
          transitionTo(run, state, rule.get("Next").asText(), output);
          return;
        }
      }
      String fallback = state.text("Default").orElseThrow(() -> noChoice(state));
      JsonNode output = state.field("Output").map(o -> jsonata.evaluateTemplate("Output", o, bindings)).orElse(raw);
      assignJsonata(run, state.field("Assign"), bindings);
      transitionTo(run, state, fallback, output);
      return;
    }
    JsonPathContext ctx = pathContext(run, state, raw);
    JsonNode effective = InputOutput.applyInputPath(ctx, path(state, "InputPath"));
    JsonPathContext c = ctx.withInput(effective);
    ChoiceRules rules = choiceRules.computeIfAbsent(state,
        s -> ChoiceRules.parse(s.name(), s.field("Choices").orElseThrow(), s.text("Default")));
    Optional<ChoiceRules.Branch> match = rules.firstMatch(p -> {
      try {
        return Optional.of(Paths.resolve(p, c));
      } catch (StatesError e) {
        return Optional.empty();
      }
    });
    String next = match.map(ChoiceRules.Branch::next).or(rules::defaultState).orElseThrow(() -> noChoice(state));
    Optional<JsonNode> assign = match.flatMap(ChoiceRules.Branch::assign).or(() -> state.field("Assign"));
    assignJsonPath(run, assign, c);
    transitionTo(run, state, next, InputOutput.applyOutputPath(c, path(state, "OutputPath")));
  }

  private static StatesError noChoice(StateDefinition state) {
    return new StatesError(StatesError.NO_CHOICE_MATCHED, "No Choice Rule matched in state '" + state.name() + "' and it has no Default");
  }

  private void waitState(Run run, StateDefinition state) {
    JsonNode raw = run.currentInput;
    Instant until;
    JsonNode output;
    if (state.language() == QueryLanguage.JSONata) {
      JsonataBindings bindings = bindings(run, state, raw);
      if (state.field("Seconds").isPresent()) {
        until = run.stateEnteredTime.plusSeconds(jsonata.evaluateInteger("Seconds", state.field("Seconds").get(), bindings, 0, 99_999_999));
      } else {
        until = jsonata.evaluateTimestamp("Timestamp", state.field("Timestamp").get(), bindings);
      }
      output = state.field("Output").map(o -> jsonata.evaluateTemplate("Output", o, bindings)).orElse(raw);
      assignJsonata(run, state.field("Assign"), bindings);
    } else {
      JsonPathContext ctx = pathContext(run, state, raw);
      JsonNode effective = InputOutput.applyInputPath(ctx, path(state, "InputPath"));
      JsonPathContext c = ctx.withInput(effective);
      if (state.field("Seconds").isPresent()) {
        until = run.stateEnteredTime.plusSeconds(state.field("Seconds").get().asLong());
      } else if (state.field("SecondsPath").isPresent()) {
        JsonNode seconds = Paths.resolve(state.text("SecondsPath").get(), c);
        if (!seconds.isIntegralNumber() || seconds.asLong() < 0) {
          throw new StatesError(StatesError.RUNTIME, "The SecondsPath parameter does not reference a valid integer value: " + seconds);
        }
        until = run.stateEnteredTime.plusSeconds(seconds.asLong());
      } else if (state.field("Timestamp").isPresent()) {
        until = timestamp(state.text("Timestamp").get());
      } else {
        until = timestamp(Paths.resolve(state.text("TimestampPath").get(), c).asText());
      }
      assignJsonPath(run, state.field("Assign"), c);
      output = InputOutput.applyOutputPath(c, path(state, "OutputPath"));
    }
    if (until.isAfter(now())) {
      wake(run, until, Pending.transition(output));
    } else {
      transition(run, state, output);
    }
  }

  private static Instant timestamp(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new StatesError(StatesError.RUNTIME, "The Timestamp '" + text + "' is not a valid RFC 3339 timestamp");
    }
  }

  private void succeed(Run run, StateDefinition state) {
    JsonNode raw = run.currentInput;
    JsonNode output;
    if (state.language() == QueryLanguage.JSONata) {
      JsonataBindings bindings = bindings(run, state, raw);
      output = state.field("Output").map(o -> jsonata.evaluateTemplate("Output", o, bindings)).orElse(raw);
    } else {
      JsonPathContext ctx = pathContext(run, state, raw);
      JsonNode effective = InputOutput.applyInputPath(ctx, path(state, "InputPath"));
      output = InputOutput.applyOutputPath(ctx.withInput(effective), path(state, "OutputPath"));
    }
    exit(run, state, output);
    endRun(run, output);
  }

  private void fail(Run run, StateDefinition state) {
    JsonNode raw = run.currentInput;
    String error;
    String cause;
    if (state.language() == QueryLanguage.JSONata) {
      JsonataBindings bindings = bindings(run, state, raw);
      error = state.field("Error").map(e -> jsonata.evaluateTemplate("Error", e, bindings).asText()).orElse(null);
      cause = state.field("Cause").map(c -> jsonata.evaluateTemplate("Cause", c, bindings).asText()).orElse(null);
    } else {
      JsonPathContext ctx = pathContext(run, state, raw);
      error = state.text("Error").or(() -> state.text("ErrorPath").map(p -> textOf(Paths.resolve(p, ctx)))).orElse(null);
      cause = state.text("Cause").or(() -> state.text("CausePath").map(p -> textOf(Paths.resolve(p, ctx)))).orElse(null);
    }
    failRun(run, error, cause);
  }

  private static String textOf(JsonNode node) {
    return node.isTextual() ? node.asText() : node.toString();
  }

  // ------------------------------------------------------------------ Task

  private void task(Run run, StateDefinition state) {
    JsonNode raw = run.currentInput;
    String resource = state.text("Resource").orElseThrow();
    boolean callback = resource.endsWith(".waitForTaskToken");
    boolean sync = resource.endsWith(".sync") || resource.contains(".sync:");
    String token = callback || sync ? newToken() : null;
    // The token is in the context object only for the callback pattern; a .sync job gets it privately.
    ObjectNode context = contextObject(run, state, callback ? token : null, null);
    JsonNode payload = arguments(run, state, raw, context);
    TaskResource target =
        tasks.resolve(resource).orElseThrow(() -> new StatesError(StatesError.RUNTIME, "No task resource is registered for '" + resource + "'"));
    record(run.execution, "TaskScheduled", "taskScheduledEventDetails",
        taskEvent(resource)
            .put("region", region).put("parameters", payload.toString()));
    record(run.execution, "TaskStarted", "taskStartedEventDetails",
        taskEvent(resource));
    JsonNode result;
    try {
      result = target.invoke(new TaskInvocation(resource, payload, context, token));
    } catch (StatesError e) {
      taskFailed(run, resource, e);
      throw e;
    } catch (RuntimeException e) {
      // As the Lambda runtime reports an uncaught exception: named by its class, described by its message.
      StatesError failure = new StatesError(e.getClass().getName(), String.valueOf(e.getMessage()));
      taskFailed(run, resource, failure);
      throw failure;
    }
    if (result == null) {
      result = NODES.nullNode();
    }
    if (callback || (sync && result.isMissingNode())) {
      record(run.execution, "TaskSubmitted", "taskSubmittedEventDetails",
          taskEvent(resource).put("output", callback ? result.toString() : "{}"));
      awaitCallback(run, state, token, raw, context);
      return;
    }
    taskSucceeded(run, state, result);
  }

  /**
   * What a Task's resource or a Parallel's branches receive: JSONata {@code Arguments} (default:
   * the input), or JSONPath {@code InputPath} then {@code Parameters}.
   */
  private JsonNode arguments(Run run, StateDefinition state, JsonNode raw, ObjectNode context) {
    if (state.language() == QueryLanguage.JSONata) {
      JsonataBindings bindings = JsonataBindings.of(raw, context, run.visibleVariables());
      return state.field("Arguments").map(a -> jsonata.evaluateTemplate("Arguments", a, bindings)).orElse(raw);
    }
    JsonPathContext ctx = new JsonPathContext(raw, context, run.visibleVariables());
    JsonPathContext effective = ctx.withInput(InputOutput.applyInputPath(ctx, path(state, "InputPath")));
    return state.field("Parameters").map(p -> PayloadTemplate.apply(p, effective, intrinsics)).orElse(effective.input());
  }

  /** The run now waits for SendTaskSuccess / SendTaskFailure, or its task's deadlines. */
  private void awaitCallback(Run run, StateDefinition state, String token, JsonNode raw, ObjectNode context) {
    run.awaitingToken = token;
    waitingTokens.put(token, run);
    long timeout = taskSeconds(run, state, "TimeoutSeconds", raw, context);
    long heartbeat = taskSeconds(run, state, "HeartbeatSeconds", raw, context);
    run.taskTimeoutAt = timeout > 0 ? now().plusSeconds(timeout) : null;
    run.heartbeatSeconds = (int) heartbeat;
    run.heartbeatTimeoutAt = heartbeat > 0 ? now().plusSeconds(heartbeat) : null;
    // The resource has published the token: a restart must keep waiting for this one.
    journal(run.execution);
  }

  /** TimeoutSeconds / HeartbeatSeconds as a number, a JSONPath ...Path, or a JSONata expression; 0 when absent. */
  private long taskSeconds(Run run, StateDefinition state, String field, JsonNode raw, ObjectNode context) {
    if (state.language() == QueryLanguage.JSONata) {
      return state.field(field)
          .map(v -> jsonata.evaluateInteger(field, v, JsonataBindings.of(raw, context, run.visibleVariables()), 1, 99_999_999))
          .orElse(0L);
    }
    if (state.field(field).isPresent()) {
      return state.field(field).get().asLong();
    }
    return state.text(field + "Path").map(p -> positiveInteger(field + "Path", Paths.resolve(p, new JsonPathContext(raw, context, run.visibleVariables()))))
        .orElse(0L);
  }

  private static long positiveInteger(String field, JsonNode value) {
    if (!value.isIntegralNumber() || value.asLong() < 0) {
      throw new StatesError(StatesError.RUNTIME, "The " + field + " field does not reference a non-negative integer: " + value);
    }
    return value.asLong();
  }

  private void taskSucceeded(Run run, StateDefinition state, JsonNode result) {
    String resource = state.text("Resource").orElseThrow();
    ObjectNode succeeded = taskEvent(resource)
        .put("output", result.toString());
    succeeded.putObject("outputDetails").put("truncated", false);
    record(run.execution, "TaskSucceeded", "taskSucceededEventDetails", succeeded);
    processResult(run, state, result);
  }

  /** A Task's, Parallel's or Map's result through Output / ResultSelector / ResultPath / OutputPath / Assign. */
  private void processResult(Run run, StateDefinition state, JsonNode result) {
    JsonNode raw = run.currentInput;
    if (state.language() == QueryLanguage.JSONata) {
      JsonataBindings withResult = bindings(run, state, raw).withResult(result);
      JsonNode output = state.field("Output").map(o -> jsonata.evaluateTemplate("Output", o, withResult)).orElse(result);
      assignJsonata(run, state.field("Assign"), withResult);
      transition(run, state, output);
      return;
    }
    JsonPathContext ctx = pathContext(run, state, raw);
    JsonNode selected = result;
    if (state.field("ResultSelector").isPresent()) {
      selected = PayloadTemplate.apply(state.field("ResultSelector").get(), ctx.withInput(result), intrinsics);
    }
    assignJsonPath(run, state.field("Assign"), ctx.withInput(selected));
    JsonNode withResult = InputOutput.applyResultPath(raw, selected, path(state, "ResultPath"));
    transition(run, state, InputOutput.applyOutputPath(ctx.withInput(withResult), path(state, "OutputPath")));
  }

  private void taskFailed(Run run, String resource, StatesError e) {
    record(run.execution, "TaskFailed", "taskFailedEventDetails",
        taskEvent(resource)
            .put("error", e.error()).put("cause", e.cause()));
  }

  private String newToken() {
    byte[] bytes = new byte[48];
    random.nextBytes(bytes);
    // Starts as AWS's do ("AQ"): never with '-', which a command line would take for an option.
    return "AQ" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  // ------------------------------------------------------------------ Parallel and Map

  private void parallel(Run run, StateDefinition state) {
    JsonNode raw = run.currentInput;
    JsonNode branchInput = arguments(run, state, raw, contextObject(run, state, null, null));
    List<JsonNode> inputs = new ArrayList<>();
    state.children().forEach(branch -> inputs.add(branchInput));
    record(run.execution, "ParallelStateStarted", null, null);
    run.fanout = new Run.Fanout(inputs, 0, null, null);
    startChildren(run, state);
  }

  private void map(Run run, StateDefinition state) {
    for (String distributed : List.of("ItemReader", "ItemBatcher", "ResultWriter")) {
      if (state.field(distributed).isPresent()) {
        throw new StatesError(StatesError.RUNTIME, "The Map state '" + state.name() + "' uses " + distributed
            + ", a Distributed Map feature this engine does not run; it runs inline Maps only.");
      }
    }
    if ("DISTRIBUTED".equals(state.field("ItemProcessor").map(p -> p.path("ProcessorConfig").path("Mode").asText()).orElse(""))) {
      throw new StatesError(StatesError.RUNTIME, "The Map state '" + state.name()
          + "' is a Distributed Map (ProcessorConfig.Mode DISTRIBUTED), which this engine does not run; it runs inline Maps only.");
    }
    JsonNode raw = run.currentInput;
    List<JsonNode> inputs = new ArrayList<>();
    long maxConcurrency;
    Long toleratedCount;
    Double toleratedPercentage;
    if (state.language() == QueryLanguage.JSONata) {
      JsonataBindings bindings = bindings(run, state, raw);
      JsonNode items = state.field("Items").map(i -> jsonata.evaluateItems("Items", i, bindings)).orElse(raw);
      if (!items.isArray()) {
        throw new StatesError(StatesError.QUERY_EVALUATION_ERROR, "The Map state's Items must be an array, not " + items.getNodeType());
      }
      for (int i = 0; i < items.size(); i++) {
        JsonNode item = items.get(i);
        ObjectNode context = contextObject(run, state, null, mapItem(i, item));
        inputs.add(state.field("ItemSelector")
            .map(s -> jsonata.evaluateTemplate("ItemSelector", s, JsonataBindings.of(raw, context, run.visibleVariables())))
            .orElse(item));
      }
      maxConcurrency = state.field("MaxConcurrency").map(v -> jsonata.evaluateInteger("MaxConcurrency", v, bindings, 0, Integer.MAX_VALUE)).orElse(0L);
      toleratedCount = state.field("ToleratedFailureCount").map(v -> jsonata.evaluateInteger("ToleratedFailureCount", v, bindings, 0, Integer.MAX_VALUE)).orElse(null);
      toleratedPercentage = state.field("ToleratedFailurePercentage").map(v -> (double) jsonata.evaluateInteger("ToleratedFailurePercentage", v, bindings, 0, 100)).orElse(null);
    } else {
      JsonPathContext ctx = pathContext(run, state, raw);
      JsonNode effective = InputOutput.applyInputPath(ctx, path(state, "InputPath"));
      JsonPathContext c = ctx.withInput(effective);
      JsonNode items = Paths.resolve(state.text("ItemsPath").orElse("$"), c);
      if (!items.isArray()) {
        throw new StatesError(StatesError.RUNTIME, "The Map state's ItemsPath must select an array, not " + items.getNodeType());
      }
      Optional<JsonNode> selector = state.field("ItemSelector").or(() -> state.field("Parameters"));
      for (int i = 0; i < items.size(); i++) {
        JsonNode item = items.get(i);
        ObjectNode context = contextObject(run, state, null, mapItem(i, item));
        inputs.add(selector.map(s -> PayloadTemplate.apply(s, new JsonPathContext(effective, context, run.visibleVariables()), intrinsics)).orElse(item));
      }
      maxConcurrency = numberField(state, "MaxConcurrency", c).orElse(0L);
      toleratedCount = numberField(state, "ToleratedFailureCount", c).orElse(null);
      toleratedPercentage = state.field("ToleratedFailurePercentage").map(JsonNode::asDouble)
          .or(() -> state.text("ToleratedFailurePercentagePath").map(p -> Paths.resolve(p, c).asDouble())).orElse(null);
    }
    record(run.execution, "MapStateStarted", "mapStateStartedEventDetails", NODES.objectNode().put("length", inputs.size()));
    run.fanout = new Run.Fanout(inputs, maxConcurrency, toleratedCount, toleratedPercentage);
    if (inputs.isEmpty()) {
      fanoutDone(run, state);
      return;
    }
    startChildren(run, state);
  }

  private static ObjectNode mapItem(int index, JsonNode value) {
    ObjectNode item = NODES.objectNode();
    item.put("Index", index);
    item.set("Value", value);
    return item;
  }

  private static Optional<Long> numberField(StateDefinition state, String field, JsonPathContext ctx) {
    return state.field(field).map(JsonNode::asLong).or(() -> state.text(field + "Path").map(p -> positiveInteger(field + "Path", Paths.resolve(p, ctx))));
  }

  /** Starts branches or iterations up to the state's MaxConcurrency (0: all of them). */
  private void startChildren(Run run, StateDefinition state) {
    Run.Fanout fanout = run.fanout;
    boolean isMap = state.type().equals("Map");
    while (fanout.started < fanout.inputs.size() && (fanout.maxConcurrency == 0 || run.children.size() < fanout.maxConcurrency)) {
      int index = fanout.started++;
      StateMachineDefinition scope = isMap ? state.children().getFirst() : state.children().get(index);
      Run child = new Run(run.execution, scope, run, index, fanout.inputs.get(index));
      run.children.add(child);
      if (isMap) {
        record(run.execution, "MapIterationStarted", "mapIterationStartedEventDetails", NODES.objectNode().put("name", state.name()).put("index", index));
      }
    }
  }

  /** A branch or iteration ended; the parent state goes on when all have, or fails at once. */
  private void childEnded(Run child, JsonNode output, StatesError failure) {
    Run parent = child.parent;
    StateDefinition state = parent.scope.state(parent.currentState);
    Run.Fanout fanout = parent.fanout;
    boolean isMap = state.type().equals("Map");
    parent.children.remove(child);
    fanout.done++;
    if (failure == null) {
      fanout.results[child.index] = output;
      if (isMap) {
        record(parent.execution, "MapIterationSucceeded", "mapIterationSucceededEventDetails", NODES.objectNode().put("name", state.name()).put("index", child.index));
      }
    } else {
      fanout.failed++;
      fanout.results[child.index] = NODES.objectNode().put("Error", failure.error()).put("Cause", failure.cause());
      if (isMap) {
        record(parent.execution, "MapIterationFailed", "mapIterationFailedEventDetails", NODES.objectNode().put("name", state.name()).put("index", child.index));
      }
      if (fanout.exceeded()) {
        List.copyOf(parent.children).forEach(this::abort);
        parent.children.clear();
        parent.fanout = null;
        StatesError error = fanout.tolerates()
            ? new StatesError(StatesError.EXCEEDED_TOLERATED_FAILURE_THRESHOLD, "The Map state's failed iterations exceeded its tolerated failure threshold")
            : failure;
        wake(parent, Pending.fail(error.error(), error.cause(), state.type() + "StateFailed"));
        return;
      }
    }
    if (fanout.done == fanout.inputs.size()) {
      fanoutDone(parent, state);
    } else {
      startChildren(parent, state);
    }
  }

  private void fanoutDone(Run run, StateDefinition state) {
    ArrayNode results = NODES.arrayNode();
    Arrays.stream(run.fanout.results).forEach(results::add);
    run.fanout = null;
    wake(run, Pending.fanoutResult(results));
  }

  /** Ends a run and everything under it without a result: its execution stopped or a sibling failed. */
  private void abort(Run run) {
    List.copyOf(run.children).forEach(this::abort);
    run.children.clear();
    run.fanout = null;
    release(run, TASK_DOES_NOT_EXIST);
    run.wakeAt = null;
    run.pending = null;
    run.finished = true;
  }

  // ------------------------------------------------------------------ callbacks and stopping

  /** SendTaskSuccess: the waiting task completes with {@code output} as its result. */
  public synchronized void sendTaskSuccess(String token, JsonNode output) {
    Run run = waiting(token);
    release(run, TASK_TIMED_OUT);
    wake(run, Pending.taskResult(output));
    journal(run.execution);
  }

  /** SendTaskFailure: the waiting task fails with this error, which its Retry and Catch see. */
  public synchronized void sendTaskFailure(String token, String error, String cause) {
    Run run = waiting(token);
    release(run, TASK_TIMED_OUT);
    wake(run, Pending.fail(error == null ? "" : error, cause == null ? "" : cause, "TaskFailed"));
    journal(run.execution);
  }

  /** SendTaskHeartbeat: the waiting task's HeartbeatSeconds start again. */
  public synchronized void sendTaskHeartbeat(String token) {
    Run run = waiting(token);
    if (run.heartbeatSeconds > 0) {
      run.heartbeatTimeoutAt = now().plusSeconds(run.heartbeatSeconds);
      journal(run.execution);
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
    abort(execution.root);
    finish(execution, ExecutionStatus.ABORTED, null, error, cause);
    running.remove(execution);
    journal(execution);
  }

  private Run waiting(String token) {
    Run run = waitingTokens.get(token);
    if (run != null) {
      return run;
    }
    String closed = closedTokens.get(token);
    if (closed == null) {
      throw new TaskTokenException("InvalidToken", "Invalid Token: this task token was never issued");
    }
    throw closed.equals(TASK_DOES_NOT_EXIST)
        ? new TaskTokenException(TASK_DOES_NOT_EXIST, "Task Does Not Exist: the execution of this task is no longer running")
        : new TaskTokenException(TASK_TIMED_OUT, "Task Timed Out: the task of this token has already completed or timed out");
  }

  /** The run no longer waits on a callback; {@code lateCallbackError} is what a callback sent later is told. */
  private void release(Run run, String lateCallbackError) {
    if (run.awaitingToken != null) {
      waitingTokens.remove(run.awaitingToken);
      closedTokens.put(run.awaitingToken, lateCallbackError);
      run.execution.closedTokens.put(run.awaitingToken, lateCallbackError);
    }
    run.awaitingToken = null;
    run.taskTimeoutAt = null;
    run.heartbeatTimeoutAt = null;
    run.heartbeatSeconds = 0;
  }

  // ------------------------------------------------------------------ errors

  /** Retry, then Catch, then fail the run: the order the developer guide gives. */
  private void handleError(Run run, StateDefinition state, StatesError e) {
    boolean handles = state.type().equals("Task") || state.type().equals("Parallel") || state.type().equals("Map");
    if (handles && (retry(run, state, e) || catchError(run, state, e))) {
      return;
    }
    failRun(run, e.error(), e.cause());
  }

  private boolean retry(Run run, StateDefinition state, StatesError e) {
    JsonNode retriers = state.field("Retry").orElse(null);
    if (retriers == null) {
      return false;
    }
    for (int i = 0; i < retriers.size(); i++) {
      JsonNode retrier = retriers.get(i);
      if (!matches(retrier.get("ErrorEquals"), e.error())) {
        continue;
      }
      int used = run.retriesUsed.getOrDefault(i, 0);
      if (used >= retrier.path("MaxAttempts").asInt(3)) {
        return false;
      }
      run.retriesUsed.put(i, used + 1);
      run.retryCount++;
      double delay = retrier.path("IntervalSeconds").asDouble(1) * Math.pow(retrier.path("BackoffRate").asDouble(2.0), used);
      if (retrier.has("MaxDelaySeconds")) {
        delay = Math.min(delay, retrier.get("MaxDelaySeconds").asDouble());
      }
      if ("FULL".equals(retrier.path("JitterStrategy").asText("NONE"))) {
        delay = random.nextDouble() * delay;
      }
      wake(run, now().plusNanos((long) (delay * 1_000_000_000L)), Pending.rerun());
      return true;
    }
    return false;
  }

  private boolean catchError(Run run, StateDefinition state, StatesError e) {
    JsonNode catchers = state.field("Catch").orElse(null);
    if (catchers == null) {
      return false;
    }
    for (JsonNode catcher : catchers) {
      if (!matches(catcher.get("ErrorEquals"), e.error())) {
        continue;
      }
      ObjectNode errorOutput = NODES.objectNode().put("Error", e.error()).put("Cause", e.cause());
      JsonNode raw = run.currentInput;
      JsonNode output;
      if (state.language() == QueryLanguage.JSONata) {
        JsonataBindings bindings = bindings(run, state, raw).withErrorOutput(errorOutput);
        output = catcher.has("Output") ? jsonata.evaluateTemplate("Output", catcher.get("Output"), bindings) : errorOutput;
        assignJsonata(run, Optional.ofNullable(catcher.get("Assign")), bindings);
      } else {
        JsonPathContext ctx = pathContext(run, state, raw);
        assignJsonPath(run, Optional.ofNullable(catcher.get("Assign")), ctx.withInput(errorOutput));
        String resultPath = catcher.has("ResultPath") ? (catcher.get("ResultPath").isNull() ? null : catcher.get("ResultPath").asText()) : "$";
        output = InputOutput.applyResultPath(raw, errorOutput, resultPath);
      }
      transitionTo(run, state, catcher.get("Next").asText(), output);
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

  // ------------------------------------------------------------------ transitions and endings

  private void transition(Run run, StateDefinition state, JsonNode output) {
    if (state.isEnd()) {
      exit(run, state, output);
      endRun(run, output);
    } else {
      transitionTo(run, state, state.next().orElseThrow(), output);
    }
  }

  private void transitionTo(Run run, StateDefinition state, String next, JsonNode output) {
    exit(run, state, output);
    run.currentState = next;
    run.currentInput = output;
    run.entered = false;
    run.retriesUsed.clear();
    run.retryCount = 0;
  }

  private void exit(Run run, StateDefinition state, JsonNode output) {
    ObjectNode details = NODES.objectNode().put("name", state.name()).put("output", output.toString());
    details.putObject("outputDetails").put("truncated", false);
    record(run.execution, state.type() + "StateExited", "stateExitedEventDetails", details);
  }

  /** The run reached an End or a Succeed state. */
  private void endRun(Run run, JsonNode output) {
    run.finished = true;
    if (run.parent == null) {
      finish(run.execution, ExecutionStatus.SUCCEEDED, output, null, null);
    } else {
      childEnded(run, output, null);
    }
  }

  /** The run reached a Fail state or an error nothing handled. */
  private void failRun(Run run, String error, String cause) {
    run.finished = true;
    if (run.parent == null) {
      finish(run.execution, ExecutionStatus.FAILED, null, error, cause);
    } else {
      childEnded(run, null, new StatesError(error == null ? "" : error, cause == null ? "" : cause));
    }
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
      return;
    }
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

  // ------------------------------------------------------------------ variables and context

  private void assignJsonata(Run run, Optional<JsonNode> assign, JsonataBindings bindings) {
    assign.ifPresent(a -> apply(run, jsonata.evaluateTemplate("Assign", a, bindings)));
  }

  private void assignJsonPath(Run run, Optional<JsonNode> assign, JsonPathContext ctx) {
    assign.ifPresent(a -> apply(run, PayloadTemplate.apply(a, ctx, intrinsics)));
  }

  /**
   * Sets the variables of one Assign in the run's own scope. Its values were all computed from a
   * copy of the variables taken before the state ran, so one assignment never sees another.
   */
  private static void apply(Run run, JsonNode assigned) {
    assigned.fields().forEachRemaining(entry -> run.variables.put(entry.getKey(), entry.getValue()));
  }

  private JsonataBindings bindings(Run run, StateDefinition state, JsonNode raw) {
    return JsonataBindings.of(raw, contextObject(run, state, null, null), run.visibleVariables());
  }

  private JsonPathContext pathContext(Run run, StateDefinition state, JsonNode raw) {
    return new JsonPathContext(raw, contextObject(run, state, null, null), run.visibleVariables());
  }

  /** The context object ({@code $$}, {@code $states.context}) as the developer guide lists it. */
  private ObjectNode contextObject(Run run, StateDefinition state, String taskToken, ObjectNode mapItem) {
    Execution execution = run.execution;
    ObjectNode context = NODES.objectNode();
    ObjectNode exec = context.putObject("Execution");
    exec.put("Id", execution.arn());
    exec.set("Input", execution.input());
    exec.put("Name", execution.name());
    exec.put("RoleArn", roleArn());
    exec.put("StartTime", time(execution.startTime()));
    exec.put("RedriveCount", 0);
    ObjectNode machine = context.putObject("StateMachine");
    machine.put("Id", execution.stateMachineArn());
    machine.put("Name", execution.stateMachineArn().substring(execution.stateMachineArn().lastIndexOf(':') + 1));
    ObjectNode st = context.putObject("State");
    st.put("EnteredTime", time(run.stateEnteredTime == null ? now() : run.stateEnteredTime));
    st.put("Name", state.name());
    st.put("RetryCount", run.retryCount);
    if (taskToken != null) {
      context.putObject("Task").put("Token", taskToken);
    }
    if (mapItem != null) {
      context.putObject("Map").set("Item", mapItem);
    }
    return context;
  }

  private String roleArn() {
    return "arn:aws:iam::" + account + ":role/local-engine";
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

  /** The fields every task event's details start with. */
  private static ObjectNode taskEvent(String resource) {
    return NODES.objectNode().put("resourceType", resourceType(resource)).put("resource", resourceName(resource));
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
