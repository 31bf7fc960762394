package dev.cutover.asl.jsonpath;

import static dev.cutover.asl.jsonpath.TestJson.json;
import static dev.cutover.asl.jsonpath.TestJson.statesError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.asl.StatesError;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Paths, reference paths and the three roots, with the examples of the AWS Step Functions developer
 * guide pages "Using JSONPath paths" (amazon-states-language-paths.html), "Accessing execution data
 * from the Context object" (input-output-contextobject.html) and "Passing data between states with
 * variables" (workflow-variables.html).
 */
class PathsTest {

  private static final JsonNode PATHS_INPUT =
      json(
          """
          {
            "foo": 123,
            "bar": ["a", "b", "c"],
            "car": { "cdr": true },
            "jar": [{"a": 1}, {"a": 5}, {"a": 2}, {"a": 7}, {"a": 3}]
          }
          """);

  private static final JsonNode CONTEXT =
      json(
          """
          {
            "Execution": {
              "Id": "arn:aws:states:us-east-1:123456789012:execution:stateMachineName:executionName",
              "Input": { "key": "value" },
              "Name": "executionName",
              "RoleArn": "arn:aws:iam::123456789012:role...",
              "StartTime": "2019-03-26T20:14:13.192Z"
            },
            "State": { "EnteredTime": "2019-03-26T20:14:13.192Z", "Name": "Test", "RetryCount": 3 },
            "StateMachine": {
              "Id": "arn:aws:states:us-east-1:123456789012:stateMachine:stateMachineName",
              "Name": "stateMachineName"
            },
            "Task": { "Token": "h7XRiCdLtd/83p1E0dMccoxlzFhglsdkzpK9mBVKZsp7d9yrT1W" }
          }
          """);

  @Test
  void reference_paths_select_single_nodes() {
    // AWS: Using JSONPath paths — Reference Paths ("$.foo => 123", "$.bar => [...]", "$.car.cdr")
    assertThat(Paths.read("$.foo", PATHS_INPUT)).isEqualTo(json("123"));
    assertThat(Paths.read("$.bar", PATHS_INPUT)).isEqualTo(json("[\"a\", \"b\", \"c\"]"));
    assertThat(Paths.read("$.car.cdr", PATHS_INPUT)).isEqualTo(json("true"));
  }

  @Test
  void a_filter_yields_the_matching_nodes_as_an_array() {
    // AWS: Using JSONPath paths ("$.jar[?(@.a >= 5)] => [{"a": 5}, {"a": 7}]")
    assertThat(Paths.read("$.jar[?(@.a >= 5)]", PATHS_INPUT))
        .isEqualTo(json("[{\"a\": 5}, {\"a\": 7}]"));
  }

  @Test
  void a_slice_yields_a_selection_of_values() {
    // AWS: Processing input and output — InputPath ("If you apply the path $.a[0:2] ... [ 1, 2 ]")
    assertThat(Paths.read("$.a[0:2]", json("{ \"a\": [1, 2, 3, 4] }"))).isEqualTo(json("[1, 2]"));
  }

  @Test
  void a_dollar_alone_is_the_whole_document() {
    // AWS: Processing input and output ("If the OutputPath has the default value of $, this matches
    // the entire input")
    assertThat(Paths.read("$", PATHS_INPUT)).isSameAs(PATHS_INPUT);
    assertThat(Paths.read("$", json("\"foo\""))).isEqualTo(json("\"foo\""));
  }

  @Test
  void bracket_notation_selects_fields_with_special_characters() {
    // AWS: Using JSONPath paths ("you must use square bracket notation ... $.abc.['def ghi']")
    assertThat(Paths.read("$.abc.['def ghi']", json("{\"abc\": {\"def ghi\": 42}}")))
        .isEqualTo(json("42"));
  }

  @Test
  void a_path_that_selects_nothing_is_a_runtime_error_naming_the_path() {
    // AWS: Processing input and output — OutputPath ("If the OutputPath doesn't match an item in
    // the
    // state's input, an exception specifies an invalid path")
    StatesError error = statesError(() -> Paths.read("$.nope", PATHS_INPUT));
    assertThat(error.error()).isEqualTo(StatesError.RUNTIME);
    assertThat(error.cause()).isEqualTo("Invalid path '$.nope' : No results for path: $['nope']");
  }

  @Test
  void an_index_outside_the_array_selects_nothing() {
    // AWS: Using JSONPath paths ("$.bar => ["a", "b", "c"]"): there is no fourth item to select
    StatesError error = statesError(() -> Paths.read("$.bar[3]", PATHS_INPUT));
    assertThat(error.error()).isEqualTo(StatesError.RUNTIME);
    assertThat(error.cause())
        .isEqualTo("Invalid path '$.bar[3]' : No results for path: $['bar'][3]");
    assertThat(Paths.read("$.bar[-1]", PATHS_INPUT)).isEqualTo(json("\"c\""));
  }

  @Test
  void a_path_through_a_scalar_or_not_starting_with_dollar_is_a_runtime_error() {
    // AWS: Using JSONPath paths ("a path is a string beginning with $")
    assertThat(statesError(() -> Paths.read("$.foo.x", PATHS_INPUT)).error())
        .isEqualTo(StatesError.RUNTIME);
    StatesError error = statesError(() -> Paths.read("foo", PATHS_INPUT));
    assertThat(error.error()).isEqualTo(StatesError.RUNTIME);
    assertThat(error.cause()).isEqualTo("Invalid path 'foo' : a path must begin with '$'");
  }

  @Test
  void a_double_dollar_path_reads_the_context_object() {
    // AWS: Accessing execution data from the Context object ("prepend the path with $$.")
    JsonPathContext ctx = new JsonPathContext(json("{}"), CONTEXT, Map.of());
    assertThat(Paths.resolve("$$.Execution.Id", ctx))
        .isEqualTo(
            json(
                "\"arn:aws:states:us-east-1:123456789012:execution:stateMachineName:executionName\""));
    assertThat(Paths.resolve("$$.State.RetryCount", ctx)).isEqualTo(json("3"));
    assertThat(Paths.resolve("$$", ctx)).isEqualTo(CONTEXT);
  }

  @Test
  void a_dollar_name_path_reads_a_variable_and_into_it() {
    // AWS: Passing data between states with variables ("To reference a variable, prepend the name
    // with a dollar sign ($), for example, $productName")
    JsonPathContext ctx =
        new JsonPathContext(
            json("{\"productName\": \"the input, not the variable\"}"),
            CONTEXT,
            Map.of(
                "productName", json("\"product1\""),
                "count", json("42"),
                "available", json("true"),
                "order", json("{\"items\": [{\"sku\": \"x1\"}], \"total\": 9.5}")));
    assertThat(Paths.resolve("$productName", ctx)).isEqualTo(json("\"product1\""));
    assertThat(Paths.resolve("$count", ctx)).isEqualTo(json("42"));
    assertThat(Paths.resolve("$order.total", ctx)).isEqualTo(json("9.5"));
    assertThat(Paths.resolve("$order.items[0].sku", ctx)).isEqualTo(json("\"x1\""));
    assertThat(Paths.resolve("$order['total']", ctx)).isEqualTo(json("9.5"));
    assertThat(Paths.resolve("$.productName", ctx))
        .isEqualTo(json("\"the input, not the variable\""));
  }

  @Test
  void variable_names_are_unicode_identifiers() {
    // AWS: Passing data between states with variables — Variable name syntax ("The first character
    // must be a Unicode ID_Start character, subsequent characters must be Unicode ID_Continue")
    JsonPathContext ctx =
        new JsonPathContext(json("{}"), CONTEXT, Map.of("prénom_2", json("\"María\"")));
    assertThat(Paths.resolve("$prénom_2", ctx)).isEqualTo(json("\"María\""));
  }

  @Test
  void an_undefined_variable_is_a_runtime_error() {
    // AWS: Passing data between states with variables (a reference to a variable never assigned)
    StatesError error =
        statesError(() -> Paths.resolve("$missing.field", JsonPathContext.of(json("{}"))));
    assertThat(error.error()).isEqualTo(StatesError.RUNTIME);
    assertThat(error.cause()).contains("'missing' is not defined");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "$",
        "$.foo",
        "$.car.cdr",
        "$.ledgers.branch[0].pending.count",
        "$.ledgers[0][22][315].foo",
        "$['store']['book']",
        "$['store'][0]['book']",
        "$.abc.['def ghi']",
        "$.error-info",
        "$$.Execution.Input",
        "$productName",
        "$order.items[0]"
      })
  void these_are_reference_paths(String path) {
    // AWS: Using JSONPath paths — Reference Paths ("You can access object fields using only dot (.)
    // and square bracket ([ ]) notation"); examples from the ASL specification's Reference Paths
    assertThat(Paths.isReferencePath(path)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "$.jar[?(@.a >= 5)]",
        "$..a",
        "$.a[*]",
        "$.*",
        "$.a[0:2]",
        "$.a[0,1]",
        "$.bar.length()",
        "$.a[-1]",
        "$.a.",
        "$.a[0",
        "$.first name",
        "foo",
        ""
      })
  void these_are_not_reference_paths(String path) {
    // AWS: Using JSONPath paths — Reference Paths ("The operators @ .. , : ? * aren't supported",
    // "Functions such as length() aren't supported")
    assertThat(Paths.isReferencePath(path)).isFalse();
  }
}
