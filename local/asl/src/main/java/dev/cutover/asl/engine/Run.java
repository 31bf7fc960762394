package dev.cutover.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.asl.definition.StateMachineDefinition;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One thread of control inside an execution: the execution's own states, one branch of a Parallel
 * state, or one iteration of a Map state. Each has its own position, timers, retries and variable
 * scope; a child reads its parents' variables but assigns only its own.
 */
final class Run {

  final Execution execution;
  final StateMachineDefinition scope;
  final Run parent;
  final Map<String, JsonNode> variables = new HashMap<>();
  // For a branch or iteration: its position among its siblings.
  final int index;

  String currentState;
  JsonNode currentInput;
  Instant stateEnteredTime;
  boolean entered;
  boolean finished;

  // A timer this run waits for (a Wait state, a retry delay, a result to process), and what then.
  Instant wakeAt;
  Pending pending;

  // A callback task waiting for SendTaskSuccess / SendTaskFailure, and its deadlines.
  String awaitingToken;
  Instant taskTimeoutAt;
  Instant heartbeatTimeoutAt;
  int heartbeatSeconds;

  // Retries used in the current state, per retrier index.
  final Map<Integer, Integer> retriesUsed = new HashMap<>();
  int retryCount;

  // The branches or iterations running now for a Parallel or Map state of this run, in start
  // order; a set, so that an ended one leaves in constant time however many a Map has.
  final Set<Run> children = new LinkedHashSet<>();
  Fanout fanout;

  Run(Execution execution, StateMachineDefinition scope, Run parent, int index, JsonNode input) {
    this.execution = execution;
    this.scope = scope;
    this.parent = parent;
    this.index = index;
    this.currentState = scope.startAt();
    this.currentInput = input;
  }

  /** The variables this run's states see: its ancestors' first, its own over them. */
  Map<String, JsonNode> visibleVariables() {
    Map<String, JsonNode> visible = parent == null ? new LinkedHashMap<>() : new LinkedHashMap<>(parent.visibleVariables());
    visible.putAll(variables);
    return Map.copyOf(visible);
  }

  /** The branches or iterations of one Parallel or Map state, and how far they have got. */
  static final class Fanout {
    final List<JsonNode> inputs;
    final JsonNode[] results;
    final long maxConcurrency;
    // Map only: failures allowed before the state fails; null when the state sets no tolerance.
    final Long toleratedCount;
    final Double toleratedPercentage;
    int started;
    int done;
    int failed;

    Fanout(List<JsonNode> inputs, long maxConcurrency, Long toleratedCount, Double toleratedPercentage) {
      this.inputs = inputs;
      this.results = new JsonNode[inputs.size()];
      this.maxConcurrency = maxConcurrency;
      this.toleratedCount = toleratedCount;
      this.toleratedPercentage = toleratedPercentage;
    }

    boolean tolerates() {
      return toleratedCount != null || toleratedPercentage != null;
    }

    /** Whether the failures so far exceed what the state tolerates (any failure, if it sets none). */
    boolean exceeded() {
      if (!tolerates()) {
        return failed > 0;
      }
      boolean overCount = toleratedCount != null && failed > toleratedCount;
      boolean overPercentage = toleratedPercentage != null && failed * 100.0 / inputs.size() > toleratedPercentage;
      return overCount || overPercentage;
    }
  }
}
