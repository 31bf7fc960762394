package dev.cutover.asl.jsonata;

import static dev.cutover.asl.jsonata.Fixtures.evaluator;
import static dev.cutover.asl.jsonata.Fixtures.input;
import static dev.cutover.asl.jsonata.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.asl.StatesError;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The failures the guide lists under "Handling expression errors", and their causes. */
class QueryEvaluationErrorTest {

  private final JsonataEvaluator evaluator = evaluator();

  // AWS doc: "Transforming data with JSONata in Step Functions" (Type error: $x + $y)
  @Test
  void addingAStringFailsWithTheJsonataErrorCode() {
    JsonataBindings bindings = Fixtures.variables(Map.of("x", "1", "y", "\"two\""));

    assertThatThrownBy(
            () -> evaluator.evaluateTemplate("Output", json("\"{% $x + $y %}\""), bindings))
        .isInstanceOf(StatesError.class)
        .hasFieldOrPropertyWithValue("error", StatesError.QUERY_EVALUATION_ERROR)
        .extracting(Fixtures::cause)
        .isEqualTo(
            "The JSONata expression '$x + $y' specified for the field 'Output' threw an error"
                + " during evaluation. T2002: The right side of the \"+\" operator must"
                + " evaluate to a number");
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (Failure to return a result)
  @Test
  void aFieldThatDoesNotExistReturnsNothingAndFails() {
    JsonataBindings bindings = Fixtures.variables(Map.of("data", "{\"present\": 1}"));

    assertThatThrownBy(
            () ->
                evaluator.evaluateTemplate(
                    "Output", json("\"{% $data.thisFieldDoesNotExist %}\""), bindings))
        .isInstanceOf(StatesError.class)
        .hasMessage(
            "States.QueryEvaluationError: The JSONata expression '$data.thisFieldDoesNotExist'"
                + " specified for the field 'Output' returned nothing (undefined).");
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (Failure to return a result)
  @Test
  void aNestedUndefinedNamesItsPathInTheTemplate() {
    JsonNode output = json("{\"a\": [0, {\"b\": \"{% $states.input.missing %}\"}]}");

    assertThatThrownBy(() -> evaluator.evaluateTemplate("Output", output, input("{}")))
        .isInstanceOf(StatesError.class)
        .extracting(Fixtures::cause)
        .isEqualTo(
            "The JSONata expression '$states.input.missing' specified for the field"
                + " 'Output/a[1]/b' returned nothing (undefined).");
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (Failure to return a result)
  @Test
  void withoutAFieldTheCauseNamesOnlyTheExpression() {
    assertThatThrownBy(() -> evaluator.evaluateExpression("{% $nope %}", input("{}")))
        .isInstanceOf(StatesError.class)
        .extracting(Fixtures::cause)
        .isEqualTo("The JSONata expression '$nope' returned nothing (undefined).");
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (JSON cannot represent it)
  @Test
  void aFunctionResultIsNotJsonAndFails() {
    assertThatThrownBy(
            () -> evaluator.evaluateTemplate("Output", json("\"{% $sum %}\""), input("{}")))
        .isInstanceOf(StatesError.class)
        .extracting(Fixtures::cause)
        .isEqualTo(
            "The JSONata expression '$sum' specified for the field 'Output' returned a function,"
                + " which JSON cannot represent.");
    assertThatThrownBy(
            () -> evaluator.evaluateExpression("{'f': function($v) { $v }}", input("{}")))
        .isInstanceOf(StatesError.class)
        .hasMessageContaining("returned a function");
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (JSON can represent null)
  @Test
  void anExpressionReturningNullSucceeds() {
    assertThat(evaluator.evaluateTemplate(json("{\"v\": \"{% null %}\"}"), input("{}")))
        .isEqualTo(json("{\"v\": null}"));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (an expression might fail)
  @Test
  void aJsonataFunctionSignatureErrorIsAQueryEvaluationError() {
    assertThatThrownBy(() -> evaluator.evaluateExpression("$abs('x')", input("{}")))
        .isInstanceOf(StatesError.class)
        .hasFieldOrPropertyWithValue("error", StatesError.QUERY_EVALUATION_ERROR)
        .hasMessageContaining("threw an error during evaluation. T0410:");
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (an expression might fail)
  @Test
  void dividingByZeroOverflowsToAnError() {
    assertThatThrownBy(() -> evaluator.evaluateExpression("1/0", input("{}")))
        .isInstanceOf(StatesError.class)
        .hasMessageContaining("D1001");
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (an expression might fail)
  @Test
  void runawayRecursionFailsInsteadOfOverflowingTheStack() {
    String expression = "($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100000))";

    assertThatThrownBy(() -> evaluator.evaluateExpression(expression, input("{}")))
        .isInstanceOf(StatesError.class)
        .hasFieldOrPropertyWithValue("error", StatesError.QUERY_EVALUATION_ERROR)
        .hasMessageContaining("threw an error during evaluation");
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (errors can be caught and retried)
  @Test
  void anErrorRaisedInsideALambdaStillNamesTheExpression() {
    assertThatThrownBy(
            () ->
                evaluator.evaluateExpression(
                    "$sort([2, 1], function($a, $b) { $partition($a, 0) })", input("{}")))
        .isInstanceOf(StatesError.class)
        .hasMessageContaining(
            "threw an error during evaluation: $partition: argument 1 must be an array, got ");
  }
}
