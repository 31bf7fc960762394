package dev.cutover.asl.jsonata;

import static dev.cutover.asl.jsonata.Fixtures.evaluator;
import static dev.cutover.asl.jsonata.Fixtures.input;
import static dev.cutover.asl.jsonata.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Arguments, Output and Assign templates: which strings are expressions and which are literal. */
class JsonataTemplateTest {

  private final JsonataEvaluator evaluator = evaluator();

  // AWS doc: "Transforming data with JSONata in Step Functions" (converting JSONPath to JSONata)
  @Test
  void argumentsMixStaticValuesInputFieldsVariablesAndLiteralDollarStrings() {
    JsonataBindings bindings =
        JsonataBindings.of(
            json("{ \"title\" : \"Doctor\" }"),
            json("{}"),
            Map.of("customerName", TextNode.valueOf("María")));
    JsonNode arguments =
        json(
            """
            {
              "static": "Hello",
              "title": "{% $states.input.title %}",
              "name": "{% $customerName %}",
              "not-evaluated": "$customerName"
            }\
            """);

    assertThat(evaluator.evaluateTemplate("Arguments", arguments, bindings))
        .isEqualTo(
            json(
                """
                {"static": "Hello", "title": "Doctor", "name": "María",
                 "not-evaluated": "$customerName"}\
                """));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (Example: Input and Output)
  @Test
  void outputBuildsAnObjectFromTheStateInput() {
    JsonataBindings bindings =
        input(
            """
            {"customer": {"firstName": "Martha", "lastName": "Rivera"},
             "order": {"items": 7, "total": 27.91}}\
            """);
    JsonNode output =
        json(
            """
            {"lastName": "{% 'Last=>' & $states.input.customer.lastName %}",
             "orderValue": "{% $states.input.order.total %}"}\
            """);

    assertThat(evaluator.evaluateTemplate("Output", output, bindings))
        .isEqualTo(json("{\"lastName\": \"Last=>Rivera\", \"orderValue\": 27.91}"));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (Example: Filtering with JSONata)
  @Test
  void outputFiltersAnArrayWithAPathPredicate() {
    JsonataBindings bindings =
        input(
            """
            {"products": [
              {"calories": 140, "flavour": "Cola", "name": "Product-1"},
              {"calories": 0, "flavour": "Cola", "name": "Product-2"},
              {"calories": 160, "flavour": "Orange", "name": "Product-3"},
              {"calories": 100, "flavour": "Orange", "name": "Product-4"},
              {"calories": 0, "flavour": "Lime", "name": "Product-5"}]}\
            """);
    JsonNode output = json("{\"dietProducts\": \"{% $states.input.products[calories=0] %}\"}");

    assertThat(evaluator.evaluateTemplate("Output", output, bindings))
        .isEqualTo(
            json(
                """
                {"dietProducts": [
                  {"calories": 0, "flavour": "Cola", "name": "Product-2"},
                  {"calories": 0, "flavour": "Lime", "name": "Product-5"}]}\
                """));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (Writing JSONata expressions)
  @Test
  void expressionsInsideArraysAndNestedObjectsAreEvaluatedAtAnyDepth() {
    JsonNode template =
        json(
            """
            {"Items": [1, "{% $two %}", 3],
             "deep": {"list": [{"x": "{% $two * 10 %}"}], "flag": true}}\
            """);

    JsonNode result = evaluator.evaluateTemplate(template, Fixtures.variables(Map.of("two", "2")));

    assertThat(result)
        .isEqualTo(
            json("{\"Items\": [1, 2, 3], \"deep\": {\"list\": [{\"x\": 20}], \"flag\": true}}"));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (Arguments and Output Fields)
  @Test
  void outputCanBeAWholeExpressionReturningAnyJsonValue() {
    JsonataBindings bindings = input("{\"a\": [1, {\"b\": null}]}");

    assertThat(evaluator.evaluateTemplate(json("\"{% $states.input.a %}\""), bindings))
        .isEqualTo(json("[1, {\"b\": null}]"));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" ("Output":true, "Output":42)
  @Test
  void outputAcceptsLiteralJsonValuesUnchanged() {
    JsonataBindings bindings = input("{}");

    assertThat(evaluator.evaluateTemplate(json("true"), bindings)).isEqualTo(json("true"));
    assertThat(evaluator.evaluateTemplate(json("42"), bindings)).isEqualTo(json("42"));
    assertThat(evaluator.evaluateTemplate(json("null"), bindings)).isEqualTo(json("null"));
    assertThat(evaluator.evaluateTemplate(json("\"plain text\""), bindings))
        .isEqualTo(json("\"plain text\""));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (Writing JSONata expressions)
  @Test
  void aStringWithAnExpressionInItsMiddleIsLiteral() {
    JsonNode template = json("{\"msg\": \"Total: {% $states.input.total %} EUR\"}");

    assertThat(evaluator.evaluateTemplate(template, input("{\"total\": 3}"))).isEqualTo(template);
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (no leading spaces)
  @Test
  void aLeadingSpaceBeforeTheDelimiterIsADefinitionError() {
    JsonNode template = json("{\"v\": \" {% $states.input %}\"}");

    assertThatThrownBy(() -> evaluator.evaluateTemplate(template, input("{}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("' {% $states.input %}' opens or closes a JSONata expression");
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (no trailing spaces)
  @Test
  void aTrailingSpaceAfterTheDelimiterIsADefinitionError() {
    assertThatThrownBy(() -> evaluator.validate(json("[\"{% 1 %} \"]")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("improperly");
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (improperly closing)
  @Test
  void anUnclosedExpressionIsADefinitionError() {
    assertThatThrownBy(() -> evaluator.validate(json("{\"a\": {\"b\": \"{% $x\"}}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'{% $x'");
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (validation at creation)
  @Test
  void validateRejectsAnExpressionThatDoesNotParse() {
    assertThatThrownBy(() -> evaluator.validate(json("{\"a\": \"{% (1 + %}\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'(1 +' is not a valid JSONata expression. S0203: Expected \")\" before end of"
                + " expression");
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (Writing JSONata expressions)
  @Test
  void validateAcceptsAWellFormedDefinitionWithoutEvaluatingIt() {
    evaluator.validate(json("{\"a\": \"{% $states.result.Payload %}\", \"b\": [\"100%\", 42]}"));

    assertThat(evaluator.compilations()).isEqualTo(1);
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (string values are evaluated)
  @Test
  void objectKeysAreNeverEvaluated() {
    JsonNode template = json("{\"{% $k %}\": \"{% $k %}\"}");

    assertThat(evaluator.evaluateTemplate(template, Fixtures.variables(Map.of("k", "\"v\""))))
        .isEqualTo(json("{\"{% $k %}\": \"v\"}"));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (Writing JSONata expressions)
  @Test
  void evaluatingATemplateLeavesTheDefinitionUntouched() {
    JsonNode template = json("{\"a\": [\"{% 1 + 1 %}\"]}");

    evaluator.evaluateTemplate(template, input("{}"));

    assertThat(template).isEqualTo(json("{\"a\": [\"{% 1 + 1 %}\"]}"));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (Writing JSONata expressions)
  @Test
  void whitespaceInsideTheDelimitersIsAllowed() {
    assertThat(evaluator.evaluateTemplate(json("\"{%1+2%}\""), input("{}"))).isEqualTo(json("3"));
    assertThat(evaluator.evaluateTemplate(json("\"{%\\n  1 + 2\\n%}\""), input("{}")))
        .isEqualTo(json("3"));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (JSONata 2.0.6 block expressions)
  @Test
  void blocksOfExpressionsWithLocalBindingsReturnTheLastValue() {
    JsonNode template = json("\"{% ($a := $states.input.n; $b := $a * 2; $a & '-' & $b) %}\"");

    assertThat(evaluator.evaluateTemplate(template, input("{\"n\": 4}")))
        .isEqualTo(json("\"4-8\""));
  }
}
