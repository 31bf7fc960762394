package dev.cutover.asl.jsonata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.asl.StatesError;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Shared inputs: a fixed clock, fixed randomness, and JSON written as text. */
final class Fixtures {

  static final Instant NOW = Instant.parse("2024-08-18T17:33:00.123Z");
  static final UUID UUID_V4 = UUID.fromString("ca4c1140-dcc1-40cd-ad05-7b4aa23df4a8");
  static final double UNSEEDED_RANDOM = 0.25;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Fixtures() {}

  /** The cause of a thrown {@link StatesError}, which AssertJ's property lookup would miss. */
  static String cause(Throwable thrown) {
    return ((StatesError) thrown).cause();
  }

  static JsonataEvaluator evaluator() {
    return new JsonataEvaluator(
        Clock.fixed(NOW, ZoneOffset.UTC), () -> UNSEEDED_RANDOM, () -> UUID_V4);
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  static JsonataBindings input(String inputJson) {
    return JsonataBindings.of(json(inputJson), json("{}"), Map.of());
  }

  static JsonataBindings variables(Map<String, String> variablesAsJson) {
    Map<String, JsonNode> variables = new HashMap<>();
    variablesAsJson.forEach((name, value) -> variables.put(name, json(value)));
    return JsonataBindings.of(json("{}"), json("{}"), variables);
  }
}
