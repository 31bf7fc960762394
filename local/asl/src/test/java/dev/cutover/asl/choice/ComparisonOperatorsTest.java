package dev.cutover.asl.choice;

import static dev.cutover.asl.choice.Choices.holds;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every comparison operator, with a constant and with a {@code ...Path}, true and false. Source:
 * AWS Step Functions developer guide, "Choice workflow state" (Choice Rules (JSONPath)), and the
 * Amazon States Language specification, "Choice State" (Data-test expression).
 */
class ComparisonOperatorsTest {

  // "Choice workflow state": the example rules compare $.foo with a constant of the operator's
  // type.
  @ParameterizedTest(name = "{0}: {1} against value {2} is {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          StringEquals               | "MyString"    | "MyString"    | true
          StringEquals               | "MyString"    | "mystring"    | false
          StringLessThan             | "b"           | "a"           | true
          StringLessThan             | "b"           | "b"           | false
          StringGreaterThan          | "MyStringABC" | "MyStringABD" | true
          StringGreaterThan          | "MyStringABC" | "MyStringAB"  | false
          StringLessThanEquals       | "b"           | "b"           | true
          StringLessThanEquals       | "b"           | "c"           | false
          StringGreaterThanEquals    | "b"           | "b"           | true
          StringGreaterThanEquals    | "b"           | "a"           | false
          NumericEquals              | 1             | 1             | true
          NumericEquals              | 1             | 2             | false
          NumericLessThan            | 30            | 29.999        | true
          NumericLessThan            | 30            | 30            | false
          NumericGreaterThan         | 20            | 21            | true
          NumericGreaterThan         | 20            | 20            | false
          NumericLessThanEquals      | 30            | 30            | true
          NumericLessThanEquals      | 30            | 31            | false
          NumericGreaterThanEquals   | 20            | 20            | true
          NumericGreaterThanEquals   | 20            | 19.5          | false
          BooleanEquals              | true          | true          | true
          BooleanEquals              | true          | false         | false
          BooleanEquals              | false         | false         | true
          TimestampEquals            | "2001-01-01T12:00:00Z" | "2001-01-01T12:00:00Z" | true
          TimestampEquals            | "2001-01-01T12:00:00Z" | "2001-01-01T12:00:01Z" | false
          TimestampLessThan          | "2016-08-18T17:33:00Z" | "2016-08-18T17:32:59Z" | true
          TimestampLessThan          | "2016-08-18T17:33:00Z" | "2016-08-18T17:33:00Z" | false
          TimestampGreaterThan       | "2016-08-18T17:33:00Z" | "2016-08-19T00:00:00Z" | true
          TimestampGreaterThan       | "2016-08-18T17:33:00Z" | "2016-08-18T17:33:00Z" | false
          TimestampLessThanEquals    | "2016-08-18T17:33:00Z" | "2016-08-18T17:33:00Z" | true
          TimestampLessThanEquals    | "2016-08-18T17:33:00Z" | "2016-08-18T17:33:01Z" | false
          TimestampGreaterThanEquals | "2016-08-18T17:33:00Z" | "2016-08-18T17:33:00Z" | true
          TimestampGreaterThanEquals | "2016-08-18T17:33:00Z" | "2015-08-18T17:33:00Z" | false
          """)
  void comparesTheVariableWithAConstant(
      String operator, String operand, String value, boolean expected) {
    String rule = "{\"Variable\": \"$.foo\", \"" + operator + "\": " + operand + "}";

    assertThat(holds(rule, "{\"foo\": " + value + "}")).isEqualTo(expected);
  }

  // "Choice workflow state": "the value of Variable can be compared with another value from the
  // state input by appending Path to name of supported comparison operators".
  @ParameterizedTest(name = "{0}: $.foo = {1}, $.bar = {2} is {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          StringEqualsPath               | "abc"   | "abc"   | true
          StringEqualsPath               | "abc"   | "abd"   | false
          StringLessThanPath             | "abc"   | "abd"   | true
          StringLessThanPath             | "abd"   | "abc"   | false
          StringGreaterThanPath          | "abd"   | "abc"   | true
          StringGreaterThanPath          | "abc"   | "abc"   | false
          StringLessThanEqualsPath       | "abc"   | "abc"   | true
          StringLessThanEqualsPath       | "abd"   | "abc"   | false
          StringGreaterThanEqualsPath    | "abc"   | "abc"   | true
          StringGreaterThanEqualsPath    | "abc"   | "abd"   | false
          NumericEqualsPath              | 7       | 7       | true
          NumericEqualsPath              | 7       | 8       | false
          NumericLessThanPath            | 7       | 8       | true
          NumericLessThanPath            | 8       | 7       | false
          NumericGreaterThanPath         | 8.5     | 8       | true
          NumericGreaterThanPath         | 8       | 8       | false
          NumericLessThanEqualsPath      | 8       | 8       | true
          NumericLessThanEqualsPath      | 9       | 8       | false
          NumericGreaterThanEqualsPath   | 8       | 8       | true
          NumericGreaterThanEqualsPath   | 7       | 8       | false
          BooleanEqualsPath              | true    | true    | true
          BooleanEqualsPath              | true    | false   | false
          TimestampEqualsPath            | "2020-05-01T00:00:00Z" | "2020-05-01T00:00:00Z" | true
          TimestampEqualsPath            | "2020-05-01T00:00:00Z" | "2020-05-02T00:00:00Z" | false
          TimestampLessThanPath          | "2020-05-01T00:00:00Z" | "2020-05-02T00:00:00Z" | true
          TimestampLessThanPath          | "2020-05-02T00:00:00Z" | "2020-05-01T00:00:00Z" | false
          TimestampGreaterThanPath       | "2020-05-02T00:00:00Z" | "2020-05-01T00:00:00Z" | true
          TimestampGreaterThanPath       | "2020-05-01T00:00:00Z" | "2020-05-01T00:00:00Z" | false
          TimestampLessThanEqualsPath    | "2020-05-01T00:00:00Z" | "2020-05-01T00:00:00Z" | true
          TimestampLessThanEqualsPath    | "2020-05-02T00:00:00Z" | "2020-05-01T00:00:00Z" | false
          TimestampGreaterThanEqualsPath | "2020-05-01T00:00:00Z" | "2020-05-01T00:00:00Z" | true
          TimestampGreaterThanEqualsPath | "2020-05-01T00:00:00Z" | "2020-05-02T00:00:00Z" | false
          """)
  void comparesTheVariableWithTheValueOfAnotherPath(
      String operator, String foo, String bar, boolean expected) {
    String rule = "{\"Variable\": \"$.foo\", \"" + operator + "\": \"$.bar\"}";

    assertThat(holds(rule, "{\"foo\": " + foo + ", \"bar\": " + bar + "}")).isEqualTo(expected);
  }

  // Amazon States Language, "Choice State": the spec's example compares $.rating with
  // "NumericGreaterThanPath": "$.auditThreshold".
  @Test
  void numericGreaterThanPathFromTheSpecificationExample() {
    String rule = "{\"Variable\": \"$.rating\", \"NumericGreaterThanPath\": \"$.auditThreshold\"}";

    assertThat(holds(rule, "{\"rating\": 53, \"auditThreshold\": 50}")).isTrue();
    assertThat(holds(rule, "{\"rating\": 50, \"auditThreshold\": 50}")).isFalse();
  }

  // "Choice workflow state": a Path operator may name a workflow variable ($name) as well as the
  // state input.
  @Test
  void pathOperatorsReadWorkflowVariables() {
    PathResolver resolver =
        new JsonPathResolver(
            JsonPathResolver.json("{\"count\": 4}"),
            Map.of("limit", JsonPathResolver.json("{\"max\": 5}")));

    assertThat(
            Choices.holds(
                Choices.rule(
                    "$.count", "NumericLessThanPath", JsonPathResolver.json("\"$limit.max\"")),
                resolver))
        .isTrue();
    assertThat(
            Choices.holds(
                Choices.rule("$limit.max", "NumericEquals", JsonPathResolver.json("5")), resolver))
        .isTrue();
  }

  // Amazon States Language, "Choice State": "The various String comparators compare strings
  // character-by-character with no special treatments such as case-folding"; the guide points to
  // Java's String.compareTo.
  @Test
  void stringOrderingIsJavaCompareToSoUppercaseSortsBeforeLowercase() {
    assertThat(holds("{\"Variable\": \"$.foo\", \"StringLessThan\": \"a\"}", "{\"foo\": \"Z\"}"))
        .isTrue();
    assertThat(holds("{\"Variable\": \"$.foo\", \"StringLessThan\": \"a\"}", "{\"foo\": \"ab\"}"))
        .isFalse();
    assertThat(holds("{\"Variable\": \"$.foo\", \"StringLessThan\": \"ab\"}", "{\"foo\": \"a\"}"))
        .isTrue();
  }

  // Amazon States Language, "Choice State": no white-space collapsing or Unicode normalization.
  @Test
  void stringEqualsDoesNotTrimOrNormalize() {
    assertThat(holds("{\"Variable\": \"$.foo\", \"StringEquals\": \"a\"}", "{\"foo\": \" a\"}"))
        .isFalse();
    assertThat(
            holds(
                "{\"Variable\": \"$.foo\", \"StringEquals\": \"\\u00e9\"}",
                "{\"foo\": \"e\\u0301\"}"))
        .isFalse();
  }

  // JSON numbers compare by value: an integer equals the same float.
  @Test
  void integerAndFloatOfTheSameValueAreNumericallyEqual() {
    assertThat(holds("{\"Variable\": \"$.foo\", \"NumericEquals\": 1}", "{\"foo\": 1.0}")).isTrue();
    assertThat(holds("{\"Variable\": \"$.foo\", \"NumericEquals\": 1.0}", "{\"foo\": 1}")).isTrue();
    assertThat(holds("{\"Variable\": \"$.foo\", \"NumericEquals\": 0}", "{\"foo\": -0.0}"))
        .isTrue();
    assertThat(holds("{\"Variable\": \"$.foo\", \"NumericEquals\": 100}", "{\"foo\": 1e2}"))
        .isTrue();
  }

  // "Choice workflow state": integers inside [-(2^53)+1, (2^53)-1] compare exactly; integers are
  // compared exactly beyond it too.
  @Test
  void largeIntegersCompareExactly() {
    assertThat(
            holds(
                "{\"Variable\": \"$.foo\", \"NumericEquals\": 9007199254740991}",
                "{\"foo\": 9007199254740991}"))
        .isTrue();
    assertThat(
            holds(
                "{\"Variable\": \"$.foo\", \"NumericLessThan\": 9007199254740993}",
                "{\"foo\": 9007199254740992}"))
        .isTrue();
  }

  @Test
  void negativeNumbersAndFractionsOrderByValue() {
    assertThat(holds("{\"Variable\": \"$.foo\", \"NumericLessThan\": -1}", "{\"foo\": -1.5}"))
        .isTrue();
    assertThat(holds("{\"Variable\": \"$.foo\", \"NumericGreaterThan\": 0.1}", "{\"foo\": 0.2}"))
        .isTrue();
  }
}
