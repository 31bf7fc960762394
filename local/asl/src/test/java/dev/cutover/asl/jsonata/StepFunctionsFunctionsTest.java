package dev.cutover.asl.jsonata;

import static dev.cutover.asl.jsonata.Fixtures.evaluator;
import static dev.cutover.asl.jsonata.Fixtures.input;
import static dev.cutover.asl.jsonata.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import dev.cutover.asl.StatesError;
import java.util.Map;
import java.util.Random;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** The JSONata functions Step Functions provides, and the one it takes away. */
class StepFunctionsFunctionsTest {

  private final JsonataEvaluator evaluator = evaluator();

  private JsonNode eval(String expression) {
    return evaluator.evaluateExpression(expression, input("{\"chunkSize\": 2, \"seed\": 42}"));
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertFails(String expression) {
    return assertThatThrownBy(() -> eval(expression))
        .isInstanceOf(StatesError.class)
        .hasFieldOrPropertyWithValue("error", StatesError.QUERY_EVALUATION_ERROR);
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" ($partition)
  @Test
  void partitionChunksByTheSizeFromTheInput() {
    assertThat(eval("$partition([1,2,3,4], $states.input.chunkSize)"))
        .isEqualTo(json("[[1,2],[3,4]]"));
  }

  // AWS doc: "Intrinsic functions for JSONPath states" (States.ArrayPartition example)
  @Test
  void partitionLeavesTheRemainderInAShorterLastChunk() {
    assertThat(eval("$partition([1,2,3,4,5,6,7,8,9], 4)"))
        .isEqualTo(json("[[1,2,3,4],[5,6,7,8],[9]]"));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (non-integers are rounded down)
  @Test
  void partitionRoundsAFractionalChunkSizeDown() {
    assertThat(eval("$partition([1,2,3,4,5], 2.9)")).isEqualTo(json("[[1,2],[3,4],[5]]"));
  }

  // AWS doc: "Intrinsic functions for JSONPath states" (chunk size must be a non-zero positive
  // integer)
  @Test
  void partitionRejectsAChunkSizeBelowOne() {
    assertFails("$partition([1,2], 0)")
        .extracting(Fixtures::cause)
        .isEqualTo(
            "The JSONata expression '$partition([1,2], 0)' threw an error during evaluation:"
                + " $partition: the chunk size must be a positive integer, got 0");
    assertFails("$partition([1,2], 0.5)").hasMessageContaining("positive integer, got 0.5");
    assertFails("$partition([1,2], -3)").hasMessageContaining("positive integer, got -3");
  }

  // AWS doc: "Intrinsic functions for JSONPath states" (first argument must be an array)
  @Test
  void partitionRejectsAnArgumentThatIsNotAnArray() {
    assertFails("$partition('abc', 2)")
        .hasMessageContaining("$partition: argument 1 must be an array, got \"abc\"");
    assertFails("$partition([1], 'two')")
        .hasMessageContaining("$partition: argument 2 must be a number, got \"two\"");
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" ($partition returns a 2-D array)
  @Test
  void partitionOfAnEmptyArrayIsAnEmptyArray() {
    assertThat(eval("$partition([], 3)")).isEqualTo(json("[]"));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" ($range)
  @Test
  void rangeIncludesTheEndWhenTheStepLandsOnIt() {
    assertThat(eval("$range(0, 10, 2)")).isEqualTo(json("[0,2,4,6,8,10]"));
    assertThat(eval("$range(1, 9, 2)")).isEqualTo(json("[1,3,5,7,9]"));
    assertThat(eval("$range(0, 9, 4)")).isEqualTo(json("[0,4,8]"));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (delta can be negative)
  @Test
  void rangeCountsDownWithANegativeStep() {
    assertThat(eval("$range(10, 0, -5)")).isEqualTo(json("[10,5,0]"));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (non-integers are rounded down)
  @Test
  void rangeRoundsFractionalArgumentsDown() {
    assertThat(eval("$range(0.9, 3.5, 1.7)")).isEqualTo(json("[0,1,2,3]"));
  }

  // AWS doc: "Intrinsic functions for JSONPath states" (third argument must be non-zero)
  @Test
  void rangeRejectsAZeroStep() {
    assertFails("$range(1, 5, 0)").hasMessageContaining("$range: the step must not be zero, got 0");
  }

  // AWS doc: "Intrinsic functions for JSONPath states" (no more than 1000 items)
  @Test
  void rangeAllowsAThousandElementsAndNoMore() {
    assertThat(eval("$range(1, 1000, 1)")).hasSize(1000);
    assertFails("$range(1, 1001, 1)")
        .hasMessageContaining("$range: the array cannot have more than 1000 elements");
  }

  // AWS doc: "Intrinsic functions for JSONPath states" (all arguments must be integers)
  @Test
  void rangeRejectsMissingOrNonNumericArguments() {
    assertFails("$range(1, 5)").hasMessageContaining("argument 3 must be a number, got nothing");
    assertFails("$range('1', 5, 1)").hasMessageContaining("argument 1 must be a number, got \"1\"");
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (delta until end reached or
  // exceeded)
  @Test
  void rangeInTheWrongDirectionIsEmpty() {
    assertThat(eval("$range(5, 1, 1)")).isEqualTo(json("[]"));
  }

  // AWS doc: "Intrinsic functions for JSONPath states" (States.Hash example; the page prints the
  // digest with one "4" missing: aaff4a450a104cd177d28d18d7485e8cae074b7)
  @Test
  void hashComputesTheSha1ExampleDigest() {
    JsonataBindings bindings = input("{\"Data\": \"input data\", \"Algorithm\": \"SHA-1\"}");

    assertThat(
            evaluator.evaluateExpression(
                "$hash($states.input.Data, $states.input.Algorithm)", bindings))
        .isEqualTo(json("\"aaff4a450a104cd177d28d18d74485e8cae074b7\""));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" ($hash algorithms)
  @Test
  void hashSupportsEveryDocumentedAlgorithm() {
    JsonNode digests =
        eval(
            """
            {"md5": $hash('input data', 'MD5'), "sha256": $hash('input data', 'SHA-256'),
             "sha384": $hash('input data', 'SHA-384'), "sha512": $hash('input data', 'SHA-512')}\
            """);

    assertThat(digests)
        .isEqualTo(
            json(
                """
                {"md5": "812f45842bc6d66ee14572ce20db8e86",
                 "sha256": "b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3",
                 "sha384": "d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562",
                 "sha512": "6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4"}\
                """));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" ($hash must be one of the values)
  @Test
  void hashRejectsAnUndocumentedOrMiscasedAlgorithm() {
    assertFails("$hash('x', 'SHA-224')")
        .hasMessageContaining(
            "$hash: the algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, got"
                + " \"SHA-224\"");
    assertFails("$hash('x', 'sha-256')").hasMessageContaining("got \"sha-256\"");
    assertFails("$hash('x')").hasMessageContaining("got nothing (undefined)");
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (the source string to be hashed)
  @Test
  void hashRejectsDataThatIsNotAString() {
    assertFails("$hash({'a': 1}, 'MD5')")
        .hasMessageContaining("$hash: argument 1 must be a string, got {\"a\":1}");
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" ($random without a seed)
  @Test
  void randomWithoutASeedDrawsFromTheInjectedSource() {
    assertThat(eval("$random()")).isEqualTo(DoubleNode.valueOf(Fixtures.UNSEEDED_RANDOM));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (same seed, identical number)
  @Test
  void randomWithASeedIsReproducibleAndBelowOne() {
    JsonNode seeded = eval("[$random($states.input.seed), $random(42)]");

    double expected = new Random(42).nextDouble();
    assertThat(seeded).isEqualTo(json("[" + expected + ", " + expected + "]"));
    assertThat(expected).isEqualTo(0.7275636800328681).isBetween(0.0, 1.0);
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (optional integer seed)
  @Test
  void randomRoundsAFractionalSeedDownAndRejectsANonNumber() {
    assertThat(eval("$random(42.99)")).isEqualTo(eval("$random(42)"));
    assertFails("$random('42')").hasMessageContaining("$random: argument 1 must be a number");
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" ($uuid returns a v4 UUID)
  @Test
  void uuidReturnsTheInjectedV4Uuid() {
    assertThat(evaluator.evaluateTemplate(json("{\"uniqueId\": \"{% $uuid() %}\"}"), input("{}")))
        .isEqualTo(json("{\"uniqueId\": \"ca4c1140-dcc1-40cd-ad05-7b4aa23df4a8\"}"));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" ($uuid takes no arguments)
  @Test
  void uuidRejectsArguments() {
    assertFails("$uuid(1)").hasMessageContaining("threw an error during evaluation. T0410");
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" ($parse)
  @Test
  void parseDeserializesAJsonString() {
    JsonataBindings bindings =
        input(
            "{\"json_string\": \"{\\\"foo\\\": [1, 2.5, null, true], \\\"bar\\\": \\\"baz\\\"}\"}");
    JsonNode assign =
        json("{\"deserializedPayload\": \"{% $parse($states.input.json_string) %}\"}");

    assertThat(evaluator.evaluateTemplate("Assign", assign, bindings))
        .isEqualTo(
            json("{\"deserializedPayload\": {\"foo\": [1, 2.5, null, true], \"bar\": \"baz\"}}"));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" ($parse takes stringified JSON)
  @Test
  void parseOfJsonNullIsNullNotUndefined() {
    assertThat(eval("$parse('null')")).isEqualTo(json("null"));
    assertThat(eval("$parse('\"text\"')")).isEqualTo(json("\"text\""));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" ($parse takes stringified JSON)
  @Test
  void parseRejectsInvalidJsonAndNonStrings() {
    assertFails("$parse('{\"a\":')").hasMessageContaining("$parse: invalid JSON");
    assertFails("$parse('{} {}')").hasMessageContaining("$parse: invalid JSON");
    assertFails("$parse('  ')").hasMessageContaining("holds no JSON value");
    assertFails("$parse(12)").hasMessageContaining("$parse: argument 1 must be a string, got 12");
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" ($eval is not supported)
  @Test
  void evalIsNotAvailable() {
    assertFails("$eval('1 + 1')")
        .extracting(Fixtures::cause)
        .isEqualTo(
            "The JSONata expression '$eval('1 + 1')' threw an error during evaluation: $eval is"
                + " not supported by Step Functions; use $parse to deserialize JSON");
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (functions usable in expressions)
  @Test
  void providedFunctionsWorkAsValuesInHigherOrderFunctions() {
    assertThat(eval("$map([[1,2,3],[4]], function($a) { $partition($a, 2) })"))
        .isEqualTo(json("[[[1,2],[3]],[[4]]]"));
    assertThat(eval("$map(['{\"a\": 1}', '[2]'], $parse)")).isEqualTo(json("[{\"a\": 1}, [2]]"));
    assertThat(eval("['x', 'y'] ~> $map(function($s) { $hash($s, 'MD5') })"))
        .isEqualTo(
            json("[\"9dd4e461268c8034f5c8564e155c67a6\", \"415290769594460e2e485922904f345d\"]"));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (undefined in, nothing out)
  @Test
  void providedFunctionsReturnNothingForAnUndefinedArgument() {
    assertFails("$parse($states.input.missing)")
        .hasMessageContaining("returned nothing (undefined)");
    assertThat(
            evaluator.evaluateTemplate(
                json("\"{% {'h': $hash($states.input.missing, 'MD5')} %}\""), input("{}")))
        .isEqualTo(json("{}"));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (JSONata 2.0.6 functions supported)
  @Test
  void builtInJsonataFunctionsRemainAvailable() {
    JsonNode result =
        evaluator.evaluateExpression(
            "{'n': $count($states.input.v), 's': $sum($states.input.v), 'u': $uppercase('ab'),"
                + " 'j': $join($map($states.input.v, $string), ',')}",
            input("{\"v\": [1, 2, 3]}"));

    assertThat(result).isEqualTo(json("{\"n\": 3, \"s\": 6, \"u\": \"AB\", \"j\": \"1,2,3\"}"));
  }

  // AWS doc: "Transforming data with JSONata in Step Functions" (variables visible to functions)
  @Test
  void providedFunctionsTakeVariablesAsArguments() {
    JsonataBindings bindings =
        Fixtures.variables(Map.of("hashAlgorithmName", "\"MD5\"", "content", "\"input data\""));

    assertThat(evaluator.evaluateExpression("$hash($content, $hashAlgorithmName)", bindings))
        .isEqualTo(json("\"812f45842bc6d66ee14572ce20db8e86\""));
  }
}
