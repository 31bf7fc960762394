package dev.cutover.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.asl.definition.Definitions;
import dev.cutover.asl.definition.StateDefinition;
import dev.cutover.asl.definition.StateMachineDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an execution, with its tree of runs, timers, pending continuations, callbacks and
 * history, as JSON, and reads it back. The definition travels as its source and is parsed again,
 * and a child run's scope is found from its parent's current state, so nothing but data is stored.
 */
final class ExecutionSnapshots {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ExecutionSnapshots() {}

  static ObjectNode write(Execution e) {
    ObjectNode out = NODES.objectNode();
    out.put("arn", e.arn()).put("name", e.name()).put("stateMachineArn", e.stateMachineArn());
    out.put("definition", e.definition().source());
    out.set("input", e.input());
    out.put("startTime", e.startTime().toString());
    out.put("status", e.status.name());
    out.set("output", e.output);
    out.put("error", e.error).put("cause", e.cause);
    putTime(out, "stopTime", e.stopTime);
    putTime(out, "executionTimeoutAt", e.executionTimeoutAt);
    ObjectNode closed = out.putObject("closedTokens");
    e.closedTokens.forEach(closed::put);
    ArrayNode history = out.putArray("history");
    for (HistoryEvent event : e.history()) {
      ObjectNode h = history.addObject();
      h.put("id", event.id()).put("previousEventId", event.previousEventId()).put("timestamp", event.timestamp().toString())
          .put("type", event.type()).put("detailsField", event.detailsField());
      h.set("details", event.details());
    }
    out.set("root", writeRun(e.root));
    return out;
  }

  private static ObjectNode writeRun(Run run) {
    ObjectNode out = NODES.objectNode();
    out.put("index", run.index).put("currentState", run.currentState);
    out.set("currentInput", run.currentInput);
    putTime(out, "stateEnteredTime", run.stateEnteredTime);
    out.put("entered", run.entered).put("finished", run.finished);
    putTime(out, "wakeAt", run.wakeAt);
    if (run.pending != null) {
      Pending p = run.pending;
      ObjectNode pending = out.putObject("pending");
      pending.put("kind", p.kind().name()).put("error", p.error()).put("cause", p.cause()).put("event", p.event());
      pending.set("value", p.value());
    }
    out.put("awaitingToken", run.awaitingToken);
    putTime(out, "taskTimeoutAt", run.taskTimeoutAt);
    putTime(out, "heartbeatTimeoutAt", run.heartbeatTimeoutAt);
    out.put("heartbeatSeconds", run.heartbeatSeconds).put("retryCount", run.retryCount);
    ObjectNode retries = out.putObject("retriesUsed");
    run.retriesUsed.forEach((k, v) -> retries.put(k.toString(), v));
    ObjectNode variables = out.putObject("variables");
    run.variables.forEach(variables::set);
    if (run.fanout != null) {
      Run.Fanout f = run.fanout;
      ObjectNode fanout = out.putObject("fanout");
      fanout.put("maxConcurrency", f.maxConcurrency).put("started", f.started).put("done", f.done).put("failed", f.failed);
      if (f.toleratedCount != null) {
        fanout.put("toleratedCount", f.toleratedCount);
      }
      if (f.toleratedPercentage != null) {
        fanout.put("toleratedPercentage", f.toleratedPercentage);
      }
      ArrayNode inputs = fanout.putArray("inputs");
      f.inputs.forEach(inputs::add);
      ArrayNode results = fanout.putArray("results");
      for (JsonNode result : f.results) {
        // null: not ended yet; {"value": ...}: ended with that result (which may itself be null).
        if (result == null) {
          results.addNull();
        } else {
          results.addObject().set("value", result);
        }
      }
    }
    ArrayNode children = out.putArray("children");
    run.children.forEach(child -> children.add(writeRun(child)));
    return out;
  }

  static Execution read(JsonNode in) {
    StateMachineDefinition definition = Definitions.parse(in.get("definition").asText());
    Execution e = new Execution(in.get("arn").asText(), in.get("name").asText(), in.get("stateMachineArn").asText(),
        definition, in.get("input"), Instant.parse(in.get("startTime").asText()));
    e.status = ExecutionStatus.valueOf(in.get("status").asText());
    e.output = nullable(in.get("output"));
    e.error = text(in, "error");
    e.cause = text(in, "cause");
    e.stopTime = time(in, "stopTime");
    e.executionTimeoutAt = time(in, "executionTimeoutAt");
    in.get("closedTokens").fields().forEachRemaining(t -> e.closedTokens.put(t.getKey(), t.getValue().asText()));
    List<HistoryEvent> history = e.mutableHistory();
    for (JsonNode h : in.get("history")) {
      history.add(new HistoryEvent(h.get("id").asLong(), h.get("previousEventId").asLong(), Instant.parse(h.get("timestamp").asText()),
          h.get("type").asText(), text(h, "detailsField"), h.get("details").isObject() ? (ObjectNode) h.get("details") : null));
    }
    readRun(in.get("root"), e.root);
    return e;
  }

  private static void readRun(JsonNode in, Run run) {
    run.currentState = in.get("currentState").asText();
    run.currentInput = in.get("currentInput");
    run.stateEnteredTime = time(in, "stateEnteredTime");
    run.entered = in.get("entered").asBoolean();
    run.finished = in.get("finished").asBoolean();
    run.wakeAt = time(in, "wakeAt");
    JsonNode pending = in.get("pending");
    if (pending != null) {
      run.pending = new Pending(Pending.Kind.valueOf(pending.get("kind").asText()), nullable(pending.get("value")),
          text(pending, "error"), text(pending, "cause"), text(pending, "event"));
    }
    run.awaitingToken = text(in, "awaitingToken");
    run.taskTimeoutAt = time(in, "taskTimeoutAt");
    run.heartbeatTimeoutAt = time(in, "heartbeatTimeoutAt");
    run.heartbeatSeconds = in.get("heartbeatSeconds").asInt();
    run.retryCount = in.get("retryCount").asInt();
    in.get("retriesUsed").fields().forEachRemaining(r -> run.retriesUsed.put(Integer.valueOf(r.getKey()), r.getValue().asInt()));
    in.get("variables").fields().forEachRemaining(v -> run.variables.put(v.getKey(), v.getValue()));
    JsonNode fanout = in.get("fanout");
    if (fanout != null) {
      List<JsonNode> inputs = new ArrayList<>();
      fanout.get("inputs").forEach(inputs::add);
      Run.Fanout f = new Run.Fanout(inputs, fanout.get("maxConcurrency").asLong(),
          fanout.has("toleratedCount") ? fanout.get("toleratedCount").asLong() : null,
          fanout.has("toleratedPercentage") ? fanout.get("toleratedPercentage").asDouble() : null);
      f.started = fanout.get("started").asInt();
      f.done = fanout.get("done").asInt();
      f.failed = fanout.get("failed").asInt();
      JsonNode results = fanout.get("results");
      for (int i = 0; i < results.size(); i++) {
        f.results[i] = results.get(i).isNull() ? null : results.get(i).get("value");
      }
      run.fanout = f;
    }
    if (!in.get("children").isEmpty()) {
      StateDefinition state = run.scope.state(run.currentState);
      for (JsonNode child : in.get("children")) {
        int index = child.get("index").asInt();
        StateMachineDefinition scope = state.type().equals("Map") ? state.children().getFirst() : state.children().get(index);
        Run restored = new Run(run.execution, scope, run, index, child.get("currentInput"));
        readRun(child, restored);
        run.children.add(restored);
      }
    }
  }

  /** Every run of an execution that waits on a callback, by its token. */
  static Map<String, Run> waitingTokens(Execution e) {
    Map<String, Run> tokens = new HashMap<>();
    collect(e.root, tokens);
    return tokens;
  }

  private static void collect(Run run, Map<String, Run> tokens) {
    if (run.awaitingToken != null) {
      tokens.put(run.awaitingToken, run);
    }
    run.children.forEach(child -> collect(child, tokens));
  }

  private static void putTime(ObjectNode out, String field, Instant time) {
    if (time != null) {
      out.put(field, time.toString());
    }
  }

  private static Instant time(JsonNode in, String field) {
    JsonNode value = in.get(field);
    return value == null || value.isNull() ? null : Instant.parse(value.asText());
  }

  private static String text(JsonNode in, String field) {
    JsonNode value = in.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static JsonNode nullable(JsonNode value) {
    return value == null || value.isNull() ? null : value;
  }
}
