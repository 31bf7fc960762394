package dev.cutover.asl.jsonpath;

import static dev.cutover.asl.jsonpath.TestJson.json;
import static dev.cutover.asl.jsonpath.TestJson.statesError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.asl.StatesError;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Parameters, ResultSelector, ItemSelector and Assign templates, with the examples of the AWS Step
 * Functions developer guide named on each test.
 */
class PayloadTemplateTest {

  private static final Intrinsics INTRINSICS = new Intrinsics(new Random(42));

  private static JsonNode apply(String template, JsonPathContext ctx) {
    return PayloadTemplate.apply(json(template), ctx, INTRINSICS);
  }

  private static JsonNode apply(String template, String input) {
    return apply(template, JsonPathContext.of(json(input)));
  }

  @Test
  void parameters_select_from_the_input_and_copy_static_values() {
    // AWS: Manipulate parameters in Step Functions workflows — Parameters
    String input =
        """
        {
          "comment": "Example for Parameters.",
          "product": {
            "details": { "color": "blue", "size": "small", "material": "cotton" },
            "availability": "in stock",
            "sku": "2317",
            "cost": "$23"
          }
        }
        """;
    String parameters =
        """
        {
          "comment": "Selecting what I care about.",
          "MyDetails": {
            "size.$": "$.product.details.size",
            "exists.$": "$.product.availability",
            "StaticValue": "foo"
          }
        }
        """;
    assertThat(apply(parameters, input))
        .isEqualTo(
            json(
                """
                {
                  "comment": "Selecting what I care about.",
                  "MyDetails": { "size": "small", "exists": "in stock", "StaticValue": "foo" }
                }
                """));
  }

  @Test
  void result_selector_picks_fields_of_the_result() {
    // AWS: Manipulate parameters in Step Functions workflows — ResultSelector (EMR createCluster)
    String result =
        """
        {
          "resourceType": "elasticmapreduce",
          "resource": "createCluster.sync",
          "output": {
            "SdkHttpMetadata": {
              "HttpHeaders": {
                "Content-Length": "1112",
                "Content-Type": "application/x-amz-JSON-1.1",
                "Date": "Mon, 25 Nov 2019 19:41:29 GMT",
                "x-amzn-RequestId": "1234-5678-9012"
              },
              "HttpStatusCode": 200
            },
            "SdkResponseMetadata": { "RequestId": "1234-5678-9012" },
            "ClusterId": "AKIAIOSFODNN7EXAMPLE"
          }
        }
        """;
    String selector =
        "{ \"ClusterId.$\": \"$.output.ClusterId\", \"ResourceType.$\": \"$.resourceType\" }";
    assertThat(apply(selector, result))
        .isEqualTo(
            json(
                "{ \"ClusterId\": \"AKIAIOSFODNN7EXAMPLE\", \"ResourceType\": \"elasticmapreduce\""
                    + " }"));
  }

  @Test
  void result_selector_flattens_an_array_of_arrays() {
    // AWS: Manipulate parameters in Step Functions workflows — "Flattening an array of arrays"
    assertThat(apply("{ \"flattenArray.$\": \"$[*][*]\" }", "[[1, 2, 3], [4, 5, 6], [7, 8, 9]]"))
        .isEqualTo(json("{ \"flattenArray\": [1, 2, 3, 4, 5, 6, 7, 8, 9] }"));
  }

  @Test
  void a_nested_field_takes_the_execution_id_from_the_context_object() {
    // AWS: Accessing execution data from the Context object — the SQS sendMessage example
    String parameters =
        """
        {
          "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/flight-purchase",
          "MessageBody": { "From": "YVR", "To": "SEA", "Execution.$": "$$.Execution.Id" }
        }
        """;
    String executionId =
        "arn:aws:states:us-east-1:123456789012:execution:stateMachineName:executionName";
    JsonPathContext ctx =
        new JsonPathContext(
            json("{}"), json("{\"Execution\": {\"Id\": \"" + executionId + "\"}}"), Map.of());
    assertThat(apply(parameters, ctx))
        .isEqualTo(
            json(
                """
                {
                  "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/flight-purchase",
                  "MessageBody": { "From": "YVR", "To": "SEA", "Execution": "%s" }
                }
                """
                    .formatted(executionId)));
  }

  @Test
  void an_item_selector_reads_the_map_item_from_the_context_object() {
    // AWS: Accessing execution data from the Context object — Context object data for Map states
    String selector =
        "{ \"ContextIndex.$\": \"$$.Map.Item.Index\", \"ContextValue.$\": \"$$.Map.Item.Value\" }";
    JsonPathContext ctx =
        new JsonPathContext(
            json("[{\"who\": \"bob\"}, {\"who\": \"meg\"}]"),
            json("{\"Map\": {\"Item\": {\"Index\": 1, \"Value\": {\"who\": \"meg\"}}}}"),
            Map.of());
    assertThat(apply(selector, ctx))
        .isEqualTo(json("{ \"ContextValue\": { \"who\": \"meg\" }, \"ContextIndex\": 1 }"));
  }

  @Test
  void the_specification_example_mixes_paths_slices_context_and_an_intrinsic() {
    // Amazon States Language specification — Payload Template
    String parameters =
        """
        {
          "flagged": true,
          "parts": { "first.$": "$.vals[0]", "last3.$": "$.vals[-3:]" },
          "weekday.$": "$$.DayOfWeek",
          "formattedOutput.$": "States.Format('Today is {}', $$.DayOfWeek)"
        }
        """;
    JsonPathContext ctx =
        new JsonPathContext(
            json("{ \"flagged\": 7, \"vals\": [0, 10, 20, 30, 40, 50] }"),
            json("{ \"DayOfWeek\": \"TUESDAY\" }"),
            Map.of());
    assertThat(apply(parameters, ctx))
        .isEqualTo(
            json(
                """
                {
                  "flagged": true,
                  "parts": { "first": 0, "last3": [30, 40, 50] },
                  "weekday": "TUESDAY",
                  "formattedOutput": "Today is TUESDAY"
                }
                """));
  }

  @Test
  void a_variable_is_read_only_by_a_dollar_field() {
    // AWS: Transforming data with JSONata in Step Functions — the JSONPath sample converted to
    // JSONata ("name.$": "$customerName", "not-evaluated": "$customerName")
    String parameters =
        """
        {
          "static": "Hello",
          "title.$": "$.title",
          "name.$": "$customerName",
          "not-evaluated": "$customerName"
        }
        """;
    JsonPathContext ctx =
        new JsonPathContext(
            json("{ \"title\" : \"Doctor\" }"),
            json("{}"),
            Map.of("customerName", json("\"María\"")));
    assertThat(apply(parameters, ctx))
        .isEqualTo(
            json(
                """
                {
                  "static": "Hello",
                  "title": "Doctor",
                  "name": "María",
                  "not-evaluated": "$customerName"
                }
                """));
  }

  @Test
  void assign_in_a_jsonpath_state_takes_literals_and_paths() {
    // AWS: Passing data between states with variables — Assign, and "Using variables in JSONPath
    // states" ("products.$": "$.order..product")
    String assign =
        """
        {
          "productName": "product1",
          "count": 42,
          "available": true,
          "products.$": "$.order..product",
          "orderTotal.$": "$.order.total"
        }
        """;
    String result =
        "{\"order\": {\"lines\": [{\"product\": \"p1\"}, {\"product\": \"p2\"}], \"total\": 30}}";
    assertThat(apply(assign, result))
        .isEqualTo(
            json(
                """
                {
                  "productName": "product1",
                  "count": 42,
                  "available": true,
                  "products": ["p1", "p2"],
                  "orderTotal": 30
                }
                """));
  }

  @Test
  void dollar_fields_inside_arrays_are_evaluated_and_other_strings_are_not() {
    // Amazon States Language specification — Payload Template ("If any field within the Payload
    // Template (however deeply nested) has a name ending with the characters .$")
    String template =
        "{ \"list\": [ { \"id.$\": \"$.id\" }, \"$.id\", [ { \"n.$\": \"$.n\" } ] ] }";
    assertThat(apply(template, "{\"id\": \"a1\", \"n\": 3}"))
        .isEqualTo(json("{ \"list\": [ { \"id\": \"a1\" }, \"$.id\", [ { \"n\": 3 } ] ] }"));
  }

  @Test
  void an_intrinsic_value_is_evaluated() {
    // AWS: Intrinsic functions for JSONPath states ("KeyId.$": "States.Array($.Id)")
    assertThat(apply("{ \"KeyId.$\": \"States.Array($.Id)\" }", "{ \"Id\": 123456 }"))
        .isEqualTo(json("{ \"KeyId\": [123456] }"));
  }

  @Test
  void a_dollar_field_that_selects_nothing_fails_with_states_runtime() {
    // AWS: Manipulate parameters in Step Functions workflows (a ".$" path must select a node; AWS
    // fails the state with States.Runtime)
    StatesError error =
        statesError(() -> apply("{ \"missing.$\": \"$.nope.deep\" }", "{\"other\": 1}"));
    assertThat(error.error()).isEqualTo(StatesError.RUNTIME);
    assertThat(error.cause())
        .isEqualTo(
            "The JSONPath '$.nope.deep' specified for the field 'missing.$' could not be found in"
                + " the input '{\"other\":1}'");
  }

  @Test
  void a_failing_intrinsic_fails_with_states_intrinsic_failure() {
    // AWS: Intrinsic functions for JSONPath states — States.ArrayGetItem out of bounds
    StatesError error =
        statesError(() -> apply("{ \"x.$\": \"States.ArrayGetItem($.a, 3)\" }", "{\"a\": [1]}"));
    assertThat(error.error()).isEqualTo(StatesError.INTRINSIC_FAILURE);
  }

  @Test
  void a_dollar_field_needs_a_string_and_renamed_fields_must_not_collide() {
    // Amazon States Language specification — Payload Template ("A JSON object MUST NOT have
    // duplicate field names after fields ending with the characters .$ are renamed")
    assertThat(statesError(() -> apply("{ \"x.$\": 5 }", "{}")).error())
        .isEqualTo(StatesError.RUNTIME);
    assertThat(statesError(() -> apply("{ \"x\": 1, \"x.$\": \"$.a\" }", "{\"a\": 2}")).cause())
        .contains("'x' appears twice");
  }

  @Test
  void the_template_and_the_input_are_left_unchanged() {
    // Amazon States Language specification — Payload Template ("the result of that processing is
    // called the payload")
    JsonNode template = json("{ \"a.$\": \"$.obj\", \"b\": { \"c\": [1] } }");
    JsonNode input = json("{ \"obj\": { \"k\": 1 } }");
    JsonNode before = template.deepCopy();
    JsonNode payload = PayloadTemplate.apply(template, JsonPathContext.of(input), INTRINSICS);
    ((ObjectNode) payload.get("b")).put("c", 2);
    assertThat(template).isEqualTo(before);
    assertThat(input).isEqualTo(json("{ \"obj\": { \"k\": 1 } }"));
  }
}
