package dev.cutover.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.asl.choice.ChoiceRule.Check;
import dev.cutover.asl.choice.ChoiceRule.Relation;
import dev.cutover.asl.choice.ChoiceRule.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Choice Rules from their JSON, enforcing the grammar of the Amazon States Language ("Choice
 * State") and the AWS Step Functions developer guide ("Choice workflow state", Choice Rules
 * (JSONPath)): exactly one operator per rule, a {@code Variable} path on every Data-test
 * expression, non-empty {@code And}/{@code Or} arrays, a single rule under {@code Not}, {@code
 * Next} only on top-level rules, and operands of the operator's type.
 */
final class ChoiceRuleParser {

  /** Builds the Data-test rule of one operator once the rule's Variable is known. */
  @FunctionalInterface
  private interface DataTest {
    ChoiceRule build(String variable, JsonNode operand, String location);
  }

  private static final List<String> BOOLEAN_OPERATORS = List.of("And", "Or", "Not");
  private static final Map<String, DataTest> DATA_TESTS = dataTests();

  private ChoiceRuleParser() {}

  /** A member of {@code Choices}: a rule that must carry {@code Next}. */
  static ChoiceRules.Branch topLevel(JsonNode json, String location) {
    ChoiceRule rule = rule(json, location, true);
    JsonNode next = json.get("Next");
    if (next == null) {
      throw new InvalidChoiceRule(location, "Next is required on a top-level Choice Rule");
    }
    if (!next.isTextual() || next.textValue().isEmpty()) {
      throw new InvalidChoiceRule(
          location, "Next must be a non-empty state name, got " + describe(next));
    }
    JsonNode assign = json.get("Assign");
    if (assign != null && !assign.isObject()) {
      throw new InvalidChoiceRule(
          location, "Assign must be a JSON object, got " + describe(assign));
    }
    return new ChoiceRules.Branch(rule, next.textValue(), Optional.ofNullable(assign));
  }

  private static ChoiceRule rule(JsonNode json, String location, boolean topLevel) {
    if (!json.isObject()) {
      throw new InvalidChoiceRule(
          location, "a Choice Rule must be a JSON object, got " + describe(json));
    }
    List<String> operators = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : json.properties()) {
      String name = field.getKey();
      if (BOOLEAN_OPERATORS.contains(name) || DATA_TESTS.containsKey(name)) {
        operators.add(name);
      } else if ((name.equals("Next") || name.equals("Assign")) && !topLevel) {
        throw new InvalidChoiceRule(
            location,
            name + " is only allowed on a top-level Choice Rule, not inside And, Or or Not");
      } else if (name.equals("Comment") && !field.getValue().isTextual()) {
        throw new InvalidChoiceRule(
            location, "Comment must be a string, got " + describe(field.getValue()));
      } else if (!List.of("Variable", "Next", "Assign", "Comment").contains(name)) {
        throw new InvalidChoiceRule(
            location, "unknown field " + name + ": not a comparison operator nor And, Or, Not");
      }
    }
    if (operators.isEmpty()) {
      throw new InvalidChoiceRule(
          location,
          json.has("Variable")
              ? "Variable has no comparison operator (e.g. StringEquals, NumericLessThan,"
                    + " IsPresent)"
              : "a Choice Rule needs And, Or, Not, or a Variable with a comparison operator");
    }
    if (operators.size() > 1) {
      throw new InvalidChoiceRule(
          location,
          "a Choice Rule has exactly one operator, found " + String.join(", ", operators));
    }
    String operator = operators.getFirst();
    JsonNode operand = json.get(operator);
    if (BOOLEAN_OPERATORS.contains(operator)) {
      if (json.has("Variable")) {
        throw new InvalidChoiceRule(location, "Variable is not allowed next to " + operator);
      }
      return operator.equals("Not")
          ? new ChoiceRule.Not(notOperand(operand, location))
          : junction(operator, operand, location);
    }
    return DATA_TESTS.get(operator).build(variable(json, operator, location), operand, location);
  }

  private static ChoiceRule notOperand(JsonNode operand, String location) {
    if (!operand.isObject()) {
      throw new InvalidChoiceRule(
          location, "Not must be a single Choice Rule (a JSON object), got " + describe(operand));
    }
    return rule(operand, location + ".Not", false);
  }

  private static ChoiceRule junction(String operator, JsonNode operand, String location) {
    if (!operand.isArray() || operand.isEmpty()) {
      throw new InvalidChoiceRule(
          location,
          operator + " must be a non-empty array of Choice Rules, got " + describe(operand));
    }
    List<ChoiceRule> rules = new ArrayList<>();
    for (int i = 0; i < operand.size(); i++) {
      rules.add(rule(operand.get(i), location + "." + operator + "[" + i + "]", false));
    }
    return operator.equals("And") ? new ChoiceRule.And(rules) : new ChoiceRule.Or(rules);
  }

  private static String variable(JsonNode json, String operator, String location) {
    JsonNode variable = json.get("Variable");
    if (variable == null) {
      throw new InvalidChoiceRule(location, "Variable is required with " + operator);
    }
    return path(variable, "Variable", location);
  }

  private static String path(JsonNode value, String field, String location) {
    if (!value.isTextual() || !value.textValue().startsWith("$")) {
      throw new InvalidChoiceRule(
          location, field + " must be a path beginning with $, got " + describe(value));
    }
    return value.textValue();
  }

  private static Map<String, DataTest> dataTests() {
    Map<String, DataTest> tests = new LinkedHashMap<>();
    for (ValueType type : ValueType.values()) {
      for (Relation relation : Relation.values()) {
        if (type == ValueType.BOOLEAN && relation != Relation.EQUALS) {
          continue;
        }
        String name = type.prefix() + relation.suffix();
        tests.put(
            name,
            (variable, operand, location) -> {
              if (!type.accepts(operand)) {
                throw new InvalidChoiceRule(
                    location, name + " must be " + article(type) + ", got " + describe(operand));
              }
              return new ChoiceRule.Compare(variable, type, relation, operand);
            });
        tests.put(
            name + "Path",
            (variable, operand, location) ->
                new ChoiceRule.ComparePath(
                    variable, type, relation, path(operand, name + "Path", location)));
      }
    }
    tests.put(
        "StringMatches",
        (variable, operand, location) -> {
          if (!operand.isTextual()) {
            throw new InvalidChoiceRule(
                location, "StringMatches must be a string pattern, got " + describe(operand));
          }
          return new ChoiceRule.StringMatches(variable, operand.textValue());
        });
    for (Check check : Check.values()) {
      tests.put(
          check.operator(),
          (variable, operand, location) -> {
            if (!operand.isBoolean()) {
              throw new InvalidChoiceRule(
                  location, check.operator() + " must be true or false, got " + describe(operand));
            }
            return new ChoiceRule.TypeTest(variable, check, operand.booleanValue());
          });
    }
    return Map.copyOf(tests);
  }

  private static String article(ValueType type) {
    return switch (type) {
      case STRING -> "a string";
      case NUMERIC -> "a number";
      case BOOLEAN -> "true or false";
      case TIMESTAMP ->
          "an RFC 3339 timestamp with uppercase T and Z (e.g. \"2016-03-14T01:59:00Z\")";
    };
  }

  /** A JSON value as it appears in the definition, cut short when long. */
  static String describe(JsonNode value) {
    String text = value.toString();
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }
}
