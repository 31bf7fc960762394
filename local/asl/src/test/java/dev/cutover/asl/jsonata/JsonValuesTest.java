package dev.cutover.asl.jsonata;

import static dev.cutover.asl.jsonata.Fixtures.evaluator;
import static dev.cutover.asl.jsonata.Fixtures.input;
import static dev.cutover.asl.jsonata.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JSON values in and out of JSONata: numbers keep their kind, null stays apart from undefined. */
class JsonValuesTest {

  private final JsonataEvaluator evaluator = evaluator();

  // AWS doc: "Transforming data with JSONata in Step Functions" (Example: Input and Output, items:
  // 7)
  @Test
  void integersStayIntegers() {
    JsonNode result =
        evaluator.evaluateExpression(
            "{'items': $states.input.order.items, 'half': 6 / 2, 'times': 2 * 1.5,"
                + " 'sum': $sum([1.5, 1.5]), 'parsed': $number('1e3')}",
            input("{\"order\": {\"items\": 7}}"));

    assertThat(result)
        .isEqualTo(json("{\"items\": 7, \"half\": 3, \"times\": 3, \"sum\": 3, \"parsed\": 1000}"));
    result.forEach(number -> assertThat(number).isInstanceOf(IntNode.class));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (Example: Input and Output, 27.91)
  @Test
  void fractionsStayFractions() {
    assertThat(evaluator.evaluateExpression("$states.input.total", input("{\"total\": 27.91}")))
        .isEqualTo(json("27.91"));
    assertThat(evaluator.evaluateExpression("0.1 + 0.2", input("{}")))
        .isEqualTo(json("0.30000000000000004"));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (state input passed through)
  @Test
  void largeIntegersPassThroughExactly() {
    JsonNode result =
        evaluator.evaluateExpression(
            "$states.input",
            input("{\"id\": 9007199254740993, \"huge\": 123456789012345678901234}"));

    assertThat(result)
        .isEqualTo(json("{\"id\": 9007199254740993, \"huge\": 123456789012345678901234}"));
    assertThat(result.get("id")).isInstanceOf(LongNode.class);
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (state input passed through)
  @Test
  void decimalsReadAsBigDecimalKeepTheirPrecision() throws Exception {
    JsonNode precise =
        new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .readTree("{\"amount\": 12345678901234567890.12}");
    JsonataBindings bindings = JsonataBindings.of(precise, json("{}"), Map.of());

    assertThat(evaluator.evaluateExpression("$states.input.amount", bindings))
        .isEqualTo(DecimalNode.valueOf(new BigDecimal("12345678901234567890.12")));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (whole numbers as JSON prints them)
  @Test
  void wholeDoublesBecomeIntegersLikeJavaScriptPrintsThem() {
    assertThat(evaluator.evaluateExpression("$power(10, 20)", input("{}")))
        .isEqualTo(json("100000000000000000000"));
    assertThat(evaluator.evaluateExpression("$power(2, 64)", input("{}")))
        .isEqualTo(json("18446744073709552000"));
    assertThat(evaluator.evaluateExpression("$power(10, 21)", input("{}")))
        .isEqualTo(json("1.0E21"));
  }

  // AWS doc: "Choice workflow state" (null checks on values)
  @Test
  void jsonNullInTheInputIsAValue() {
    JsonataBindings bindings = input("{\"a\": null, \"list\": [1, null]}");

    assertThat(evaluator.evaluateExpression("$states.input.a", bindings)).isEqualTo(json("null"));
    assertThat(evaluator.evaluateExpression("$states.input.a = null", bindings))
        .isEqualTo(json("true"));
    assertThat(evaluator.evaluateExpression("$states.input.list", bindings))
        .isEqualTo(json("[1, null]"));
    assertThat(evaluator.evaluateExpression("$states.input", bindings))
        .isEqualTo(json("{\"a\": null, \"list\": [1, null]}"));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (undefined is not representable)
  @Test
  void undefinedInsideAConstructedObjectDropsTheKey() {
    assertThat(evaluator.evaluateExpression("{'a': $states.input.nope, 'b': null}", input("{}")))
        .isEqualTo(json("{\"b\": null}"));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (strings, booleans, arrays)
  @Test
  void everyJsonTypeRoundTrips() {
    String document =
        "{\"s\": \"é\\\"\", \"t\": true, \"f\": false, \"n\": -0.5, \"a\": [[], {}], \"o\": {}}";

    assertThat(evaluator.evaluateExpression("$states.input", input(document)))
        .isEqualTo(json(document));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (singleton sequences)
  @Test
  void aPathOverOneElementYieldsTheElementAndBracketsKeepTheArray() {
    JsonataBindings bindings = input("{\"items\": [{\"id\": \"a\"}]}");

    assertThat(evaluator.evaluateExpression("$states.input.items.id", bindings))
        .isEqualTo(json("\"a\""));
    assertThat(evaluator.evaluateExpression("[$states.input.items.id]", bindings))
        .isEqualTo(json("[\"a\"]"));
    assertThat(evaluator.evaluateExpression("$states.input.items", bindings))
        .isEqualTo(json("[{\"id\": \"a\"}]"));
  }
}
