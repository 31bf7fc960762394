package dev.cutover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * One execution as Step Functions reports it ({@code DescribeExecution} and the whole of {@code
 * GetExecutionHistory}), read for what a person wants to know: the states it is in, what each
 * step returned, and how it ended. Only the API's documented fields are used, so an execution on
 * AWS and one on the local endpoint read the same.
 *
 * <p>A task's result is its {@code TaskSucceeded} event's output; for a Lambda task ({@code
 * lambda:invoke}) the step's own result is that output's {@code Payload}. The state a task event
 * belongs to is found by following {@code previousEventId} back to its {@code TaskStateEntered}.
 */
final class Run {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final int CHAIN_LIMIT = 16;

  /** A history event with the state it belongs to and a short detail, for listing. */
  record Event(long id, Instant timestamp, String type, String state, String detail) {}

  final DescribeExecutionResponse execution;
  final List<HistoryEvent> history;
  private final Map<Long, HistoryEvent> byId = new HashMap<>();
  private final Map<Long, String> stateOf = new HashMap<>();

  Run(DescribeExecutionResponse execution, List<HistoryEvent> history) {
    this.execution = execution;
    this.history = history;
    history.forEach(e -> byId.put(e.id(), e));
    history.forEach(e -> stateOf.put(e.id(), findState(e)));
  }

  /** Reads the execution and its whole history (pages of 1 000 events). */
  static Run read(SfnClient sfn, String executionArn) {
    DescribeExecutionResponse execution = sfn.describeExecution(r -> r.executionArn(executionArn));
    List<HistoryEvent> history = new ArrayList<>();
    sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn).maxResults(1000).includeExecutionData(true))
        .events().forEach(history::add);
    return new Run(execution, history);
  }

  boolean running() {
    return execution.status() == ExecutionStatus.RUNNING || execution.status() == ExecutionStatus.PENDING_REDRIVE;
  }

  /** The plan the run was started with (for a run started by EventBridge, the failed run's plan), or an empty object. */
  JsonNode input() {
    return parse(execution.input());
  }

  /** The migration id and mode from the input, when it is a plan. */
  Optional<String> migration() {
    JsonNode in = input();
    if (in.path("migrationId").isTextual()) {
      return Optional.of(in.path("migrationId").asText() + " (" + in.path("mode").asText("?") + ")");
    }
    if ("aws.states".equals(in.path("source").asText())) {
      return Optional.of("automatic rollback check of " + in.path("detail").path("executionArn").asText("a failed run"));
    }
    return Optional.empty();
  }

  /** States entered and not yet left, in the order they were entered (Parallel branches give several). */
  List<String> activeStates() {
    Map<String, Integer> open = new LinkedHashMap<>();
    for (HistoryEvent e : history) {
      String type = e.typeAsString();
      if (type.endsWith("StateEntered")) {
        open.merge(e.stateEnteredEventDetails().name(), 1, Integer::sum);
      } else if (type.endsWith("StateExited")) {
        open.computeIfPresent(e.stateExitedEventDetails().name(), (k, v) -> v > 1 ? v - 1 : null);
      }
    }
    return running() ? List.copyOf(open.keySet()) : List.of();
  }

  /** Whether the run ever entered {@code state}. */
  boolean entered(String state) {
    return history.stream().anyMatch(e -> e.typeAsString().endsWith("StateEntered") && e.stateEnteredEventDetails().name().equals(state));
  }

  /** What each successful call of the task state {@code state} returned, oldest first (a Lambda's Payload). */
  List<JsonNode> results(String state) {
    List<JsonNode> results = new ArrayList<>();
    for (HistoryEvent e : history) {
      if (e.typeAsString().equals("TaskSucceeded") && state.equals(stateOf.get(e.id()))) {
        JsonNode output = parse(e.taskSucceededEventDetails().output());
        results.add(output.has("Payload") ? output.get("Payload") : output);
      }
    }
    return results;
  }

  Optional<JsonNode> lastResult(String state) {
    List<JsonNode> all = results(state);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
  }

  /** The last {@code n} events, oldest first. */
  List<Event> lastEvents(int n) {
    return history.subList(Math.max(0, history.size() - n), history.size()).stream().map(this::event).toList();
  }

  /** Events after {@code id}, oldest first. */
  List<Event> eventsAfter(long id) {
    return history.stream().filter(e -> e.id() > id).map(this::event).toList();
  }

  long lastEventId() {
    return history.isEmpty() ? 0 : history.getLast().id();
  }

  private Event event(HistoryEvent e) {
    return new Event(e.id(), e.timestamp(), e.typeAsString(), stateOf.get(e.id()), detail(e));
  }

  private static String detail(HistoryEvent e) {
    return switch (e.typeAsString()) {
      case "TaskFailed" -> e.taskFailedEventDetails().error() + ": " + Failures.firstSentence(e.taskFailedEventDetails().cause());
      case "TaskTimedOut" -> e.taskTimedOutEventDetails().error() + ": " + Failures.firstSentence(e.taskTimedOutEventDetails().cause());
      case "ExecutionFailed" -> e.executionFailedEventDetails().error() + ": " + Failures.firstSentence(e.executionFailedEventDetails().cause());
      case "ExecutionAborted" -> String.valueOf(e.executionAbortedEventDetails().error());
      case "ExecutionTimedOut" -> String.valueOf(e.executionTimedOutEventDetails().error());
      case "MapIterationStarted", "MapIterationSucceeded", "MapIterationFailed" -> "iteration";
      default -> null;
    };
  }

  /** The state an event belongs to: its own name, or the nearest TaskStateEntered/… it follows from. */
  private String findState(HistoryEvent e) {
    HistoryEvent at = e;
    for (int i = 0; at != null && i < CHAIN_LIMIT; i++) {
      String type = at.typeAsString();
      if (type.endsWith("StateEntered")) {
        return at.stateEnteredEventDetails().name();
      }
      if (type.endsWith("StateExited")) {
        return at == e ? at.stateExitedEventDetails().name() : null;
      }
      if (type.startsWith("Execution")) {
        return null;
      }
      at = byId.get(at.previousEventId());
    }
    return null;
  }

  static JsonNode parse(String json) {
    if (json == null || json.isBlank()) {
      return NullNode.getInstance();
    }
    try {
      JsonNode node = JSON.readTree(json);
      return node == null ? NullNode.getInstance() : node;
    } catch (IOException e) {
      return JSON.getNodeFactory().textNode(json);
    }
  }
}
