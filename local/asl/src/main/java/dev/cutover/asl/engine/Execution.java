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

  // Where the run is: the state to run next and its raw input.
  String currentState;
  JsonNode currentInput;
  Instant stateEnteredTime;
  boolean entered;
  // A timer the run waits for (a Wait state, or the delay before a retry), and what happens then.
  Instant wakeAt;
  Runnable onWake;
  // A callback task waiting for SendTaskSuccess / SendTaskFailure, and its deadlines.
  String awaitingToken;
  Instant taskTimeoutAt;
  Instant heartbeatTimeoutAt;
  int heartbeatSeconds;
  // The whole execution's TimeoutSeconds, if the definition sets one.
  Instant executionTimeoutAt;
  final Map<String, JsonNode> variables = new HashMap<>();
  // Retries used, per retrier index, in the current state.
  final Map<Integer, Integer> retriesUsed = new HashMap<>();
  int retryCount;

  Execution(String arn, String name, String stateMachineArn, StateMachineDefinition definition, JsonNode input, Instant startTime) {
    this.arn = arn;
    this.name = name;
    this.stateMachineArn = stateMachineArn;
    this.definition = definition;
    this.input = input;
    this.startTime = startTime;
    this.currentState = definition.startAt();
    this.currentInput = input;
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
