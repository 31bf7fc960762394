package dev.cutover.asl.jsonata;

import static dev.cutover.asl.jsonata.Fixtures.evaluator;
import static dev.cutover.asl.jsonata.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.cutover.asl.StatesError;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reserved $states variable and workflow variables. */
class StatesAndVariablesTest {

  private final JsonataEvaluator evaluator = evaluator();

  private final JsonataBindings taskBindings =
      JsonataBindings.of(
          json("{\"order\": {\"product\": \"book\"}}"),
          json(
              """
              {"Execution": {"Id": "arn:exec", "Input": {"product": "lamp"},
                             "StartTime": "2024-08-18T17:33:00Z"},
               "State": {"Name": "Get Current Price"}}\
              """),
          Map.of());

  // AWS doc: "Task workflow state" (Invoke a function with JSONata Arguments)
  @Test
  void argumentsReadTheContextObject() {
    JsonNode arguments =
        json(
            """
            {"Payload": {"product": "{% $states.context.Execution.Input.product %}"},
             "FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:priceWatcher:$LATEST"}\
            """);

    assertThat(evaluator.evaluateTemplate("Arguments", arguments, taskBindings))
        .isEqualTo(
            json(
                """
                {"Payload": {"product": "lamp"},
                 "FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:priceWatcher:$LATEST"}\
                """));
  }

  // AWS doc: "Passing data between states with variables" (Task with JSONata assignment from
  // result)
  @Test
  void assignReadsTheInputAndTheTaskResult() {
    JsonataBindings afterTask =
        taskBindings.withResult(json("{\"Payload\": {\"current_price\": 42.5}}"));
    JsonNode assign =
        json(
            """
            {"product": "{% $states.input.order.product %}",
             "currentPrice": "{% $states.result.Payload.current_price %}"}\
            """);

    assertThat(evaluator.evaluateTemplate("Assign", assign, afterTask))
        .isEqualTo(json("{\"product\": \"book\", \"currentPrice\": 42.5}"));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (Reserved variable : $states)
  @Test
  void resultIsAbsentUntilTheCallerProvidesIt() {
    assertThatThrownBy(
            () ->
                evaluator.evaluateTemplate(
                    "Output", json("\"{% $states.result %}\""), taskBindings))
        .isInstanceOf(StatesError.class)
        .hasFieldOrPropertyWithValue("error", StatesError.QUERY_EVALUATION_ERROR)
        .extracting(Fixtures::cause)
        .isEqualTo(
            "The JSONata expression '$states.result' specified for the field 'Output' returned"
                + " nothing (undefined).");
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" ($states.errorOutput in a Catch)
  @Test
  void errorOutputIsVisibleInACatch() {
    JsonataBindings inCatch =
        taskBindings.withErrorOutput(
            json("{\"Error\": \"States.Timeout\", \"Cause\": \"took too long\"}"));
    JsonNode output =
        json(
            "{\"failed\": \"{% $states.errorOutput.Error %}\", \"input\": \"{% $states.input"
                + " %}\"}");

    assertThat(evaluator.evaluateTemplate("Output", output, inCatch))
        .isEqualTo(
            json(
                "{\"failed\": \"States.Timeout\", \"input\": {\"order\": {\"product\":"
                    + " \"book\"}}}"));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (Reserved variable : $states)
  @Test
  void statesHoldsOnlyTheMembersTheFieldAllows() {
    JsonNode keys = evaluator.evaluateExpression("$keys($states)", taskBindings);
    JsonNode keysInCatch =
        evaluator.evaluateExpression(
            "$keys($states)", taskBindings.withErrorOutput(json("{\"Error\": \"E\"}")));

    assertThat(keys).isEqualTo(json("[\"input\", \"context\"]"));
    assertThat(keysInCatch).isEqualTo(json("[\"input\", \"errorOutput\", \"context\"]"));
  }

  // AWS doc: "Passing data between states with variables" (Evaluation order in an assign field)
  @Test
  void assignEvaluatesEveryExpressionWithTheValuesFromStateEntry() {
    JsonataBindings entry = Fixtures.variables(Map.of("x", "3", "a", "6"));
    JsonNode assign = json("{\"x\": \"{% $a %}\", \"nextX\": \"{% $x %}\"}");

    assertThat(evaluator.evaluateTemplate("Assign", assign, entry))
        .isEqualTo(json("{\"x\": 6, \"nextX\": 3}"));
  }

  // AWS doc: "Passing data between states with variables" (fails when $x was never assigned)
  @Test
  void anUnassignedVariableIsUndefinedAndFails() {
    JsonataBindings entry = Fixtures.variables(Map.of("a", "6"));
    JsonNode assign = json("{\"x\": \"{% $a %}\", \"nextX\": \"{% $x %}\"}");

    assertThatThrownBy(() -> evaluator.evaluateTemplate("Assign", assign, entry))
        .isInstanceOf(StatesError.class)
        .hasMessage(
            "States.QueryEvaluationError: The JSONata expression '$x' specified for the field"
                + " 'Assign/nextX' returned nothing (undefined).");
  }

  // AWS doc: "Passing data between states with variables" (Assign field in ASL)
  @Test
  void literalAssignValuesKeepTheirTypes() {
    JsonNode assign = json("{\"productName\": \"product1\", \"count\": 42, \"available\": true}");

    assertThat(evaluator.evaluateTemplate("Assign", assign, Fixtures.input("{}")))
        .isEqualTo(assign);
  }

  // AWS doc: "Passing data between states with variables" (reference with $productName)
  @Test
  void variablesAreReferencedByNameAndNavigable() {
    JsonataBindings bindings =
        Fixtures.variables(Map.of("order", "{\"numItems\": 3, \"lines\": [{\"sku\": \"a\"}]}"));

    assertThat(evaluator.evaluateExpression("$order.numItems", bindings))
        .isEqualTo(IntNode.valueOf(3));
    assertThat(evaluator.evaluateExpression("$order.lines[0].sku", bindings))
        .isEqualTo(json("\"a\""));
  }

  // AWS doc: "Choice workflow state" ($possiblyNullValue != null)
  @Test
  void aVariableHoldingJsonNullIsAValueNotUndefined() {
    JsonataBindings bindings =
        JsonataBindings.of(json("{}"), json("{}"), Map.of("maybe", NullNode.getInstance()));

    assertThat(evaluator.evaluateExpression("$maybe", bindings)).isEqualTo(NullNode.getInstance());
    assertThat(evaluator.evaluateExpression("$exists($maybe)", bindings)).isEqualTo(json("true"));
    assertThat(evaluator.evaluateExpression("$type($maybe)", bindings)).isEqualTo(json("\"null\""));
    assertThat(evaluator.evaluateExpression("$exists($nothing)", bindings))
        .isEqualTo(json("false"));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (single reserved variable)
  @Test
  void statesCannotBeAVariableName() {
    assertThatThrownBy(
            () -> JsonataBindings.of(json("{}"), json("{}"), Map.of("states", json("1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reserved");
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" ($states.input is the original
  // input)
  @Test
  void theStateInputIsTheSameInEveryField() {
    JsonNode output = json("{\"a\": \"{% $states.input.n %}\", \"b\": \"{% $states.input.n %}\"}");

    assertThat(evaluator.evaluateTemplate(output, Fixtures.input("{\"n\": 1}")))
        .isEqualTo(json("{\"a\": 1, \"b\": 1}"));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (JSONata syntax)
  @Test
  void thereIsNoContextValueAtTheTopLevel() {
    assertThatThrownBy(() -> evaluator.evaluateExpression("$", Fixtures.input("{\"n\": 1}")))
        .isInstanceOf(StatesError.class)
        .hasMessageContaining("returned nothing (undefined)");
  }
}
