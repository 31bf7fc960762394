package dev.cutover.asl.jsonpath;

import static dev.cutover.asl.jsonpath.TestJson.json;
import static dev.cutover.asl.jsonpath.TestJson.statesError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.asl.StatesError;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * InputPath, ResultPath and OutputPath, with the examples of the AWS Step Functions developer guide
 * pages "Processing input and output in Step Functions", "Manipulate parameters in Step Functions
 * workflows" (InputPath), "Specifying state output using ResultPath in Step Functions" and
 * "Example: Manipulating state data with paths in Step Functions workflows".
 */
class InputOutputTest {

  private static final String TASK_INPUT =
      """
      {
        "comment": "This is a test of the input and output of a Task state.",
        "details": "Default example",
        "who": "AWS Step Functions"
      }
      """;
  private static final JsonNode LAMBDA_RESULT = json("\"Hello, AWS Step Functions!\"");

  @Test
  void input_path_selects_part_of_the_input() {
    // AWS: Manipulate parameters in Step Functions workflows — InputPath ("$.dataset2")
    JsonNode input =
        json(
            """
            {
              "comment": "Example for InputPath.",
              "dataset1": { "val1": 1, "val2": 2, "val3": 3 },
              "dataset2": { "val1": "a", "val2": "b", "val3": "c" }
            }
            """);
    assertThat(InputOutput.applyInputPath(JsonPathContext.of(input), "$.dataset2"))
        .isEqualTo(json("{ \"val1\": \"a\", \"val2\": \"b\", \"val3\": \"c\" }"));
  }

  @Test
  void a_null_input_path_gives_an_empty_object() {
    // AWS: Processing input and output — InputPath ("If you use null, the input is discarded ...
    // and
    // the task receives JSON text representing an empty object {}")
    assertThat(InputOutput.applyInputPath(JsonPathContext.of(json(TASK_INPUT)), null))
        .isEqualTo(json("{}"));
  }

  @Test
  void an_input_path_may_read_the_context_object() {
    // AWS: Accessing execution data from the Context object ("JSONPath states can refer to context
    // ($$.) from: InputPath, OutputPath, ...")
    JsonPathContext ctx =
        new JsonPathContext(
            json("{}"), json("{\"Execution\": {\"Input\": {\"key\": \"value\"}}}"), Map.of());
    assertThat(InputOutput.applyInputPath(ctx, "$$.Execution.Input"))
        .isEqualTo(json("{\"key\": \"value\"}"));
  }

  @Test
  void an_input_path_that_selects_nothing_fails_with_states_runtime() {
    // AWS: Processing input and output (a path that matches nothing is an invalid path)
    StatesError error =
        statesError(() -> InputOutput.applyInputPath(JsonPathContext.of(json(TASK_INPUT)), "$.x"));
    assertThat(error.error()).isEqualTo(StatesError.RUNTIME);
    assertThat(error.cause()).isEqualTo("Invalid path '$.x' : No results for path: $['x']");
  }

  @Test
  void result_path_dollar_replaces_the_input_with_the_result() {
    // AWS: Specifying state output using ResultPath — "Use ResultPath to replace the input with the
    // result"
    assertThat(InputOutput.applyResultPath(json(TASK_INPUT), LAMBDA_RESULT, "$"))
        .isEqualTo(LAMBDA_RESULT);
  }

  @Test
  void result_path_adds_the_result_to_the_input() {
    // AWS: Specifying state output using ResultPath — "Use ResultPath to include the result with
    // the
    // input" ("$.taskresult")
    assertThat(InputOutput.applyResultPath(json(TASK_INPUT), LAMBDA_RESULT, "$.taskresult"))
        .isEqualTo(
            json(
                """
                {
                  "comment": "This is a test of the input and output of a Task state.",
                  "details": "Default example",
                  "who": "AWS Step Functions",
                  "taskresult": "Hello, AWS Step Functions!"
                }
                """));
  }

  @Test
  void result_path_inserts_the_result_as_a_child_node() {
    // AWS: Specifying state output using ResultPath — "$.strings.lambdaresult"
    JsonNode input =
        json(
            """
            {
              "comment": "An input comment.",
              "strings": { "string1": "foo", "string2": "bar", "string3": "baz" },
              "who": "AWS Step Functions"
            }
            """);
    assertThat(InputOutput.applyResultPath(input, LAMBDA_RESULT, "$.strings.lambdaresult"))
        .isEqualTo(
            json(
                """
                {
                  "comment": "An input comment.",
                  "strings": {
                    "string1": "foo",
                    "string2": "bar",
                    "string3": "baz",
                    "lambdaresult": "Hello, AWS Step Functions!"
                  },
                  "who": "AWS Step Functions"
                }
                """));
  }

  @Test
  void result_path_overwrites_an_existing_node() {
    // AWS: Specifying state output using ResultPath — "Use ResultPath to update a node in the input
    // with the result" ("$.comment")
    assertThat(InputOutput.applyResultPath(json(TASK_INPUT), LAMBDA_RESULT, "$.comment"))
        .isEqualTo(
            json(
                """
                {
                  "comment": "Hello, AWS Step Functions!",
                  "details": "Default example",
                  "who": "AWS Step Functions"
                }
                """));
  }

  @Test
  void result_path_in_a_catcher_keeps_the_input_with_the_error() {
    // AWS: Specifying state output using ResultPath — "Use ResultPath to include both error and
    // input in a Catch" ("$.error")
    assertThat(
            InputOutput.applyResultPath(
                json("{\"foo\": \"bar\"}"), json("{\"Error\": \"Error here\"}"), "$.error"))
        .isEqualTo(json("{ \"foo\": \"bar\", \"error\": { \"Error\": \"Error here\" } }"));
  }

  @Test
  void a_null_result_path_discards_the_result() {
    // AWS: Processing input and output — ResultPath ("If the ResultPath is null, the results of
    // executing the state are discarded and the input is untouched")
    JsonNode input = json(TASK_INPUT);
    assertThat(InputOutput.applyResultPath(input, LAMBDA_RESULT, null)).isEqualTo(input);
  }

  @Test
  void result_path_creates_the_intervening_objects() {
    // Amazon States Language specification — Input and Output Processing ("$.master.detail" is
    // overwritten; "$.master.result.sum" creates "result" and "sum"; "$.b.greeting")
    JsonNode input = json("{ \"master\": { \"detail\": [1, 2, 3] } }");
    assertThat(InputOutput.applyResultPath(input, json("6"), "$.master.detail"))
        .isEqualTo(json("{ \"master\": { \"detail\": 6 } }"));
    assertThat(InputOutput.applyResultPath(input, json("6"), "$.master.result.sum"))
        .isEqualTo(json("{ \"master\": { \"detail\": [1, 2, 3], \"result\": { \"sum\": 6 } } }"));
    assertThat(InputOutput.applyResultPath(json("{ \"a\": 1 }"), json("\"Hi!\""), "$.b.greeting"))
        .isEqualTo(json("{ \"a\": 1, \"b\": { \"greeting\": \"Hi!\" } }"));
  }

  @Test
  void result_path_leaves_the_given_input_unchanged() {
    // AWS: Specifying state output using ResultPath (the raw input stays as the state received it)
    JsonNode input = json("{ \"master\": { \"detail\": [1, 2, 3] } }");
    InputOutput.applyResultPath(input, json("6"), "$.master.detail");
    assertThat(input).isEqualTo(json("{ \"master\": { \"detail\": [1, 2, 3] } }"));
  }

  @Test
  void result_path_into_a_string_input_fails_with_result_path_match_failure() {
    // Amazon States Language specification — Runtime Errors ("Suppose a state's input is the string
    // "foo", and its ResultPath field has the value $.x ... States.ResultPathMatchFailure")
    StatesError error =
        statesError(() -> InputOutput.applyResultPath(json("\"foo\""), json("1"), "$.x"));
    assertThat(error.error()).isEqualTo(StatesError.RESULT_PATH_MATCH_FAILURE);
    assertThat(error.cause()).isEqualTo("Unable to apply ResultPath '$.x' to input '\"foo\"'");
  }

  @Test
  void result_path_through_a_scalar_or_past_an_array_fails_with_result_path_match_failure() {
    // AWS: Processing input and output — States.ResultPathMatchFailure ("A state's ResultPath field
    // cannot be applied to the input the state received")
    JsonNode input = json("{ \"a\": 5, \"list\": [1, 2] }");
    assertThat(statesError(() -> InputOutput.applyResultPath(input, json("1"), "$.a.b")).error())
        .isEqualTo(StatesError.RESULT_PATH_MATCH_FAILURE);
    assertThat(
            statesError(() -> InputOutput.applyResultPath(input, json("1"), "$.list[2]")).error())
        .isEqualTo(StatesError.RESULT_PATH_MATCH_FAILURE);
    assertThat(statesError(() -> InputOutput.applyResultPath(input, json("1"), "$.new[0]")).error())
        .isEqualTo(StatesError.RESULT_PATH_MATCH_FAILURE);
  }

  @Test
  void result_path_may_replace_an_existing_array_element() {
    // AWS: Using JSONPath paths — Reference Paths (square bracket notation selects a single node)
    assertThat(
            InputOutput.applyResultPath(
                json("{ \"list\": [ {\"v\": 1}, {\"v\": 2} ] }"), json("9"), "$.list[1].v"))
        .isEqualTo(json("{ \"list\": [ {\"v\": 1}, {\"v\": 9} ] }"));
  }

  @Test
  void result_path_must_be_a_reference_path_into_the_input() {
    // AWS: Passing data between states with variables ("You can reference a variable in any field
    // that accepts a JSONPath expression ... except ResultPath"); ASL specification ("The value of
    // ResultPath MUST NOT begin with $$"); Using JSONPath paths ("For ResultPath, you must use a
    // reference path")
    JsonNode input = json("{ \"a\": [1] }");
    assertThat(statesError(() -> InputOutput.applyResultPath(input, json("1"), "$$.x")).error())
        .isEqualTo(StatesError.RUNTIME);
    assertThat(statesError(() -> InputOutput.applyResultPath(input, json("1"), "$myVar")).error())
        .isEqualTo(StatesError.RUNTIME);
    assertThat(statesError(() -> InputOutput.applyResultPath(input, json("1"), "$.a[*]")).cause())
        .contains("is not a reference path");
  }

  @Test
  void output_path_selects_the_sum_from_the_state_output() {
    // AWS: Processing input and output — InputPath, ResultPath and OutputPath example
    // ("InputPath": "$.numbers", "ResultPath": "$.sum", "OutputPath": "$.sum" gives 7)
    JsonNode raw =
        json("{ \"title\": \"Numbers to add\", \"numbers\": { \"val1\": 3, \"val2\": 4 } }");
    JsonPathContext ctx = JsonPathContext.of(raw);
    assertThat(InputOutput.applyInputPath(ctx, "$.numbers"))
        .isEqualTo(json("{ \"val1\": 3, \"val2\": 4 }"));
    JsonNode output = InputOutput.applyResultPath(raw, json("7"), "$.sum");
    assertThat(InputOutput.applyOutputPath(ctx.withInput(output), "$"))
        .isEqualTo(
            json(
                "{ \"title\": \"Numbers to add\", \"numbers\": { \"val1\": 3, \"val2\": 4 },"
                    + " \"sum\": 7 }"));
    assertThat(InputOutput.applyOutputPath(ctx.withInput(output), "$.sum")).isEqualTo(json("7"));
  }

  @Test
  void the_hello_world_chain_applies_input_result_and_output_paths() {
    // AWS: Example: Manipulating state data with paths in Step Functions workflows
    // ("InputPath": "$.lambda", "ResultPath": "$.data.lambdaresult", "OutputPath": "$.data")
    JsonNode raw =
        json(
            """
            {
              "comment": "An input comment.",
              "data": { "val1": 23, "val2": 17 },
              "extra": "foo",
              "lambda": { "who": "AWS Step Functions" }
            }
            """);
    JsonPathContext ctx = JsonPathContext.of(raw);
    assertThat(InputOutput.applyInputPath(ctx, "$.lambda"))
        .isEqualTo(json("{ \"who\": \"AWS Step Functions\" }"));
    JsonNode output = InputOutput.applyResultPath(raw, LAMBDA_RESULT, "$.data.lambdaresult");
    assertThat(InputOutput.applyOutputPath(ctx.withInput(output), "$.data"))
        .isEqualTo(
            json(
                "{ \"val1\": 23, \"val2\": 17, \"lambdaresult\": \"Hello, AWS Step Functions!\""
                    + " }"));
  }

  @Test
  void a_null_output_path_sends_an_empty_object() {
    // AWS: Processing input and output — OutputPath ("If the OutputPath is null, JSON text
    // representing an empty object {} is sent to the next state")
    assertThat(InputOutput.applyOutputPath(JsonPathContext.of(json(TASK_INPUT)), null))
        .isEqualTo(json("{}"));
  }

  @Test
  void an_output_path_that_selects_nothing_fails_with_states_runtime() {
    // AWS: Processing input and output — OutputPath ("If the OutputPath doesn't match an item in
    // the
    // state's input, an exception specifies an invalid path")
    StatesError error =
        statesError(
            () -> InputOutput.applyOutputPath(JsonPathContext.of(json(TASK_INPUT)), "$.missing"));
    assertThat(error.error()).isEqualTo(StatesError.RUNTIME);
    assertThat(error.cause()).contains("'$.missing'");
  }
}
