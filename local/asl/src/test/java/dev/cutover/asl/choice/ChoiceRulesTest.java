package dev.cutover.asl.choice;

import static dev.cutover.asl.choice.Choices.holds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.asl.StatesError;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Whole Choice states: rule order, {@code And}/{@code Or}/{@code Not}, {@code Default} and {@code
 * States.NoChoiceMatched}. Source: AWS Step Functions developer guide, "Choice workflow state", and
 * Amazon States Language specification, "Choice State" (Boolean expression).
 */
class ChoiceRulesTest {

  /** The guide's "ChoiceStateX" example. */
  private static final ChoiceRules CHOICE_STATE_X =
      Choices.state(
          """
          [
            {"Not": {"Variable": "$.type", "StringEquals": "Private"}, "Next": "Public"},
            {"Variable": "$.value", "NumericEquals": 0, "Next": "ValueIsZero"},
            {
              "And": [
                {"Variable": "$.value", "NumericGreaterThanEquals": 20},
                {"Variable": "$.value", "NumericLessThan": 30}
              ],
              "Next": "ValueInTwenties"
            }
          ]
          """,
          Optional.of("DefaultState"));

  private static String choiceStateX(String input) {
    return CHOICE_STATE_X.nextState(JsonPathResolver.over(input));
  }

  // "Step Functions transitions to the ValueInTwenties state, based on the value field."
  @Test
  void theGuideExampleGoesToValueInTwenties() {
    assertThat(choiceStateX("{\"type\": \"Private\", \"value\": 22}")).isEqualTo("ValueInTwenties");
  }

  @Test
  void theGuideExampleTakesNotForANonPrivateType() {
    assertThat(choiceStateX("{\"type\": \"Public\", \"value\": 22}")).isEqualTo("Public");
  }

  @Test
  void theGuideExampleTakesTheNumericEqualsRule() {
    assertThat(choiceStateX("{\"type\": \"Private\", \"value\": 0}")).isEqualTo("ValueIsZero");
  }

  // "If there are no matches for the Choice state's Choices, the state provided in the Default
  // field runs instead."
  @Test
  void noMatchingRuleTransitionsToDefault() {
    assertThat(choiceStateX("{\"type\": \"Private\", \"value\": 30}")).isEqualTo("DefaultState");
  }

  // "You must specify the $.type field. If the state input doesn't contain the $.type field, the
  // execution fails."
  @Test
  void theGuideExampleFailsWhenTypeIsMissing() {
    assertThatThrownBy(() -> choiceStateX("{\"value\": 22}"))
        .isInstanceOfSatisfying(
            StatesError.class, e -> assertThat(e.error()).isEqualTo(StatesError.RUNTIME));
  }

  // Amazon States Language: "The interpreter will raise a runtime States.NoChoiceMatched error if a
  // Choice State fails to match a Choice Rule and no "Default" transition was specified."
  @Test
  void noMatchAndNoDefaultFailsWithNoChoiceMatched() {
    ChoiceRules rules =
        Choices.state(
            "[{\"Variable\": \"$.value\", \"NumericEquals\": 1, \"Next\": \"One\"}]",
            Optional.empty());

    assertThatThrownBy(() -> rules.nextState(JsonPathResolver.over("{\"value\": 2}")))
        .isInstanceOfSatisfying(
            StatesError.class,
            e -> {
              assertThat(e.error()).isEqualTo(StatesError.NO_CHOICE_MATCHED);
              assertThat(e.cause())
                  .isEqualTo("No Choice Rule matched in state 'Check' and it has no Default");
            });
  }

  // "it transitions to the state specified in the Next field of the first Choice Rule in which the
  // variable matches".
  @Test
  void theFirstMatchingRuleWinsOverLaterOnes() {
    ChoiceRules rules =
        Choices.state(
            """
            [
              {"Variable": "$.n", "NumericGreaterThan": 10, "Next": "Big"},
              {"Variable": "$.n", "NumericGreaterThan": 100, "Next": "Huge"}
            ]
            """,
            Optional.of("Small"));

    assertThat(rules.nextState(JsonPathResolver.over("{\"n\": 500}"))).isEqualTo("Big");
  }

  // Rules after the matching one are not evaluated, so they cannot fail the state.
  @Test
  void rulesAfterTheMatchAreNotEvaluated() {
    ChoiceRules rules =
        Choices.state(
            """
            [
              {"Variable": "$.n", "IsPresent": true, "Next": "Present"},
              {"Variable": "$.absent", "StringEquals": "x", "Next": "Never"}
            ]
            """,
            Optional.empty());

    assertThat(rules.nextState(JsonPathResolver.over("{\"n\": 1}"))).isEqualTo("Present");
  }

  // The guide: "the StringEquals rule is only evaluated when $.keyThatMightNotExist exists because
  // of the preceding IsPresent Choice Rule"; the spec: And stops "when the boolean value has been
  // unambiguously determined".
  @Test
  void andStopsAtTheFirstFalseRuleSoIsPresentGuardsAMissingKey() {
    String rule =
        """
        {"And": [
          {"Variable": "$.keyThatMightNotExist", "IsPresent": true},
          {"Variable": "$.keyThatMightNotExist", "StringEquals": "foo"}
        ]}
        """;

    assertThat(holds(rule, "{}")).isFalse();
    assertThat(holds(rule, "{\"keyThatMightNotExist\": \"foo\"}")).isTrue();
    assertThat(holds(rule, "{\"keyThatMightNotExist\": \"bar\"}")).isFalse();
  }

  @Test
  void orStopsAtTheFirstTrueRule() {
    String rule =
        """
        {"Or": [
          {"Variable": "$.mode", "IsPresent": false},
          {"Variable": "$.mode", "StringEquals": "default"}
        ]}
        """;

    assertThat(holds(rule, "{}")).isTrue();
    assertThat(holds(rule, "{\"mode\": \"default\"}")).isTrue();
    assertThat(holds(rule, "{\"mode\": \"custom\"}")).isFalse();
  }

  @Test
  void notInvertsItsRule() {
    assertThat(
            holds(
                "{\"Not\": {\"Variable\": \"$.flag\", \"BooleanEquals\": true}}",
                "{\"flag\": true}"))
        .isFalse();
    assertThat(
            holds(
                "{\"Not\": {\"Variable\": \"$.flag\", \"BooleanEquals\": true}}",
                "{\"flag\": false}"))
        .isTrue();
  }

  // A Not over a comparison whose value has the wrong type is true: the comparison is false.
  @Test
  void notOfAWrongTypeComparisonIsTrue() {
    assertThat(holds("{\"Not\": {\"Variable\": \"$.n\", \"NumericEquals\": 1}}", "{\"n\": \"1\"}"))
        .isTrue();
  }

  // "You can create complex, nested Choice Rules using And, Not, and Or."
  @Test
  void nestedAndOrNotCombine() {
    String rule =
        """
        {"And": [
          {"Variable": "$.order.total", "NumericGreaterThan": 0},
          {"Or": [
            {"Variable": "$.order.country", "StringEquals": "FR"},
            {"Not": {"Or": [
              {"Variable": "$.order.express", "BooleanEquals": false},
              {"Variable": "$.order.express", "IsNull": true}
            ]}}
          ]}
        ]}
        """;

    assertThat(holds(rule, "{\"order\": {\"total\": 5, \"country\": \"FR\", \"express\": null}}"))
        .isTrue();
    assertThat(holds(rule, "{\"order\": {\"total\": 5, \"country\": \"DE\", \"express\": true}}"))
        .isTrue();
    assertThat(holds(rule, "{\"order\": {\"total\": 5, \"country\": \"DE\", \"express\": false}}"))
        .isFalse();
    assertThat(holds(rule, "{\"order\": {\"total\": 0, \"country\": \"FR\", \"express\": true}}"))
        .isFalse();
  }

  // The spec's "DispatchEvent" example: IsPresent, IsNumeric and a range inside one And.
  @Test
  void theSpecificationExampleChecksPresenceAndTypeBeforeTheRange() {
    ChoiceRules dispatch =
        Choices.state(
            """
            [
              {"Not": {"Variable": "$.type", "StringEquals": "Private"}, "Next": "Public"},
              {"And": [
                {"Variable": "$.value", "IsPresent": true},
                {"Variable": "$.value", "IsNumeric": true},
                {"Variable": "$.value", "NumericGreaterThanEquals": 20},
                {"Variable": "$.value", "NumericLessThan": 30}
              ], "Next": "ValueInTwenties"},
              {"Variable": "$.rating", "NumericGreaterThanPath": "$.auditThreshold",
               "Next": "StartAudit"}
            ]
            """,
            Optional.of("RecordEvent"));

    assertThat(dispatch.nextState(JsonPathResolver.over("{\"type\": \"Private\", \"value\": 22}")))
        .isEqualTo("ValueInTwenties");
    assertThat(
            dispatch.nextState(
                JsonPathResolver.over(
                    "{\"type\": \"Private\", \"value\": \"22\", \"rating\": 9,"
                        + " \"auditThreshold\": 5}")))
        .isEqualTo("StartAudit");
    assertThat(
            dispatch.nextState(
                JsonPathResolver.over(
                    "{\"type\": \"Private\", \"rating\": 1, \"auditThreshold\": 5}")))
        .isEqualTo("RecordEvent");
  }

  // Each Choice Rule may carry its own Assign, taken only when that rule matches.
  @Test
  void firstMatchExposesTheMatchingRulesNextAndAssign() {
    ChoiceRules rules =
        Choices.state(
            """
            [
              {"Variable": "$.n", "NumericLessThan": 0, "Next": "Negative",
               "Assign": {"sign": -1}},
              {"Variable": "$.n", "NumericGreaterThan": 0, "Next": "Positive",
               "Assign": {"sign": 1}, "Comment": "strictly positive"}
            ]
            """,
            Optional.of("Zero"));

    ChoiceRules.Branch branch = rules.firstMatch(JsonPathResolver.over("{\"n\": 3}")).orElseThrow();

    assertThat(branch.next()).isEqualTo("Positive");
    assertThat(branch.assign()).contains(JsonPathResolver.json("{\"sign\": 1}"));
    assertThat(rules.firstMatch(JsonPathResolver.over("{\"n\": 0}"))).isEmpty();
    assertThat(rules.nextState(JsonPathResolver.over("{\"n\": 0}"))).isEqualTo("Zero");
  }

  @Test
  void parsedRulesKeepTheirOrderAndDefault() {
    ChoiceRules rules =
        Choices.state(
            """
            [
              {"Variable": "$.a", "IsPresent": true, "Next": "A"},
              {"Variable": "$.b", "StringMatches": "x*", "Next": "B"}
            ]
            """,
            Optional.of("C"));

    assertThat(rules.branches()).extracting(ChoiceRules.Branch::next).containsExactly("A", "B");
    assertThat(rules.branches().get(1).rule()).isEqualTo(new ChoiceRule.StringMatches("$.b", "x*"));
    assertThat(rules.defaultState()).contains("C");
  }
}
