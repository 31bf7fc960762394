package dev.cutover.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.asl.definition.StateMachineDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One run of a state machine: where it is, what it has seen, how it ended. */
public final class Execution {

  private final String arn;
  private final String name;
  private final String stateMachineArn;
  private final StateMachineDefinition definition;
  private final JsonNode input;
  private final Instant startTime;
  private final List<HistoryEvent> history = new ArrayList<>();

  ExecutionStatus status = ExecutionStatus.RUNNING;
  JsonNode output;
  String error;
  String cause;
  Instant stopTime;

  // The whole execution's TimeoutSeconds, if the definition sets one.
  Instant executionTimeoutAt;
  final Run root;
  // Callback tokens of this execution's tasks that no longer wait, and what a late callback is told.
  final Map<String, String> closedTokens = new HashMap<>();
  // The history length when the execution was last journaled, to write only what changed.
  int journaledEvents = -1;

  Execution(String arn, String name, String stateMachineArn, StateMachineDefinition definition, JsonNode input, Instant startTime) {
    this.arn = arn;
    this.name = name;
    this.stateMachineArn = stateMachineArn;
    this.definition = definition;
    this.input = input;
    this.startTime = startTime;
    this.root = new Run(this, definition, null, -1, input);
  }

  public String arn() {
    return arn;
  }

  public String name() {
    return name;
  }

  public String stateMachineArn() {
    return stateMachineArn;
  }

  public StateMachineDefinition definition() {
    return definition;
  }

  public JsonNode input() {
    return input;
  }

  public Instant startTime() {
    return startTime;
  }

  public ExecutionStatus status() {
    return status;
  }

  public Optional<JsonNode> output() {
    return Optional.ofNullable(output);
  }

  public Optional<String> error() {
    return Optional.ofNullable(error);
  }

  public Optional<String> cause() {
    return Optional.ofNullable(cause);
  }

  public Optional<Instant> stopTime() {
    return Optional.ofNullable(stopTime);
  }

  public List<HistoryEvent> history() {
    return List.copyOf(history);
  }

  List<HistoryEvent> mutableHistory() {
    return history;
  }
}
