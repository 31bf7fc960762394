package dev.cutover.asl.jsonpath;

import static dev.cutover.asl.jsonpath.TestJson.json;
import static dev.cutover.asl.jsonpath.TestJson.statesError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.asl.StatesError;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every intrinsic function, with the examples of the AWS Step Functions developer guide page
 * "Intrinsic functions for JSONPath states in Step Functions" (intrinsic-functions.html) unless a
 * test says otherwise.
 */
class IntrinsicsTest {

  private static final Intrinsics INTRINSICS = new Intrinsics(new Random(42));

  private static JsonNode eval(String expression, String input) {
    return INTRINSICS.evaluate(expression, JsonPathContext.of(json(input)));
  }

  private static StatesError failure(String expression, String input) {
    return statesError(() -> eval(expression, input));
  }

  private static void assertIntrinsicFailure(StatesError error, String causePart) {
    assertThat(error.error()).isEqualTo(StatesError.INTRINSIC_FAILURE);
    assertThat(error.cause()).contains(causePart);
  }

  // --- States.Format (Intrinsic for generic operation) ---

  @Test
  void format_fills_placeholders_of_a_literal_template() {
    // AWS: Intrinsic functions for JSONPath states — States.Format
    String input = "{\"name\": \"Arnav\", \"template\": \"Hello, my name is {}.\"}";
    assertThat(eval("States.Format('Hello, my name is {}.', $.name)", input))
        .isEqualTo(json("\"Hello, my name is Arnav.\""));
  }

  @Test
  void format_takes_its_template_from_a_path() {
    // AWS: Intrinsic functions for JSONPath states — States.Format ("or States.Format($.template,
    // $.name)")
    String input = "{\"name\": \"Arnav\", \"template\": \"Hello, my name is {}.\"}";
    assertThat(eval("States.Format($.template, $.name)", input))
        .isEqualTo(json("\"Hello, my name is Arnav.\""));
  }

  @Test
  void format_writes_numbers_booleans_and_null_as_their_natural_text() {
    // Amazon States Language specification, Appendix B — States.Format ("we are in the year {}")
    assertThat(
            eval(
                "States.Format('Your name is {}, we are in the year {}', $.name, 2020)",
                "{\"name\": \"Foo\", \"zebra\": \"stripe\"}"))
        .isEqualTo(json("\"Your name is Foo, we are in the year 2020\""));
    assertThat(eval("States.Format('{} {} {}', true, null, 1.5)", "{}"))
        .isEqualTo(json("\"true null 1.5\""));
  }

  @Test
  void format_reads_an_escaped_apostrophe_as_a_literal_apostrophe() {
    // Amazon States Language specification — Intrinsic Functions ("Welcome to {} {}\\'s playlist.")
    assertThat(
            eval(
                "States.Format('Welcome to {} {}\\'s playlist.', $.firstName, $.lastName)",
                "{\"firstName\": \"Ana\", \"lastName\": \"Silva\"}"))
        .isEqualTo(json("\"Welcome to Ana Silva's playlist.\""));
  }

  @Test
  void format_keeps_escaped_braces_and_backslashes_literal() {
    // AWS: Intrinsic functions for JSONPath states — Reserved characters in intrinsic functions
    assertThat(
            eval("States.Format('\\{\\} is not {}, \\\\ is a backslash', 'a placeholder')", "{}"))
        .isEqualTo(json("\"{} is not a placeholder, \\\\ is a backslash\""));
  }

  @Test
  void format_fails_when_placeholders_and_values_differ_in_number() {
    // AWS: Intrinsic functions for JSONPath states — States.Format ("There must be as many
    // remaining
    // arguments ... as there are occurrences of {}")
    assertIntrinsicFailure(
        failure("States.Format('{} and {}', 'one')", "{}"), "2 {} placeholder(s) but 1 value(s)");
  }

  @Test
  void format_rejects_an_array_or_object_value() {
    // Amazon States Language specification, Appendix B — States.Format ("The Value MUST NOT be a
    // JSON array or object")
    assertIntrinsicFailure(
        failure("States.Format('{}', $.list)", "{\"list\": [1]}"),
        "argument 2 must be a string, number, boolean or null, got array");
  }

  @Test
  void an_open_escape_backslash_is_an_error() {
    // AWS: Intrinsic functions for JSONPath states — Reserved characters ("If an open escape
    // backslash \ is found in the intrinsic invocation string, the interpreter will return a
    // runtime error")
    assertIntrinsicFailure(failure("States.Format('a\\nb')", "{}"), "open escape");
  }

  // --- Intrinsics for JSON data manipulation ---

  @Test
  void string_to_json_parses_an_escaped_json_string() {
    // AWS: Intrinsic functions for JSONPath states — States.StringToJson
    assertThat(
            eval(
                "States.StringToJson($.escapedJsonString)",
                "{\"escapedJsonString\": \"{\\\"foo\\\": \\\"bar\\\"}\"}"))
        .isEqualTo(json("{\"foo\": \"bar\"}"));
  }

  @Test
  void string_to_json_fails_on_text_that_is_not_json() {
    // AWS: Intrinsic functions for JSONPath states — States.StringToJson (its argument is JSON
    // text)
    assertIntrinsicFailure(
        failure("States.StringToJson($.s)", "{\"s\": \"{not json\"}"), "is not valid JSON");
  }

  @Test
  void json_to_string_serializes_the_selected_node_compactly() {
    // AWS: Intrinsic functions for JSONPath states — States.JsonToString
    assertThat(
            eval("States.JsonToString($.unescapedJson)", "{\"unescapedJson\": {\"foo\": \"bar\"}}"))
        .isEqualTo(json("\"{\\\"foo\\\":\\\"bar\\\"}\""));
  }

  @Test
  void string_to_json_of_a_formatted_string_nests() {
    // AWS: Intrinsic functions for JSONPath states — nesting ("You can nest up to 10 intrinsic
    // functions within a field")
    assertThat(eval("States.StringToJson(States.Format('\\{\"n\": {}\\}', $.n))", "{\"n\": 20}"))
        .isEqualTo(json("{\"n\": 20}"));
  }

  @Test
  void json_merge_is_shallow_the_second_object_wins() {
    // AWS: Intrinsic functions for JSONPath states — States.JsonMerge
    String input =
        """
        {
          "json1": { "a": {"a1": 1, "a2": 2}, "b": 2 },
          "json2": { "a": {"a3": 1, "a4": 2}, "c": 3 }
        }
        """;
    assertThat(eval("States.JsonMerge($.json1, $.json2, false)", input))
        .isEqualTo(json("{ \"a\": {\"a3\": 1, \"a4\": 2}, \"b\": 2, \"c\": 3 }"));
  }

  @Test
  void json_merge_refuses_deep_merging() {
    // AWS: Intrinsic functions for JSONPath states — States.JsonMerge ("you must specify the
    // boolean
    // value as false")
    assertIntrinsicFailure(
        failure("States.JsonMerge($.a, $.b, true)", "{\"a\": {}, \"b\": {}}"),
        "only shallow merging is supported");
  }

  @Test
  void json_merge_requires_objects() {
    // AWS: Intrinsic functions for JSONPath states — States.JsonMerge ("merge two JSON objects")
    assertIntrinsicFailure(
        failure("States.JsonMerge($.a, $.b, false)", "{\"a\": [1], \"b\": {}}"),
        "argument 1 must be a JSON object, got array");
  }

  // --- Intrinsics for arrays ---

  @Test
  void array_wraps_its_arguments() {
    // AWS: Intrinsic functions for JSONPath states — States.Array ("BuildId.$":
    // "States.Array($.Id)")
    assertThat(eval("States.Array($.Id)", "{\"Id\": 123456}")).isEqualTo(json("[123456]"));
  }

  @Test
  void array_takes_literals_paths_and_null_in_order() {
    // Amazon States Language specification, Appendix B — States.Array
    assertThat(
            eval(
                "States.Array('Foo', 2020, $.someJson, null)",
                "{\"someJson\": {\"random\": \"abcdefg\"}, \"zebra\": \"stripe\"}"))
        .isEqualTo(json("[\"Foo\", 2020, {\"random\": \"abcdefg\"}, null]"));
    assertThat(eval("States.Array(-7, 2.5, true, false)", "{}"))
        .isEqualTo(json("[-7, 2.5, true, false]"));
    assertThat(eval("States.Array()", "{}")).isEqualTo(json("[]"));
  }

  @Test
  void array_partition_chunks_with_a_shorter_last_chunk() {
    // AWS: Intrinsic functions for JSONPath states — States.ArrayPartition
    assertThat(
            eval("States.ArrayPartition($.inputArray,4)", "{\"inputArray\": [1,2,3,4,5,6,7,8,9]}"))
        .isEqualTo(json("[ [1,2,3,4], [5,6,7,8], [9]]"));
  }

  @Test
  void array_partition_rounds_a_non_integer_chunk_size() {
    // AWS: Intrinsic functions for JSONPath states — States.ArrayPartition ("If you specify a
    // non-integer value for the second argument, Step Functions will round it off")
    assertThat(eval("States.ArrayPartition($.a, 1.6)", "{\"a\": [1,2,3]}"))
        .isEqualTo(json("[[1,2],[3]]"));
  }

  @Test
  void array_partition_needs_a_positive_chunk_size_and_an_array() {
    // AWS: Intrinsic functions for JSONPath states — States.ArrayPartition, Input validation
    assertIntrinsicFailure(
        failure("States.ArrayPartition($.a, 0)", "{\"a\": [1]}"), "must be a positive integer");
    assertIntrinsicFailure(
        failure("States.ArrayPartition($.a, 2)", "{\"a\": \"abc\"}"),
        "argument 1 must be an array, got string");
  }

  @Test
  void array_partition_refuses_an_array_over_the_payload_limit() {
    // AWS: Intrinsic functions for JSONPath states — States.ArrayPartition ("The input array can't
    // exceed Step Functions' payload size limit of 256 KiB")
    String big = "\"" + "x".repeat(256 * 1024) + "\"";
    assertIntrinsicFailure(
        failure("States.ArrayPartition($.a, 2)", "{\"a\": [" + big + "]}"), "payload limit");
  }

  @Test
  void array_contains_finds_a_value() {
    // AWS: Intrinsic functions for JSONPath states — States.ArrayContains
    String input = "{\"inputArray\": [1,2,3,4,5,6,7,8,9], \"lookingFor\": 5}";
    assertThat(eval("States.ArrayContains($.inputArray, $.lookingFor)", input))
        .isEqualTo(json("true"));
    assertThat(eval("States.ArrayContains($.inputArray, 10)", input)).isEqualTo(json("false"));
  }

  @Test
  void array_contains_compares_json_values() {
    // AWS: Intrinsic functions for JSONPath states — States.ArrayContains ("the value to be
    // searched
    // for within the array")
    String input = "{\"a\": [{\"x\": 1, \"y\": [2]}, \"s\"], \"o\": {\"y\": [2.0], \"x\": 1}}";
    assertThat(eval("States.ArrayContains($.a, $.o)", input)).isEqualTo(json("true"));
  }

  @Test
  void array_range_counts_from_first_to_last_by_step() {
    // AWS: Intrinsic functions for JSONPath states — States.ArrayRange
    assertThat(eval("States.ArrayRange(1, 9, 2)", "{}")).isEqualTo(json("[1,3,5,7,9]"));
  }

  @Test
  void array_range_counts_down_with_a_negative_step_and_rounds_non_integers() {
    // AWS: Intrinsic functions for JSONPath states — States.ArrayRange, Input validation ("a
    // non-zero
    // value for the third argument"; non-integers are rounded to the nearest integer)
    assertThat(eval("States.ArrayRange(9, 1, -3)", "{}")).isEqualTo(json("[9,6,3]"));
    assertThat(eval("States.ArrayRange(0.6, 3.2, 1.4)", "{}")).isEqualTo(json("[1,2,3]"));
  }

  @Test
  void array_range_refuses_a_zero_step() {
    // AWS: Intrinsic functions for JSONPath states — States.ArrayRange, Input validation
    assertIntrinsicFailure(failure("States.ArrayRange(1, 9, 0)", "{}"), "must not be 0");
  }

  @Test
  void array_range_allows_at_most_1000_items() {
    // AWS: Intrinsic functions for JSONPath states — States.ArrayRange ("The newly generated array
    // can't contain more than 1000 items")
    assertThat(eval("States.ArrayRange(1, 1000, 1)", "{}").size()).isEqualTo(1000);
    assertIntrinsicFailure(
        failure("States.ArrayRange(1, 1001, 1)", "{}"), "would have 1001 items; at most 1000");
  }

  @Test
  void array_get_item_returns_the_value_at_an_index() {
    // AWS: Intrinsic functions for JSONPath states — States.ArrayGetItem
    assertThat(
            eval(
                "States.ArrayGetItem($.inputArray, $.index)",
                "{\"inputArray\": [1,2,3,4,5,6,7,8,9], \"index\": 5}"))
        .isEqualTo(json("6"));
  }

  @Test
  void array_get_item_fails_outside_the_array() {
    // AWS: Intrinsic functions for JSONPath states — States.ArrayGetItem ("the array index of the
    // value to return")
    assertIntrinsicFailure(
        failure("States.ArrayGetItem($.a, 9)", "{\"a\": [1,2,3,4,5,6,7,8,9]}"),
        "index 9 is out of bounds for an array of length 9");
    assertIntrinsicFailure(
        failure("States.ArrayGetItem($.a, 'x')", "{\"a\": [1]}"), "must be an integer index");
  }

  @Test
  void array_length_counts_the_items() {
    // AWS: Intrinsic functions for JSONPath states — States.ArrayLength
    assertThat(eval("States.ArrayLength($.inputArray)", "{\"inputArray\": [1,2,3,4,5,6,7,8,9]}"))
        .isEqualTo(json("9"));
  }

  @Test
  void array_unique_keeps_the_first_of_each_value() {
    // AWS: Intrinsic functions for JSONPath states — States.ArrayUnique
    assertThat(eval("States.ArrayUnique($.inputArray)", "{\"inputArray\": [1,2,3,3,3,3,3,3,4]}"))
        .isEqualTo(json("[1,2,3,4]"));
  }

  // --- Intrinsics for data encoding and decoding ---

  @Test
  void base64_encode_encodes_utf8_text() {
    // AWS: Intrinsic functions for JSONPath states — States.Base64Encode
    assertThat(eval("States.Base64Encode($.input)", "{\"input\": \"Data to encode\"}"))
        .isEqualTo(json("\"RGF0YSB0byBlbmNvZGU=\""));
  }

  @Test
  void base64_encode_accepts_up_to_10000_characters() {
    // AWS: Intrinsic functions for JSONPath states — States.Base64Encode ("a data string of up to
    // 10,000 characters")
    String at = "{\"s\": \"" + "a".repeat(10_000) + "\"}";
    String over = "{\"s\": \"" + "a".repeat(10_001) + "\"}";
    assertThat(eval("States.Base64Encode($.s)", at).textValue()).hasSize(13_336);
    assertIntrinsicFailure(
        failure("States.Base64Encode($.s)", over), "has 10001 characters; at most 10000");
  }

  @Test
  void base64_decode_decodes_the_guides_encoded_string() {
    // AWS: Intrinsic functions for JSONPath states — States.Base64Decode. The page shows "Decoded
    // data" as the result, but "RGF0YSB0byBlbmNvZGU=" is the encoding of "Data to encode" (the
    // Base64Encode example on the same page); this asserts the real decoding.
    assertThat(eval("States.Base64Decode($.base64)", "{\"base64\": \"RGF0YSB0byBlbmNvZGU=\"}"))
        .isEqualTo(json("\"Data to encode\""));
  }

  @Test
  void base64_decode_fails_on_invalid_input_and_over_10000_characters() {
    // AWS: Intrinsic functions for JSONPath states — States.Base64Decode ("a Base64 encoded data
    // string of up to 10,000 characters")
    assertIntrinsicFailure(failure("States.Base64Decode('A')", "{}"), "is not valid Base64");
    assertIntrinsicFailure(
        failure("States.Base64Decode($.s)", "{\"s\": \"" + "A".repeat(10_004) + "\"}"),
        "at most 10000");
  }

  // --- Intrinsic for hash calculation ---

  @Test
  void hash_computes_the_sha1_of_the_guides_example() {
    // AWS: Intrinsic functions for JSONPath states — States.Hash. The page prints
    // "aaff4a450a104cd177d28d18d7485e8cae074b7", 39 hex digits: one '4' of the real SHA-1 digest of
    // "input data" is missing. This asserts the real 40-digit digest.
    assertThat(
            eval(
                "States.Hash($.Data, $.Algorithm)",
                "{\"Data\": \"input data\", \"Algorithm\": \"SHA-1\"}"))
        .isEqualTo(json("\"aaff4a450a104cd177d28d18d74485e8cae074b7\""));
  }

  @Test
  void hash_supports_every_listed_algorithm() {
    // AWS: Intrinsic functions for JSONPath states — States.Hash ("any of the following
    // algorithms"); the digests of "input data" as md5sum and sha*sum print them
    Map<String, String> digests =
        Map.of(
            "MD5",
            "812f45842bc6d66ee14572ce20db8e86",
            "SHA-256",
            "b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3",
            "SHA-384",
            "d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b"
                + "87525bdc835ebb27e1fb9e9374a15562",
            "SHA-512",
            "6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce"
                + "2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4");
    digests.forEach(
        (algorithm, digest) ->
            assertThat(eval("States.Hash('input data', '" + algorithm + "')", "{}").textValue())
                .as(algorithm)
                .isEqualTo(digest));
  }

  @Test
  void hash_refuses_an_unlisted_algorithm() {
    // AWS: Intrinsic functions for JSONPath states — States.Hash
    assertIntrinsicFailure(
        failure("States.Hash('input data', 'SHA-224')", "{}"), "unsupported algorithm 'SHA-224'");
  }

  // --- Intrinsics for Math operations ---

  @Test
  void math_random_is_between_start_inclusive_and_end_exclusive() {
    // AWS: Intrinsic functions for JSONPath states — States.MathRandom ("start number (inclusive)
    // and end number (exclusive)")
    for (int i = 0; i < 200; i++) {
      assertThat(eval("States.MathRandom($.start, $.end)", "{\"start\": 1, \"end\": 3}").intValue())
          .isBetween(1, 2);
    }
  }

  @Test
  void math_random_with_a_seed_returns_identical_numbers() {
    // AWS: Intrinsic functions for JSONPath states — States.MathRandom ("if you use this function
    // with the same seed value, it will return identical numbers")
    String input = "{\"start\": 1, \"end\": 999}";
    JsonNode first =
        new Intrinsics(new Random(1))
            .evaluate("States.MathRandom($.start, $.end, 7)", JsonPathContext.of(json(input)));
    JsonNode second =
        new Intrinsics(new Random(2))
            .evaluate("States.MathRandom($.start, $.end, 7)", JsonPathContext.of(json(input)));
    assertThat(first).isEqualTo(second);
    assertThat(first.intValue()).isBetween(1, 998);
  }

  @Test
  void math_random_without_a_seed_draws_from_the_injected_generator() {
    // AWS: Intrinsic functions for JSONPath states — States.MathRandom (unseeded)
    JsonPathContext ctx = JsonPathContext.of(json("{\"start\": 1, \"end\": 999}"));
    JsonNode a = new Intrinsics(new Random(5)).evaluate("States.MathRandom($.start, $.end)", ctx);
    JsonNode b = new Intrinsics(new Random(5)).evaluate("States.MathRandom($.start, $.end)", ctx);
    assertThat(a).isEqualTo(b);
  }

  @Test
  void math_random_needs_numbers_and_a_start_below_the_end() {
    // AWS: Intrinsic functions for JSONPath states — States.MathRandom, Input validation
    assertIntrinsicFailure(
        failure("States.MathRandom('1', 9)", "{}"), "argument 1 must be a number, got string");
    assertIntrinsicFailure(failure("States.MathRandom(5, 5)", "{}"), "must be less than the end");
  }

  @Test
  void math_add_adds_two_integers() {
    // AWS: Intrinsic functions for JSONPath states — States.MathAdd
    assertThat(eval("States.MathAdd($.value1, $.step)", "{\"value1\": 111, \"step\": -1}"))
        .isEqualTo(json("110"));
  }

  @Test
  void math_add_rounds_non_integers_to_the_nearest_integer() {
    // AWS: Intrinsic functions for JSONPath states — States.MathAdd, Input validation ("Step
    // Functions will round it off to the nearest integer")
    assertThat(eval("States.MathAdd(1.6, 2.4)", "{}")).isEqualTo(json("4"));
  }

  @Test
  void math_add_refuses_values_outside_the_32_bit_range() {
    // AWS: Intrinsic functions for JSONPath states — States.MathAdd ("integer values in the range
    // of
    // -2147483648 and 2147483647")
    assertThat(eval("States.MathAdd(2147483647, 1)", "{}")).isEqualTo(json("2147483648"));
    assertIntrinsicFailure(
        failure("States.MathAdd(2147483648, 1)", "{}"),
        "must be between -2147483648 and 2147483647");
  }

  // --- Intrinsic for String operation ---

  @Test
  void string_split_splits_on_a_delimiting_character() {
    // AWS: Intrinsic functions for JSONPath states — States.StringSplit (single delimiting
    // character)
    assertThat(
            eval(
                "States.StringSplit($.inputString, $.splitter)",
                "{\"inputString\": \"1,2,3,4,5\", \"splitter\": \",\"}"))
        .isEqualTo(json("[\"1\",\"2\",\"3\",\"4\",\"5\"]"));
  }

  @Test
  void string_split_splits_on_each_of_several_delimiting_characters() {
    // AWS: Intrinsic functions for JSONPath states — States.StringSplit (multiple delimiting
    // characters)
    assertThat(
            eval(
                "States.StringSplit($.inputString, $.splitter)",
                "{\"inputString\": \"This.is+a,test=string\", \"splitter\": \".+,=\"}"))
        .isEqualTo(json("[\"This\", \"is\", \"a\", \"test\", \"string\"]"));
  }

  // --- Intrinsic for unique identifier generation ---

  @Test
  void uuid_returns_a_version_4_uuid_from_the_injected_generator() {
    // AWS: Intrinsic functions for JSONPath states — States.UUID ("a version 4 universally unique
    // identifier (v4 UUID) generated using random numbers")
    String uuid = eval("States.UUID()", "{}").textValue();
    assertThat(uuid).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(UUID.fromString(uuid).version()).isEqualTo(4);
    JsonPathContext ctx = JsonPathContext.of(json("{}"));
    assertThat(new Intrinsics(new Random(9)).evaluate("States.UUID()", ctx))
        .isEqualTo(new Intrinsics(new Random(9)).evaluate("States.UUID()", ctx));
  }

  @Test
  void uuid_takes_no_arguments() {
    // AWS: Intrinsic functions for JSONPath states — States.UUID ("called with no arguments")
    assertIntrinsicFailure(failure("States.UUID(1)", "{}"), "takes 0 argument(s) but got 1");
  }

  // --- Syntax: nesting, path and context arguments, unknown functions ---

  @Test
  void nine_nested_functions_evaluate_inside_out() {
    // AWS: Intrinsic functions for JSONPath states — the myArn example with nine nested functions.
    // The page's template is '{}.{}.{}' with only two values, which its own States.Format rule
    // forbids (see the next test); this uses '{}.{}' so the nine functions evaluate.
    String expression =
        "States.Format('{}.{}', "
            + "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem("
            + "States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), "
            + "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem("
            + "States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))";
    String input =
        "{\"ImageRecipe\": {\"Arn\":"
            + " \"arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/web/2.7.1\"}}";
    assertThat(eval(expression, input)).isEqualTo(json("\"2.7\""));
  }

  @Test
  void the_guides_myarn_example_as_printed_has_too_few_values() {
    // AWS: Intrinsic functions for JSONPath states — the myArn example as printed: three {} and two
    // values, against "There must be as many remaining arguments ... as there are occurrences of
    // {}".
    String expression =
        "States.Format('{}.{}.{}', "
            + "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem("
            + "States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), "
            + "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem("
            + "States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))";
    String input =
        "{\"ImageRecipe\": {\"Arn\": \"arn:aws:imagebuilder:r:1:image-recipe/web/2.7.1\"}}";
    assertIntrinsicFailure(failure(expression, input), "3 {} placeholder(s) but 2 value(s)");
  }

  @Test
  void nesting_is_limited_to_10_functions() {
    // AWS: Intrinsic functions for JSONPath states ("You can nest up to 10 intrinsic functions
    // within a field")
    String ten = "States.Array(".repeat(10) + ")".repeat(10);
    String eleven = "States.Array(".repeat(11) + ")".repeat(11);
    assertThat(eval(ten, "{}").toString()).isEqualTo("[".repeat(10) + "]".repeat(10));
    assertIntrinsicFailure(failure(eleven, "{}"), "more than 10 nested");
  }

  @Test
  void arguments_may_be_context_object_and_variable_paths() {
    // AWS: Accessing execution data from the Context object; Passing data between states with
    // variables ("To reference a variable, prepend the name with a dollar sign")
    JsonPathContext ctx =
        new JsonPathContext(
            json("{}"),
            json(
                "{\"Execution\": {\"Id\":"
                    + " \"arn:aws:states:us-east-1:123456789012:execution:m:e\"}}"),
            Map.of(
                "productName", json("\"product1\""), "order", json("{\"items\": [\"a\",\"b\"]}")));
    assertThat(
            INTRINSICS.evaluate(
                "States.Format('{} {} {}', $$.Execution.Id, $productName, "
                    + "States.ArrayLength($order.items))",
                ctx))
        .isEqualTo(json("\"arn:aws:states:us-east-1:123456789012:execution:m:e product1 2\""));
  }

  @Test
  void a_path_argument_in_bracket_notation_may_hold_spaces_and_commas() {
    // AWS: Intrinsic functions for JSONPath states — Reserved characters ("you must use square
    // bracket notation. For example, $.abc.['def ghi']")
    assertThat(
            eval(
                "States.Array($.abc.['def ghi'], $['x, y'])",
                "{\"abc\": {\"def ghi\": 1}, \"x, y\": 2}"))
        .isEqualTo(json("[1, 2]"));
  }

  @Test
  void a_path_argument_that_selects_nothing_is_a_runtime_error() {
    // AWS: Processing input and output — a path that does not match fails with States.Runtime
    StatesError error = failure("States.Format('{}', $.missing)", "{\"name\": \"x\"}");
    assertThat(error.error()).isEqualTo(StatesError.RUNTIME);
    assertThat(error.cause()).contains("$.missing");
  }

  @Test
  void unknown_functions_and_wrong_argument_counts_fail() {
    // AWS: Intrinsic functions for JSONPath states — each function's documented arguments
    assertIntrinsicFailure(
        failure("States.Nope(1)", "{}"), "Unknown intrinsic function States.Nope");
    assertIntrinsicFailure(
        failure("States.ArrayLength($.a, 1)", "{\"a\": []}"), "takes 1 argument(s) but got 2");
    assertIntrinsicFailure(failure("States.Array(1", "{}"), "expected ',' or ')'");
    assertIntrinsicFailure(failure("States.Array(1) x", "{}"), "unexpected text after");
  }
}
