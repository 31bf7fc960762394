package dev.cutover.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.asl.definition.Definitions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** An engine on a virtual clock with task resources a test registers; definitions and JSON may use single quotes. */
final class EngineHarness {

  static final Instant T0 = Instant.parse("2026-11-24T00:00:00Z");
  static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:test";
  private static final ObjectMapper JSON = new ObjectMapper();

  final VirtualClock clock = new VirtualClock(T0);
  final Map<String, TaskResource> resources = new HashMap<>();
  final Engine engine = new Engine(clock, r -> Optional.ofNullable(resources.get(r)), new Random(7), "us-east-1", "123456789012");
  private int runs;

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts an execution without running it. */
  Execution start(String definition, String input) {
    return engine.start(MACHINE, Definitions.parse(definition.replace('\'', '"')), "run-" + ++runs, json(input));
  }

  /** Starts an execution and runs it, jumping through every timer, until nothing waits on time. */
  Execution run(String definition, String input) {
    Execution e = start(definition, input);
    engine.runToCompletion(clock);
    return e;
  }
}
