package dev.cutover.asl.jsonata;

import static dev.cutover.asl.jsonata.Fixtures.evaluator;
import static dev.cutover.asl.jsonata.Fixtures.input;
import static dev.cutover.asl.jsonata.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.asl.StatesError;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fields that take one kind of value: Condition, TimeoutSeconds, Seconds, Timestamp, Items. */
class FieldRulesTest {

  private static final long MAX_SECONDS = 99_999_999;

  private final JsonataEvaluator evaluator = evaluator();

  // AWS doc: "Choice workflow state" (checks whether the numerical value is equal to 1)
  @Test
  void conditionComparesAVariableToANumber() {
    assertThat(
            evaluator.evaluateCondition("{% $foo = 1 %}", Fixtures.variables(Map.of("foo", "1"))))
        .isTrue();
    assertThat(
            evaluator.evaluateCondition("{% $foo = 1 %}", Fixtures.variables(Map.of("foo", "2"))))
        .isFalse();
  }

  // AWS doc: "Choice workflow state" (checks whether the type variable is equal to local)
  @Test
  void conditionComparesAVariableToAString() {
    assertThat(
            evaluator.evaluateCondition(
                "{% $type = 'local' %}", Fixtures.variables(Map.of("type", "\"local\""))))
        .isTrue();
  }

  // AWS doc: "Choice workflow state" (string greater than MyStringABC)
  @Test
  void conditionOrdersStrings() {
    assertThat(
            evaluator.evaluateCondition(
                "{% $foo > 'MyStringABC' %}", Fixtures.variables(Map.of("foo", "\"MyStringXYZ\""))))
        .isTrue();
  }

  // AWS doc: "Choice workflow state" (checks whether the string is not null)
  @Test
  void conditionGuardsAgainstNull() {
    String condition = "{% $possiblyNullValue != null and $possiblyNullValue = 42 %}";

    assertThat(
            evaluator.evaluateCondition(
                condition, Fixtures.variables(Map.of("possiblyNullValue", "42"))))
        .isTrue();
    assertThat(
            evaluator.evaluateCondition(
                condition, Fixtures.variables(Map.of("possiblyNullValue", "null"))))
        .isFalse();
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (Choice state Condition)
  @Test
  void conditionReadsTheStateInput() {
    JsonataBindings bindings =
        JsonataBindings.of(
            json("{\"desired_priced\": 10}"), json("{}"), Map.of("current_price", json("9.5")));

    assertThat(
            evaluator.evaluateCondition(
                "{% $current_price <= $states.input.desired_priced %}", bindings))
        .isTrue();
  }

  // AWS doc: "Choice workflow state" (a JSONata expression that evaluates to true/false)
  @Test
  void aConditionThatIsNotABooleanFails() {
    assertThatThrownBy(
            () ->
                evaluator.evaluateCondition(
                    "Choices[0]/Condition", "{% $states.input.n %}", input("{\"n\": 5}")))
        .isInstanceOf(StatesError.class)
        .hasFieldOrPropertyWithValue("error", StatesError.QUERY_EVALUATION_ERROR)
        .extracting(Fixtures::cause)
        .isEqualTo(
            "The JSONata expression '$states.input.n' specified for the field"
                + " 'Choices[0]/Condition' returned 5, but it must be a boolean.");
  }

  // AWS doc: "Choice workflow state" (a JSONata expression that evaluates to true/false)
  @Test
  void aConditionReturningNothingFails() {
    assertThatThrownBy(() -> evaluator.evaluateCondition("{% $states.input.flag %}", input("{}")))
        .isInstanceOf(StatesError.class)
        .hasMessageContaining("returned nothing (undefined)");
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" ("TimeoutSeconds" : "{% $timeout
  // %}")
  @Test
  void timeoutSecondsFromAVariable() {
    assertThat(
            evaluator.evaluateInteger(
                "TimeoutSeconds",
                json("\"{% $timeout %}\""),
                Fixtures.variables(Map.of("timeout", "300")),
                1,
                MAX_SECONDS))
        .isEqualTo(300);
  }

  // AWS doc: "Task workflow state" (Static timeout and heartbeat notification example)
  @Test
  void timeoutSecondsAsALiteralNumber() {
    assertThat(
            evaluator.evaluateInteger("TimeoutSeconds", json("300"), input("{}"), 1, MAX_SECONDS))
        .isEqualTo(300);
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (Type incompatibility)
  @Test
  void timeoutSecondsReturningAStringFails() {
    assertThatThrownBy(
            () ->
                evaluator.evaluateInteger(
                    "TimeoutSeconds",
                    json("\"{% $timeout %}\""),
                    Fixtures.variables(Map.of("timeout", "\"300\"")),
                    1,
                    MAX_SECONDS))
        .isInstanceOf(StatesError.class)
        .extracting(Fixtures::cause)
        .isEqualTo(
            "The JSONata expression '$timeout' specified for the field 'TimeoutSeconds' returned"
                + " \"300\", but it must be an integer from 1 to 99999999.");
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (Value out of range)
  @Test
  void timeoutSecondsReturningANegativeNumberFails() {
    assertThatThrownBy(
            () ->
                evaluator.evaluateInteger(
                    "TimeoutSeconds",
                    json("\"{% $evaluatesToNegativeNumber %}\""),
                    Fixtures.variables(Map.of("evaluatesToNegativeNumber", "-5")),
                    1,
                    MAX_SECONDS))
        .isInstanceOf(StatesError.class)
        .hasMessageContaining("returned -5, but it must be an integer from 1 to 99999999.");
  }

  // AWS doc: "Task workflow state" (TimeoutSeconds must be a positive, non-zero integer)
  @Test
  void timeoutSecondsRejectsZeroAndFractions() {
    assertThatThrownBy(
            () ->
                evaluator.evaluateInteger(
                    "TimeoutSeconds", json("\"{% 0 %}\""), input("{}"), 1, MAX_SECONDS))
        .isInstanceOf(StatesError.class)
        .hasMessageContaining("returned 0");
    assertThatThrownBy(
            () ->
                evaluator.evaluateInteger(
                    "TimeoutSeconds", json("\"{% 2.5 %}\""), input("{}"), 1, MAX_SECONDS))
        .isInstanceOf(StatesError.class)
        .hasMessageContaining("returned 2.5");
  }

  // AWS doc: "Task workflow state" (TimeoutSeconds must be an integer)
  @Test
  void aLiteralThatIsNotANumberNamesTheField() {
    assertThatThrownBy(
            () ->
                evaluator.evaluateInteger(
                    "HeartbeatSeconds", json("\"60\""), input("{}"), 1, MAX_SECONDS))
        .isInstanceOf(StatesError.class)
        .extracting(Fixtures::cause)
        .isEqualTo(
            "The field 'HeartbeatSeconds' is \"60\", but it must be an integer from 1 to"
                + " 99999999.");
  }

  // AWS doc: "Wait workflow state" (Seconds: an integer value from 0 to 99999999)
  @Test
  void waitSecondsAcceptsZeroAndRejectsMoreThanTheMaximum() {
    assertThat(
            evaluator.evaluateInteger(
                "Seconds", json("\"{% 10 - 10 %}\""), input("{}"), 0, MAX_SECONDS))
        .isZero();
    assertThatThrownBy(
            () ->
                evaluator.evaluateInteger(
                    "Seconds", json("\"{% 100000000 %}\""), input("{}"), 0, MAX_SECONDS))
        .isInstanceOf(StatesError.class)
        .hasMessageContaining("must be an integer from 0 to 99999999");
  }

  // AWS doc: "Using Map state in Inline mode" (MaxConcurrency: a non-negative integer, default 0)
  @Test
  void anOpenUpperBoundIsWordedAsAMinimum() {
    assertThatThrownBy(
            () ->
                evaluator.evaluateInteger(
                    "MaxConcurrency", json("\"{% -1 %}\""), input("{}"), 0, Long.MAX_VALUE))
        .isInstanceOf(StatesError.class)
        .hasMessageContaining("but it must be an integer of at least 0.");
  }

  // AWS doc: "Wait workflow state" (Timestamp example 2024-03-14T01:59:00Z)
  @Test
  void timestampFromTheInput() {
    assertThat(
            evaluator.evaluateTimestamp(
                "Timestamp",
                json("\"{% $states.input.expirydate %}\""),
                input("{\"expirydate\": \"2024-03-14T01:59:00Z\"}")))
        .isEqualTo(Instant.parse("2024-03-14T01:59:00Z"));
  }

  // AWS doc: "Wait workflow state" (literal Timestamp)
  @Test
  void timestampAsALiteralKeepsFractionsAndOffsets() {
    assertThat(
            evaluator.evaluateTimestamp(
                "Timestamp", json("\"2024-03-14T01:59:00.250Z\""), input("{}")))
        .isEqualTo(Instant.parse("2024-03-14T01:59:00.250Z"));
    assertThat(
            evaluator.evaluateTimestamp(
                "Timestamp", json("\"2024-03-14T02:59:00+01:00\""), input("{}")))
        .isEqualTo(Instant.parse("2024-03-14T01:59:00Z"));
  }

  // AWS doc: "Wait workflow state" (uppercase T and uppercase Z)
  @Test
  void timestampRejectsLowercaseSeparatorsAndNonStrings() {
    assertThatThrownBy(
            () ->
                evaluator.evaluateTimestamp(
                    "Timestamp", json("\"{% '2024-03-14t01:59:00z' %}\""), input("{}")))
        .isInstanceOf(StatesError.class)
        .extracting(Fixtures::cause)
        .isEqualTo(
            "The JSONata expression ''2024-03-14t01:59:00z'' specified for the field 'Timestamp'"
                + " returned \"2024-03-14t01:59:00z\", but it must be an RFC 3339 timestamp with an"
                + " uppercase T and Z, such as 2024-08-18T17:33:00Z.");
    assertThatThrownBy(
            () ->
                evaluator.evaluateTimestamp("Timestamp", json("\"{% 1710381540 %}\""), input("{}")))
        .isInstanceOf(StatesError.class)
        .hasMessageContaining("returned 1710381540");
    assertThatThrownBy(
            () ->
                evaluator.evaluateTimestamp(
                    "Timestamp", json("\"2024-13-14T01:59:00Z\""), input("{}")))
        .isInstanceOf(StatesError.class)
        .hasMessageContaining("The field 'Timestamp' is \"2024-13-14T01:59:00Z\"");
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" ("Items": [1, "{% $two %}", 3])
  @Test
  void itemsAsAnArrayWithAnExpressionInside() {
    assertThat(
            evaluator.evaluateItems(
                "Items", json("[1, \"{% $two %}\", 3]"), Fixtures.variables(Map.of("two", "2"))))
        .isEqualTo(json("[1, 2, 3]"));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (Items: an array or object)
  @Test
  void itemsExpressionMustEvaluateToAnArrayOrAnObject() {
    assertThat(
            evaluator.evaluateItems("Items", json("\"{% $states.input %}\""), input("{\"a\": 1}")))
        .isEqualTo(json("{\"a\": 1}"));
    assertThatThrownBy(
            () ->
                evaluator.evaluateItems(
                    "Items", json("\"{% $states.input.a %}\""), input("{\"a\": 1}")))
        .isInstanceOf(StatesError.class)
        .hasMessageContaining("returned 1, but it must be an array or an object.");
  }
}
