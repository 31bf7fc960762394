package dev.cutover.asl.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Definitions that break the Choice Rule grammar, rejected when parsed. Source: Amazon States
 * Language specification, "Choice State" ("Each choice rule MUST contain exactly one field
 * containing a comparison operator", "A Data-test Expression MUST contain a field named Variable
 * whose value MUST be a Path", And/Or "MUST be an non-empty object array of Choice Rules, which
 * MUST NOT contain Next fields", Not "MUST be a single Choice Rule"), and AWS Step Functions
 * developer guide, "Choice workflow state" ("the corresponding value must be of the appropriate
 * type", "the Next field can appear only in a top-level Choice Rule").
 */
class InvalidChoiceRuleTest {

  private static void rejects(String choicesJson, String location, String problem) {
    assertThatThrownBy(() -> Choices.state(choicesJson, Optional.of("Default")))
        .isInstanceOf(InvalidChoiceRule.class)
        .hasMessage(location + ": " + problem)
        .satisfies(
            e -> {
              InvalidChoiceRule invalid = (InvalidChoiceRule) e;
              assertThat(invalid.location()).isEqualTo(location);
              assertThat(invalid.problem()).isEqualTo(problem);
            });
  }

  @Test
  void anUnknownOperatorIsNamed() {
    rejects(
        """
        [
          {"Variable": "$.a", "StringEquals": "x", "Next": "A"},
          {"Variable": "$.a", "IsPresent": true, "Next": "B"},
          {"Variable": "$.a", "StringEqualz": "x", "Next": "C"}
        ]
        """,
        "States.Check.Choices[2]",
        "unknown field StringEqualz: not a comparison operator nor And, Or, Not");
  }

  // The operators without a Path variant: StringMatches and the Is* tests.
  @Test
  void stringMatchesAndIsOperatorsHaveNoPathVariant() {
    rejects(
        "[{\"Variable\": \"$.a\", \"StringMatchesPath\": \"$.b\", \"Next\": \"A\"}]",
        "States.Check.Choices[0]",
        "unknown field StringMatchesPath: not a comparison operator nor And, Or, Not");
    rejects(
        "[{\"Variable\": \"$.a\", \"IsNullPath\": \"$.b\", \"Next\": \"A\"}]",
        "States.Check.Choices[0]",
        "unknown field IsNullPath: not a comparison operator nor And, Or, Not");
  }

  // Booleans have only BooleanEquals(Path).
  @Test
  void booleanHasNoOrderingOperators() {
    rejects(
        "[{\"Variable\": \"$.a\", \"BooleanLessThan\": true, \"Next\": \"A\"}]",
        "States.Check.Choices[0]",
        "unknown field BooleanLessThan: not a comparison operator nor And, Or, Not");
  }

  @Test
  void twoOperatorsInOneRuleAreRejected() {
    rejects(
        "[{\"Variable\": \"$.a\", \"NumericGreaterThan\": 1, \"NumericLessThan\": 9, \"Next\":"
            + " \"A\"}]",
        "States.Check.Choices[0]",
        "a Choice Rule has exactly one operator, found NumericGreaterThan, NumericLessThan");
  }

  @Test
  void andNextToAComparisonIsTwoOperators() {
    rejects(
        """
        [{"And": [{"Variable": "$.a", "IsNull": true}], "Variable": "$.a",
          "IsPresent": true, "Next": "A"}]
        """,
        "States.Check.Choices[0]",
        "a Choice Rule has exactly one operator, found And, IsPresent");
  }

  @Test
  void aComparisonWithoutVariableIsRejected() {
    rejects(
        "[{\"NumericEquals\": 1, \"Next\": \"A\"}]",
        "States.Check.Choices[0]",
        "Variable is required with NumericEquals");
  }

  @Test
  void aVariableWithoutOperatorIsRejected() {
    rejects(
        "[{\"Variable\": \"$.a\", \"Next\": \"A\"}]",
        "States.Check.Choices[0]",
        "Variable has no comparison operator (e.g. StringEquals, NumericLessThan, IsPresent)");
  }

  @Test
  void aRuleWithNoOperatorAtAllIsRejected() {
    rejects(
        "[{\"Next\": \"A\"}]",
        "States.Check.Choices[0]",
        "a Choice Rule needs And, Or, Not, or a Variable with a comparison operator");
  }

  @Test
  void variableMustBeAPath() {
    rejects(
        "[{\"Variable\": \"foo\", \"StringEquals\": \"x\", \"Next\": \"A\"}]",
        "States.Check.Choices[0]",
        "Variable must be a path beginning with $, got \"foo\"");
    rejects(
        "[{\"Variable\": 3, \"StringEquals\": \"x\", \"Next\": \"A\"}]",
        "States.Check.Choices[0]",
        "Variable must be a path beginning with $, got 3");
  }

  @Test
  void variableIsNotAllowedNextToABooleanOperator() {
    rejects(
        "[{\"Variable\": \"$.a\", \"Not\": {\"Variable\": \"$.a\", \"IsNull\": true}, \"Next\":"
            + " \"A\"}]",
        "States.Check.Choices[0]",
        "Variable is not allowed next to Not");
  }

  @Test
  void nextInsideAndIsRejectedAtTheNestedRule() {
    rejects(
        """
        [
          {"Variable": "$.a", "IsPresent": true, "Next": "A"},
          {"Variable": "$.a", "IsNull": true, "Next": "B"},
          {"And": [
            {"Variable": "$.a", "NumericEquals": 1, "Next": "Inner"},
            {"Variable": "$.b", "NumericEquals": 2}
          ], "Next": "C"}
        ]
        """,
        "States.Check.Choices[2].And[0]",
        "Next is only allowed on a top-level Choice Rule, not inside And, Or or Not");
  }

  @Test
  void nextInsideNotIsRejectedAtTheNestedRule() {
    rejects(
        "[{\"Not\": {\"Variable\": \"$.a\", \"IsNull\": true, \"Next\": \"X\"}, \"Next\": \"A\"}]",
        "States.Check.Choices[0].Not",
        "Next is only allowed on a top-level Choice Rule, not inside And, Or or Not");
  }

  @Test
  void deeplyNestedErrorsCarryTheFullLocation() {
    rejects(
        """
        [
          {"Variable": "$.a", "IsPresent": true, "Next": "A"},
          {"Or": [
            {"Variable": "$.a", "IsNull": true},
            {"Not": {"And": [{"Variable": "$.b", "NumericEquals": "1"}]}}
          ], "Next": "B"}
        ]
        """,
        "States.Check.Choices[1].Or[1].Not.And[0]",
        "NumericEquals must be a number, got \"1\"");
  }

  @Test
  void aTopLevelRuleWithoutNextIsRejected() {
    rejects(
        "[{\"Variable\": \"$.a\", \"StringEquals\": \"x\"}]",
        "States.Check.Choices[0]",
        "Next is required on a top-level Choice Rule");
  }

  @Test
  void nextMustBeANonEmptyStateName() {
    rejects(
        "[{\"Variable\": \"$.a\", \"StringEquals\": \"x\", \"Next\": \"\"}]",
        "States.Check.Choices[0]",
        "Next must be a non-empty state name, got \"\"");
  }

  @Test
  void andMustBeANonEmptyArray() {
    rejects(
        "[{\"And\": [], \"Next\": \"A\"}]",
        "States.Check.Choices[0]",
        "And must be a non-empty array of Choice Rules, got []");
    rejects(
        "[{\"Or\": {\"Variable\": \"$.a\", \"IsNull\": true}, \"Next\": \"A\"}]",
        "States.Check.Choices[0]",
        "Or must be a non-empty array of Choice Rules, got {\"Variable\":\"$.a\",\"IsNull\":true}");
  }

  @Test
  void notMustBeASingleRule() {
    rejects(
        "[{\"Not\": [{\"Variable\": \"$.a\", \"IsNull\": true}], \"Next\": \"A\"}]",
        "States.Check.Choices[0]",
        "Not must be a single Choice Rule (a JSON object), got"
            + " [{\"Variable\":\"$.a\",\"IsNull\":true}]");
  }

  @Test
  void aRuleMustBeAnObject() {
    rejects(
        "[{\"And\": [\"$.a\"], \"Next\": \"A\"}]",
        "States.Check.Choices[0].And[0]",
        "a Choice Rule must be a JSON object, got \"$.a\"");
  }

  @Test
  void numericOperatorsNeedANumber() {
    rejects(
        "[{\"Variable\": \"$.a\", \"NumericEquals\": \"1\", \"Next\": \"A\"}]",
        "States.Check.Choices[0]",
        "NumericEquals must be a number, got \"1\"");
  }

  @Test
  void stringOperatorsNeedAString() {
    rejects(
        "[{\"Variable\": \"$.a\", \"StringLessThan\": 5, \"Next\": \"A\"}]",
        "States.Check.Choices[0]",
        "StringLessThan must be a string, got 5");
  }

  @Test
  void booleanEqualsNeedsABoolean() {
    rejects(
        "[{\"Variable\": \"$.a\", \"BooleanEquals\": \"true\", \"Next\": \"A\"}]",
        "States.Check.Choices[0]",
        "BooleanEquals must be true or false, got \"true\"");
  }

  @Test
  void timestampOperatorsNeedAnAslTimestamp() {
    rejects(
        "[{\"Variable\": \"$.a\", \"TimestampEquals\": \"2016-08-18T17:33:00z\", \"Next\": \"A\"}]",
        "States.Check.Choices[0]",
        "TimestampEquals must be an RFC 3339 timestamp with uppercase T and Z (e.g."
            + " \"2016-03-14T01:59:00Z\"), got \"2016-08-18T17:33:00z\"");
  }

  @Test
  void pathOperatorsNeedAPath() {
    rejects(
        "[{\"Variable\": \"$.a\", \"StringEqualsPath\": \"b\", \"Next\": \"A\"}]",
        "States.Check.Choices[0]",
        "StringEqualsPath must be a path beginning with $, got \"b\"");
    rejects(
        "[{\"Variable\": \"$.a\", \"NumericLessThanPath\": 3, \"Next\": \"A\"}]",
        "States.Check.Choices[0]",
        "NumericLessThanPath must be a path beginning with $, got 3");
  }

  @Test
  void isOperatorsNeedABoolean() {
    rejects(
        "[{\"Variable\": \"$.a\", \"IsPresent\": \"true\", \"Next\": \"A\"}]",
        "States.Check.Choices[0]",
        "IsPresent must be true or false, got \"true\"");
  }

  @Test
  void stringMatchesNeedsAString() {
    rejects(
        "[{\"Variable\": \"$.a\", \"StringMatches\": 5, \"Next\": \"A\"}]",
        "States.Check.Choices[0]",
        "StringMatches must be a string pattern, got 5");
  }

  @Test
  void assignIsOnlyForTopLevelRulesAndMustBeAnObject() {
    rejects(
        "[{\"Not\": {\"Variable\": \"$.a\", \"IsNull\": true, \"Assign\": {}}, \"Next\": \"A\"}]",
        "States.Check.Choices[0].Not",
        "Assign is only allowed on a top-level Choice Rule, not inside And, Or or Not");
    rejects(
        "[{\"Variable\": \"$.a\", \"IsNull\": true, \"Assign\": [1], \"Next\": \"A\"}]",
        "States.Check.Choices[0]",
        "Assign must be a JSON object, got [1]");
  }

  @Test
  void choicesMustBeANonEmptyArray() {
    rejects(
        "[]", "States.Check.Choices", "Choices must be a non-empty array of Choice Rules, got []");
    rejects(
        "{\"Variable\": \"$.a\", \"IsNull\": true, \"Next\": \"A\"}",
        "States.Check.Choices",
        "Choices must be a non-empty array of Choice Rules, got"
            + " {\"Variable\":\"$.a\",\"IsNull\":true,\"Next\":\"A\"}");
  }
}
