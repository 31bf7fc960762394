package dev.cutover.asl.choice;

import static dev.cutover.asl.choice.Choices.holds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.asl.StatesError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Values of the wrong type, the {@code Is...} operators, and paths that match nothing. Source: AWS
 * Step Functions developer guide, "Choice workflow state" (Choice Rules (JSONPath)), and the Amazon
 * States Language specification, "Choice State" (Data-test expression).
 */
class TypeSemanticsTest {

  // Amazon States Language, "Choice State": "if the values are not both of the appropriate type
  // ... the comparison will return false"; the guide: "Step Functions doesn't attempt to match a
  // numeric field to a string value".
  @ParameterizedTest(name = "{0} {1} against value {2} is false")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          StringEquals     | "1"                    | 1
          StringEquals     | "true"                 | true
          StringEquals     | "null"                 | null
          StringLessThan   | "b"                    | ["a"]
          NumericEquals    | 1                      | "1"
          NumericLessThan  | 10                     | "5"
          NumericEquals    | 0                      | false
          NumericEquals    | 0                      | null
          BooleanEquals    | true                   | "true"
          BooleanEquals    | false                  | 0
          TimestampEquals  | "2016-08-18T17:33:00Z" | 1471541580
          TimestampEquals  | "2016-08-18T17:33:00Z" | "yesterday"
          StringMatches    | "*"                    | 42
          StringMatches    | "*"                    | {"a": "b"}
          """)
  void aValueOfTheWrongTypeMakesTheComparisonFalseNotAnError(
      String operator, String operand, String value) {
    String rule = "{\"Variable\": \"$.foo\", \"" + operator + "\": " + operand + "}";

    assertThat(holds(rule, "{\"foo\": " + value + "}")).isFalse();
  }

  // Same rule for the Path variants: the other path's value must be of the operator's type too.
  @Test
  void aPathOperandOfTheWrongTypeMakesTheComparisonFalse() {
    assertThat(
            holds(
                "{\"Variable\": \"$.foo\", \"NumericEqualsPath\": \"$.bar\"}",
                "{\"foo\": 5, \"bar\": \"5\"}"))
        .isFalse();
    assertThat(
            holds(
                "{\"Variable\": \"$.foo\", \"StringEqualsPath\": \"$.bar\"}",
                "{\"foo\": \"5\", \"bar\": 5}"))
        .isFalse();
  }

  // "Choice workflow state": "because timestamp fields are logically strings, it's possible that a
  // field considered to be a timestamp can be matched by a StringEquals comparator".
  @Test
  void aTimestampIsAlsoAStringForStringEquals() {
    assertThat(
            holds(
                "{\"Variable\": \"$.foo\", \"StringEquals\": \"2016-08-18T17:33:00Z\"}",
                "{\"foo\": \"2016-08-18T17:33:00Z\"}"))
        .isTrue();
  }

  // Is* operators: "IsNull": true is true for JSON null; false inverts the test.
  @ParameterizedTest(name = "{0}: {1} against value {2} is {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          IsNull      | true  | null                   | true
          IsNull      | true  | 0                      | false
          IsNull      | false | "x"                    | true
          IsNull      | false | null                   | false
          IsNumeric   | true  | 3.14                   | true
          IsNumeric   | true  | "3.14"                 | false
          IsNumeric   | false | "3.14"                 | true
          IsString    | true  | ""                     | true
          IsString    | true  | 1                      | false
          IsString    | false | {}                     | true
          IsBoolean   | true  | false                  | true
          IsBoolean   | true  | "false"                | false
          IsBoolean   | false | "false"                | true
          IsTimestamp | true  | "2016-08-18T17:33:00Z" | true
          IsTimestamp | true  | "2016-08-18"           | false
          IsTimestamp | true  | 1471541580             | false
          IsTimestamp | false | "tomorrow"             | true
          IsPresent   | true  | null                   | true
          IsPresent   | false | null                   | false
          """)
  void typeTestsCheckTheJsonTypeOfThePresentValue(
      String operator, String operand, String value, boolean expected) {
    String rule = "{\"Variable\": \"$.foo\", \"" + operator + "\": " + operand + "}";

    assertThat(holds(rule, "{\"foo\": " + value + "}")).isEqualTo(expected);
  }

  // Amazon States Language, "Choice State", IsPresent: "if the Variable-field Path fails to match
  // anything in the input no exception is thrown and the Choice Rule just returns false".
  @Test
  void isPresentIsFalseWhenTheVariableMatchesNothing() {
    assertThat(holds("{\"Variable\": \"$.missing\", \"IsPresent\": true}", "{}")).isFalse();
    assertThat(holds("{\"Variable\": \"$.missing\", \"IsPresent\": false}", "{}")).isTrue();
    assertThat(holds("{\"Variable\": \"$undeclared\", \"IsPresent\": true}", "{}")).isFalse();
  }

  // "Choice workflow state": "If the state input doesn't contain the $.type field, the execution
  // fails"; Step Functions reports it as States.Runtime.
  @Test
  void aVariableThatMatchesNothingFailsWithStatesRuntime() {
    assertThatThrownBy(
            () -> holds("{\"Variable\": \"$.type\", \"StringEquals\": \"Private\"}", "{}"))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> {
              assertThat(e.error()).isEqualTo(StatesError.RUNTIME);
              assertThat(e.cause())
                  .isEqualTo(
                      "Invalid path '$.type': The choice state's condition path references an"
                          + " invalid value.");
            });
  }

  // Only IsPresent is exempt: the other Is* operators fail on a missing Variable too.
  @Test
  void isNullOnAMissingVariableFailsWithStatesRuntime() {
    assertThatThrownBy(() -> holds("{\"Variable\": \"$.gone\", \"IsNull\": false}", "{}"))
        .isInstanceOfSatisfying(
            StatesError.class, e -> assertThat(e.error()).isEqualTo(StatesError.RUNTIME));
  }

  // The value of a ...Path operator must match something as well.
  @Test
  void aPathOperandThatMatchesNothingFailsWithStatesRuntime() {
    assertThatThrownBy(
            () ->
                holds(
                    "{\"Variable\": \"$.foo\", \"NumericEqualsPath\": \"$.bar\"}", "{\"foo\": 1}"))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> {
              assertThat(e.error()).isEqualTo(StatesError.RUNTIME);
              assertThat(e.cause())
                  .isEqualTo(
                      "Invalid path '$.bar': The choice state's condition path references an"
                          + " invalid value.");
            });
  }

  // A JSON null is present: comparing it is false, not an error.
  @Test
  void aNullValueIsPresentSoComparisonsAreFalseRatherThanErrors() {
    assertThat(holds("{\"Variable\": \"$.foo\", \"StringEquals\": \"x\"}", "{\"foo\": null}"))
        .isFalse();
  }
}
