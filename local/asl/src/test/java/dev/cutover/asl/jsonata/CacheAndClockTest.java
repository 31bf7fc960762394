package dev.cutover.asl.jsonata;

import static dev.cutover.asl.jsonata.Fixtures.evaluator;
import static dev.cutover.asl.jsonata.Fixtures.input;
import static dev.cutover.asl.jsonata.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Compiled expressions are cached by text; $now and $millis read the engine's clock. */
class CacheAndClockTest {

  private final JsonataEvaluator evaluator = evaluator();

  // AWS doc: "Transforming data with JSONata in Step Functions" (same expression in every state)
  @Test
  void theSameExpressionTextIsCompiledOnce() {
    JsonNode template =
        json("{\"a\": \"{% $states.input.n %}\", \"b\": [\"{% $states.input.n %}\"]}");

    evaluator.evaluateTemplate(template, input("{\"n\": 1}"));
    evaluator.evaluateTemplate(template, input("{\"n\": 2}"));
    evaluator.evaluateExpression("{%   $states.input.n   %}", input("{\"n\": 3}"));

    assertThat(evaluator.compilations()).isEqualTo(1);
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (each expression evaluated)
  @Test
  void distinctExpressionsAreCompiledSeparately() {
    evaluator.evaluateExpression("1 + 1", input("{}"));
    evaluator.evaluateExpression("1 + 2", input("{}"));
    evaluator.evaluateExpression("1 + 1", input("{}"));

    assertThat(evaluator.compilations()).isEqualTo(2);
  }

  // AWS doc: "Passing data between states with variables" (Parallel branches and Map iterations)
  @Test
  void aCompiledExpressionIsSharedSafelyBetweenThreads() throws Exception {
    String expression = "$states.input.n * 2 + $offset";
    List<Future<JsonNode>> results;
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      results =
          pool.invokeAll(
              java.util.stream.IntStream.range(0, 200)
                  .<java.util.concurrent.Callable<JsonNode>>mapToObj(
                      i ->
                          () ->
                              evaluator.evaluateExpression(
                                  expression,
                                  JsonataBindings.of(
                                      json("{\"n\": " + i + "}"),
                                      json("{}"),
                                      Map.of("offset", json("1")))))
                  .toList());
    }

    for (int i = 0; i < results.size(); i++) {
      assertThat(results.get(i).get()).isEqualTo(json(String.valueOf(i * 2 + 1)));
    }
    assertThat(evaluator.compilations()).isEqualTo(1);
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (JSONata Date/Time functions)
  @Test
  void nowAndMillisReadTheSuppliedClock() {
    JsonNode result =
        evaluator.evaluateExpression(
            "{'now': $now(), 'millis': $millis(), 'day': $now('[Y0001]-[M01]-[D01]'),"
                + " 'back': $fromMillis($millis())}",
            input("{}"));

    assertThat(result)
        .isEqualTo(
            json(
                """
                {"now": "2024-08-18T17:33:00.123Z", "millis": 1724002380123,
                 "day": "2024-08-18", "back": "2024-08-18T17:33:00.123Z"}\
                """));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (JSONata Date/Time functions)
  @Test
  void everyExpressionInOneFieldSeesTheSameInstant() {
    AtomicLong ticks = new AtomicLong(Fixtures.NOW.toEpochMilli());
    Clock advancing =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return Instant.ofEpochMilli(ticks.getAndAdd(1000));
          }
        };
    JsonataEvaluator ticking = new JsonataEvaluator(advancing, () -> 0.5, UUID::randomUUID);
    JsonNode template = json("{\"a\": \"{% $millis() %}\", \"b\": [\"{% $millis() %}\"]}");

    JsonNode first = ticking.evaluateTemplate(template, input("{}"));
    JsonNode second = ticking.evaluateTemplate(template, input("{}"));

    assertThat(first).isEqualTo(json("{\"a\": 1724002380123, \"b\": [1724002380123]}"));
    assertThat(second).isEqualTo(json("{\"a\": 1724002381123, \"b\": [1724002381123]}"));
  }
}
