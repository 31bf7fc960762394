package dev.cutover.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.asl.StatesError;
import dev.cutover.asl.definition.Definitions;
import dev.cutover.asl.definition.StateMachineDefinition;
import dev.cutover.asl.engine.Engine;
import dev.cutover.asl.engine.Execution;
import dev.cutover.asl.engine.HistoryEvent;
import dev.cutover.asl.engine.TaskInvocation;
import dev.cutover.asl.engine.TaskResource;
import dev.cutover.asl.engine.VirtualClock;
import dev.cutover.plan.Plans;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code migration.asl.json} on the ASL engine, in virtual time, with every task's result scripted
 * by {@link Steps}. Records each call (which function, which action, the payload, when) and every
 * notice, checks that every payload's plan parses with the real plan parser, and tells the path
 * the execution took.
 */
final class Workflow {

  static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
  static final String ACCOUNT = "444455556666";
  static final String MACHINE = "arn:aws:states:us-east-1:" + ACCOUNT + ":stateMachine:cutover";
  static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
  static final String LAMBDA_CALLBACK = "arn:aws:states:::lambda:invoke.waitForTaskToken";
  static final String SNS_PUBLISH = "arn:aws:states:::sns:publish";
  static final String TOPIC = "arn:aws:sns:us-east-1:" + ACCOUNT + ":cutover-notices";
  static final String APPROVER = "arn:aws:iam::" + ACCOUNT + ":role/release-manager";
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");
  private static final Pattern FUNCTION = Pattern.compile("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:cutover-(\\w+)");

  /** One task call. {@code function} is the step ({@code Verify}, {@code Cutover}…); {@code action} is "" for steps without one. */
  record Call(String function, String action, JsonNode payload, Instant at) {

    String name() {
      return action.isEmpty() ? function : function + "/" + action;
    }
  }

  final VirtualClock clock = new VirtualClock(T0);
  final Steps steps = new Steps(clock);
  final List<Call> calls = new ArrayList<>();
  final List<JsonNode> notices = new ArrayList<>();
  final Engine engine = new Engine(clock, this::resolve, new Random(11), "us-east-1", ACCOUNT);
  private final StateMachineDefinition definition = Definitions.parse(definitionText());
  private String approvalToken;
  private int executions;

  /** The workflow file with each placeholder replaced the way the CDK app's substitutions would. */
  static String definitionText() {
    try {
      String raw = Files.readString(Path.of("migration.asl.json"));
      Matcher m = PLACEHOLDER.matcher(raw);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(out, Matcher.quoteReplacement(substitution(m.group(1))));
      }
      m.appendTail(out);
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String substitution(String name) {
    if (name.endsWith("FunctionArn")) {
      return "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:cutover-" + name.substring(0, name.length() - "FunctionArn".length());
    }
    return switch (name) {
      case "NotificationTopicArn" -> TOPIC;
      case "LogsDatabase" -> "cutover_logs";
      case "LogsTable" -> "blue_cloudfront";
      case "AthenaWorkGroup" -> "cutover";
      default -> throw new IllegalStateException("the workflow names a placeholder the tests do not know: ${" + name + "}");
    };
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode plan(String mode) {
    try {
      ObjectNode plan = (ObjectNode) JSON.readTree(Path.of("../events/migrate.json").toFile());
      plan.put("mode", mode);
      return plan;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Execution start(JsonNode input) {
    return engine.start(MACHINE, definition, "run-" + ++executions, input);
  }

  /** A MIGRATE run, approved 5 minutes after it asked, run to its end (or to a stop before the approval). */
  Execution migrateAndApprove() {
    Execution e = run(start(plan("MIGRATE")));
    if (awaitingApproval()) {
      approve(APPROVER, Duration.ofMinutes(5), e);
    }
    return e;
  }

  /** Runs through every timer, except that a pending approval is left waiting: the test decides it. */
  Execution run(Execution execution) {
    runUntil(() -> approvalToken != null || execution.status() != dev.cutover.asl.engine.ExecutionStatus.RUNNING);
    return execution;
  }

  /** Runs every timer, the approval's timeout included, until nothing waits on time. */
  Execution runToTheEnd(Execution execution) {
    engine.runToCompletion(clock);
    return execution;
  }

  private void runUntil(BooleanSupplier done) {
    engine.runUntilIdle();
    while (!done.getAsBoolean()) {
      Optional<Instant> next = engine.nextWakeUp();
      if (next.isEmpty()) {
        return;
      }
      clock.advanceTo(next.get());
      engine.runUntilIdle();
    }
  }

  boolean awaitingApproval() {
    return approvalToken != null;
  }

  void approve(String by, Duration after, Execution execution) {
    approveOnly(by, after);
    run(execution);
  }

  /** Sends the approval and runs nothing: the test moves time itself, e.g. with {@link #runFor}. */
  void approveOnly(String by, Duration after) {
    String token = takeToken(after);
    engine.sendTaskSuccess(token, json("{'decision':'APPROVE','decidedBy':'" + by + "','decidedAt':'" + clock.instant() + "','reason':null}"));
  }

  /** Runs every timer due in the next {@code duration}, then stops the clock there. */
  void runFor(Duration duration) {
    Instant end = clock.instant().plus(duration);
    engine.runUntilIdle();
    for (Optional<Instant> next = engine.nextWakeUp(); next.isPresent() && !next.get().isAfter(end); next = engine.nextWakeUp()) {
      clock.advanceTo(next.get());
      engine.runUntilIdle();
    }
    clock.advanceTo(end);
  }

  void reject(String by, Duration after, Execution execution) {
    String token = takeToken(after);
    engine.sendTaskFailure(token, "dev.cutover.errors.ApprovalRejectedException", "Rejected by " + by + ": the parity report shows drift");
    run(execution);
  }

  private String takeToken(Duration after) {
    if (approvalToken == null) {
      throw new IllegalStateException("no approval is waiting");
    }
    clock.advance(after);
    String token = approvalToken;
    approvalToken = null;
    return token;
  }

  // ------------------------------------------------------------------ what ran

  /** The states entered, in order (Parallel branches and Map iterations interleave as they ran). */
  static List<String> path(Execution execution) {
    return execution.history().stream()
        .filter(e -> e.type().endsWith("StateEntered"))
        .map(e -> e.details().get("name").asText())
        .toList();
  }

  static List<HistoryEvent> entered(Execution execution, String state) {
    return execution.history().stream()
        .filter(e -> e.type().endsWith("StateEntered") && e.details().get("name").asText().equals(state))
        .toList();
  }

  List<String> callNames() {
    return calls.stream().map(Call::name).toList();
  }

  List<Call> calls(String name) {
    return calls.stream().filter(c -> c.name().equals(name)).toList();
  }

  /** Calls that change something in blue, green, DNS or the replication configuration. */
  List<String> changes() {
    List<String> mutating = List.of("Replication/ENABLE", "Replication/RESTORE", "Backfill/START", "Backfill/REDRIVE",
        "Cutover/RECORD", "Cutover/POINT_DNS", "Cutover/DETACH_BLUE", "Cutover/ATTACH_GREEN",
        "Rollback/DETACH_GREEN", "Rollback/ATTACH_BLUE", "Rollback/RESTORE_DNS");
    return callNames().stream().filter(mutating::contains).toList();
  }

  // ------------------------------------------------------------------ task resources

  private Optional<TaskResource> resolve(String resource) {
    return switch (resource) {
      case LAMBDA_INVOKE -> Optional.of(this::invoke);
      case LAMBDA_CALLBACK -> Optional.of(this::requestApproval);
      case SNS_PUBLISH -> Optional.of(this::publish);
      default -> Optional.empty();
    };
  }

  private JsonNode invoke(TaskInvocation invocation) {
    Call call = record(invocation);
    JsonNode payload = steps.answer(call);
    ObjectNode result = JSON.createObjectNode();
    result.put("ExecutedVersion", "$LATEST");
    result.set("Payload", payload);
    result.put("StatusCode", 200);
    return result;
  }

  private JsonNode requestApproval(TaskInvocation invocation) {
    Call call = record(invocation);
    JsonNode token = call.payload().get("taskToken");
    if (token == null || !token.isTextual() || !token.asText().equals(invocation.taskToken())) {
      throw new AssertionError("the approval request must carry the task's own token, got " + token);
    }
    steps.answer(call);
    approvalToken = invocation.taskToken();
    return JSON.createObjectNode().put("StatusCode", 200);
  }

  private JsonNode publish(TaskInvocation invocation) {
    JsonNode args = invocation.payload();
    if (!TOPIC.equals(args.path("TopicArn").asText())) {
      throw new AssertionError("notice sent to " + args.path("TopicArn"));
    }
    String subject = args.path("Subject").asText();
    if (subject.isEmpty() || subject.length() > 100) {
      throw new StatesError("SNS.InvalidParameterException", "Subject must be 1-100 characters: " + subject);
    }
    JsonNode message;
    try {
      message = JSON.readTree(args.path("Message").asText());
    } catch (IOException e) {
      throw new AssertionError("notice message is not JSON: " + args.path("Message"), e);
    }
    ObjectNode notice = JSON.createObjectNode();
    notice.put("subject", subject);
    notice.set("message", message);
    notices.add(notice);
    if (steps.failNotices) {
      throw new StatesError("States.TaskFailed", "SNS is down");
    }
    return json("{'MessageId':'m-" + notices.size() + "'}");
  }

  private Call record(TaskInvocation invocation) {
    JsonNode args = invocation.payload();
    Matcher m = FUNCTION.matcher(args.path("FunctionName").asText());
    if (!m.matches()) {
      throw new AssertionError("unexpected FunctionName " + args.path("FunctionName"));
    }
    JsonNode payload = args.get("Payload");
    if (payload == null || !payload.isObject()) {
      throw new AssertionError(m.group(1) + " called without a JSON object payload: " + payload);
    }
    JsonNode plan = payload.get("plan");
    if (plan == null) {
      throw new AssertionError(m.group(1) + " called without the plan");
    }
    Plans.parse(plan); // the real parser: a payload the steps would refuse fails here
    if (!payload.path("executionId").asText().startsWith("arn:aws:states:us-east-1:" + ACCOUNT + ":execution:cutover:")) {
      throw new AssertionError(m.group(1) + " called without the execution ARN: " + payload.path("executionId"));
    }
    Call call = new Call(m.group(1), payload.path("action").asText(""), payload, clock.instant());
    calls.add(call);
    return call;
  }

  /** Answers for the engine's sake, so the scripts can throw errors by name as Lambda reports them. */
  static StatesError error(String className, String message) {
    return new StatesError(className, message);
  }
}
