package dev.cutover.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** Builds Choice states for the tests from JSON text. */
final class Choices {

  static final String MATCHED = "Matched";
  static final String NOT_MATCHED = "NotMatched";

  private Choices() {}

  /** Whether one rule (given without Next) holds for an input, run as a whole Choice state. */
  static boolean holds(String ruleJson, String inputJson) {
    return holds((ObjectNode) JsonPathResolver.json(ruleJson), JsonPathResolver.over(inputJson));
  }

  /** Whether one rule (given without Next) holds for what a resolver sees. */
  static boolean holds(ObjectNode rule, PathResolver resolver) {
    ArrayNode choices = JsonPathResolver.MAPPER.createArrayNode();
    choices.add(rule.deepCopy().put("Next", MATCHED));
    String next = ChoiceRules.parse("Check", choices, Optional.of(NOT_MATCHED)).nextState(resolver);
    return next.equals(MATCHED);
  }

  /** A Data-test rule {@code {"Variable": variable, operator: operand}}. */
  static ObjectNode rule(String variable, String operator, JsonNode operand) {
    ObjectNode rule = JsonPathResolver.MAPPER.createObjectNode();
    rule.put("Variable", variable);
    rule.set(operator, operand);
    return rule;
  }

  /** The rules of a state named {@code Check}, from its Choices array and Default. */
  static ChoiceRules state(String choicesJson, Optional<String> defaultState) {
    return ChoiceRules.parse("Check", JsonPathResolver.json(choicesJson), defaultState);
  }
}
