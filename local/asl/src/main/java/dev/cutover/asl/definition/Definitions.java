package dev.cutover.asl.definition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.asl.choice.ChoiceRules;
import dev.cutover.asl.choice.InvalidChoiceRule;
import dev.cutover.asl.jsonata.JsonataEvaluator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an Amazon States Language definition and refuses, at creation and with every reason at
 * once, what Step Functions refuses: fields a state type does not support, fields of the other
 * query language, transitions to states that do not exist, states nothing reaches, a workflow
 * with no terminal state, JSONata that does not parse. Codes, messages and locations follow what
 * {@code ValidateStateMachineDefinition} answers.
 */
public final class Definitions {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonataEvaluator JSONATA = new JsonataEvaluator();

  private static final Set<String> TYPES = Set.of("Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map");

  private static final Set<String> JSONPATH_ONLY =
      Set.of("InputPath", "OutputPath", "Parameters", "ResultPath", "ResultSelector", "Result", "ItemsPath",
          "TimeoutSecondsPath", "HeartbeatSecondsPath", "SecondsPath", "TimestampPath", "ErrorPath", "CausePath",
          "MaxConcurrencyPath", "ToleratedFailureCountPath", "ToleratedFailurePercentagePath", "Iterator");

  private static final Set<String> JSONATA_ONLY = Set.of("Arguments", "Output", "Items");

  private static final Map<String, Set<String>> FIELDS =
      Map.of(
          "Pass", Set.of("Next", "End", "InputPath", "OutputPath", "Parameters", "ResultPath", "Result", "Assign", "Output"),
          "Task", Set.of("Next", "End", "Resource", "InputPath", "OutputPath", "Parameters", "ResultPath", "ResultSelector",
              "Retry", "Catch", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath",
              "Credentials", "Assign", "Arguments", "Output"),
          "Choice", Set.of("Choices", "Default", "InputPath", "OutputPath", "Assign", "Output"),
          "Wait", Set.of("Next", "End", "Seconds", "SecondsPath", "Timestamp", "TimestampPath", "InputPath", "OutputPath",
              "Assign", "Output"),
          "Succeed", Set.of("InputPath", "OutputPath", "Output"),
          "Fail", Set.of("Error", "ErrorPath", "Cause", "CausePath"),
          "Parallel", Set.of("Next", "End", "Branches", "InputPath", "OutputPath", "Parameters", "ResultPath",
              "ResultSelector", "Retry", "Catch", "Assign", "Arguments", "Output"),
          "Map", Set.of("Next", "End", "ItemProcessor", "Iterator", "ItemsPath", "Items", "ItemSelector", "ItemReader",
              "ItemBatcher", "ResultWriter", "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailureCount",
              "ToleratedFailureCountPath", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "Label",
              "InputPath", "OutputPath", "Parameters", "ResultPath", "ResultSelector", "Retry", "Catch", "Assign",
              "Arguments", "Output"));

  private static final Set<String> COMMON_FIELDS = Set.of("Type", "Comment", "QueryLanguage");
  private static final Set<String> MACHINE_FIELDS = Set.of("Comment", "StartAt", "States", "Version", "TimeoutSeconds", "QueryLanguage");
  private static final Set<String> SCOPE_FIELDS = Set.of("Comment", "StartAt", "States", "ProcessorConfig");

  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final Set<String> allNames = new HashSet<>();
  private QueryLanguage machineLanguage = QueryLanguage.JSONPath;

  private Definitions() {}

  /** The validated definition, or {@link InvalidDefinitionException} with every diagnostic. */
  public static StateMachineDefinition parse(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidDefinitionException(
          List.of(new Diagnostic(Diagnostic.INVALID_JSON_DESCRIPTION, e.getOriginalMessage(), null)));
    }
    Definitions d = new Definitions();
    StateMachineDefinition definition = d.machine(root);
    if (!d.diagnostics.isEmpty()) {
      throw new InvalidDefinitionException(d.diagnostics);
    }
    return definition;
  }

  private StateMachineDefinition machine(JsonNode root) {
    if (root == null || !root.isObject()) {
      problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "The definition must be a JSON object", "/");
      return null;
    }
    unsupportedFields(root, MACHINE_FIELDS, "");
    JsonNode language = root.get("QueryLanguage");
    if (language != null) {
      machineLanguage = languageOf(language, "/QueryLanguage").orElse(QueryLanguage.JSONPath);
    }
    Optional<Integer> timeout = Optional.empty();
    JsonNode timeoutNode = root.get("TimeoutSeconds");
    if (timeoutNode != null) {
      if (timeoutNode.isIntegralNumber() && timeoutNode.asLong() >= 1 && timeoutNode.asLong() <= 99_999_999) {
        timeout = Optional.of(timeoutNode.asInt());
      } else {
        problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "TimeoutSeconds must be an integer between 1 and 99999999", "/TimeoutSeconds");
      }
    }
    ScopeResult scope = scope(root, "", machineLanguage);
    return scope == null ? null : new StateMachineDefinition(scope.startAt, scope.states, machineLanguage, timeout, root.toString());
  }

  private record ScopeResult(String startAt, Map<String, StateDefinition> states) {}

  /** A container of states: the machine, a Parallel branch or a Map item processor. */
  private ScopeResult scope(JsonNode node, String location, QueryLanguage language) {
    JsonNode startAt = node.get("StartAt");
    JsonNode states = node.get("States");
    if (startAt == null || !startAt.isTextual()) {
      problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "The field 'StartAt' should be a non-empty string", location + "/StartAt");
    }
    if (states == null || !states.isObject() || states.isEmpty()) {
      problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "The field 'States' should be a non-empty object", location + "/States");
      return null;
    }
    Map<String, StateDefinition> parsed = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String stateLocation = location + "/States/" + entry.getKey();
      StateDefinition state = state(entry.getKey(), entry.getValue(), stateLocation, language);
      if (state != null) {
        parsed.put(entry.getKey(), state);
      }
    }
    String start = startAt != null && startAt.isTextual() ? startAt.asText() : null;
    if (start != null && !states.has(start)) {
      problem(Diagnostic.MISSING_TRANSITION_TARGET, "Missing 'Next' target: " + start, location + "/StartAt");
    }
    transitions(states, location, start);
    return new ScopeResult(start, parsed);
  }

  private StateDefinition state(String name, JsonNode node, String location, QueryLanguage scopeLanguage) {
    if (name.length() > 80) {
      problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "State name must be at most 80 characters", location);
    }
    if (!allNames.add(name)) {
      problem(Diagnostic.DUPLICATE_STATE_NAME, "Duplicate State name: " + name, location);
    }
    if (!node.isObject()) {
      problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "A state must be a JSON object", location);
      return null;
    }
    JsonNode typeNode = node.get("Type");
    if (typeNode == null || !typeNode.isTextual() || !TYPES.contains(typeNode.asText())) {
      problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "The field 'Type' should be one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map", location + "/Type");
      return null;
    }
    String type = typeNode.asText();
    QueryLanguage language = stateLanguage(node, location, scopeLanguage);
    Set<String> allowed = new HashSet<>(FIELDS.get(type));
    allowed.addAll(COMMON_FIELDS);
    unsupportedFields(node, allowed, location);
    languageFields(node, language, location);
    transitionsFields(type, node, location);
    switch (type) {
      case "Task" -> task(node, location);
      case "Wait" -> exactlyOne(node, location, "Seconds", "SecondsPath", "Timestamp", "TimestampPath");
      case "Choice" -> choice(node, location, language);
      case "Fail" -> {
        atMostOne(node, location, "Error", "ErrorPath");
        atMostOne(node, location, "Cause", "CausePath");
      }
      case "Map" -> {
        atMostOne(node, location, "MaxConcurrency", "MaxConcurrencyPath");
        atMostOne(node, location, "ToleratedFailureCount", "ToleratedFailureCountPath");
        atMostOne(node, location, "ToleratedFailurePercentage", "ToleratedFailurePercentagePath");
        atMostOne(node, location, "ItemProcessor", "Iterator");
        minimum(node, "MaxConcurrency", 0, location);
        minimum(node, "ToleratedFailureCount", 0, location);
        percentage(node, "ToleratedFailurePercentage", location);
      }
      default -> {}
    }
    if (Set.of("Task", "Parallel", "Map").contains(type)) {
      retriers(node.get("Retry"), location + "/Retry");
      catchers(node.get("Catch"), location + "/Catch");
    }
    jsonataExpressions(node, language, location);
    List<StateMachineDefinition> children = children(type, node, location);
    return new StateDefinition(name, type, language, (ObjectNode) node, location, children);
  }

  private QueryLanguage stateLanguage(JsonNode node, String location, QueryLanguage scopeLanguage) {
    JsonNode declared = node.get("QueryLanguage");
    if (declared == null) {
      return scopeLanguage;
    }
    Optional<QueryLanguage> language = languageOf(declared, location + "/QueryLanguage");
    if (language.isPresent() && language.get() == QueryLanguage.JSONPath && machineLanguage == QueryLanguage.JSONata) {
      problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", location);
    }
    return language.orElse(scopeLanguage);
  }

  private Optional<QueryLanguage> languageOf(JsonNode node, String location) {
    if (node.isTextual()) {
      for (QueryLanguage language : QueryLanguage.values()) {
        if (language.name().equals(node.asText())) {
          return Optional.of(language);
        }
      }
    }
    problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "The value for the field 'QueryLanguage' must be one of [JSONPath, JSONata]", location);
    return Optional.empty();
  }

  private void unsupportedFields(JsonNode node, Set<String> allowed, String location) {
    node.fieldNames().forEachRemaining(field -> {
      if (!allowed.contains(field)) {
        problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "Field '" + field + "' is not supported", location.isEmpty() ? "/" : location);
      }
    });
  }

  private void languageFields(JsonNode node, QueryLanguage language, String location) {
    node.fieldNames().forEachRemaining(field -> {
      if (language == QueryLanguage.JSONPath && JSONATA_ONLY.contains(field)) {
        problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "The QueryLanguage is set to 'JSONPath', but field '" + field + "' is only supported for the 'JSONata' QueryLanguage", location);
      } else if (language == QueryLanguage.JSONata && JSONPATH_ONLY.contains(field)) {
        problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "The QueryLanguage is set to 'JSONata', but field '" + field + "' is only supported for the 'JSONPath' QueryLanguage", location);
      }
    });
  }

  private void transitionsFields(String type, JsonNode node, String location) {
    if (Set.of("Choice", "Succeed", "Fail").contains(type)) {
      return;
    }
    JsonNode next = node.get("Next");
    JsonNode end = node.get("End");
    if (next != null && end != null) {
      problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "There should only be one of the following fields: [Next, End]", location);
    } else if (next == null && (end == null || !end.asBoolean(false))) {
      problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "A " + type + " state must have either 'Next' or 'End: true'", location);
    }
    if (next != null && !next.isTextual()) {
      problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "The value for the field 'Next' must be a STATE_NAME", location + "/Next");
    }
    if (end != null && !end.isBoolean()) {
      problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "The value for the field 'End' must be a boolean", location + "/End");
    }
  }

  private void task(JsonNode node, String location) {
    JsonNode resource = node.get("Resource");
    if (resource == null || !resource.isTextual() || resource.asText().isBlank()) {
      problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "The field 'Resource' is required", location);
    }
    atMostOne(node, location, "TimeoutSeconds", "TimeoutSecondsPath");
    atMostOne(node, location, "HeartbeatSeconds", "HeartbeatSecondsPath");
    positiveIntegerOrExpression(node, "TimeoutSeconds", location);
    positiveIntegerOrExpression(node, "HeartbeatSeconds", location);
    JsonNode timeout = node.get("TimeoutSeconds");
    JsonNode heartbeat = node.get("HeartbeatSeconds");
    if (timeout != null && heartbeat != null && timeout.isIntegralNumber() && heartbeat.isIntegralNumber()
        && heartbeat.asLong() >= timeout.asLong()) {
      problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "HeartbeatSeconds must be smaller than TimeoutSeconds", location + "/HeartbeatSeconds");
    }
  }

  private void choice(JsonNode node, String location, QueryLanguage language) {
    JsonNode choices = node.get("Choices");
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "The field 'Choices' should be a non-empty array", location + "/Choices");
      return;
    }
    for (int i = 0; i < choices.size(); i++) {
      JsonNode rule = choices.get(i);
      String ruleLocation = location + "/Choices[" + i + "]";
      if (!rule.has("Next")) {
        problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "The field 'Next' is required", ruleLocation);
      }
      if (language == QueryLanguage.JSONata && !rule.has("Condition")) {
        problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "The field 'Condition' is required", ruleLocation);
      }
      if (language == QueryLanguage.JSONPath && rule.has("Condition")) {
        problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "The QueryLanguage is set to 'JSONPath', but field 'Condition' is only supported for the 'JSONata' QueryLanguage", ruleLocation);
      }
    }
    if (language == QueryLanguage.JSONPath) {
      try {
        ChoiceRules.parse(location.substring(location.lastIndexOf('/') + 1), choices, Optional.empty());
      } catch (InvalidChoiceRule e) {
        problem(Diagnostic.SCHEMA_VALIDATION_FAILED, e.problem() + " (" + e.location() + ")", location + "/Choices");
      }
    }
  }

  private void retriers(JsonNode retry, String location) {
    if (retry == null) {
      return;
    }
    if (!retry.isArray()) {
      problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "The field 'Retry' should be an array", location);
      return;
    }
    for (int i = 0; i < retry.size(); i++) {
      JsonNode retrier = retry.get(i);
      String at = location + "[" + i + "]";
      errorEquals(retrier, at, i == retry.size() - 1);
      minimum(retrier, "IntervalSeconds", 1, at);
      minimum(retrier, "MaxAttempts", 0, at);
      minimum(retrier, "MaxDelaySeconds", 1, at);
      JsonNode backoff = retrier.get("BackoffRate");
      if (backoff != null && (!backoff.isNumber() || backoff.asDouble() < 1.0)) {
        problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "Minimum value is 1.0", at + "/BackoffRate");
      }
      JsonNode jitter = retrier.get("JitterStrategy");
      if (jitter != null && !Set.of("FULL", "NONE").contains(jitter.asText())) {
        problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "The value for the field 'JitterStrategy' must be one of [FULL, NONE]", at + "/JitterStrategy");
      }
    }
  }

  private void catchers(JsonNode catches, String location) {
    if (catches == null) {
      return;
    }
    if (!catches.isArray()) {
      problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "The field 'Catch' should be an array", location);
      return;
    }
    for (int i = 0; i < catches.size(); i++) {
      JsonNode catcher = catches.get(i);
      String at = location + "[" + i + "]";
      errorEquals(catcher, at, i == catches.size() - 1);
      if (!catcher.has("Next")) {
        problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "The field 'Next' is required", at);
      }
    }
  }

  /** {@code States.ALL} must appear alone in the last retrier or catcher. */
  private void errorEquals(JsonNode rule, String location, boolean last) {
    JsonNode errors = rule.get("ErrorEquals");
    if (errors == null || !errors.isArray() || errors.isEmpty()) {
      problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "The field 'ErrorEquals' should be a non-empty array", location);
      return;
    }
    for (JsonNode error : errors) {
      if ("States.ALL".equals(error.asText()) && (errors.size() > 1 || !last)) {
        problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "States.ALL must appear alone in the last ErrorEquals", location + "/ErrorEquals");
      }
    }
  }

  private List<StateMachineDefinition> children(String type, JsonNode node, String location) {
    List<StateMachineDefinition> children = new ArrayList<>();
    if (type.equals("Parallel")) {
      JsonNode branches = node.get("Branches");
      if (branches == null || !branches.isArray() || branches.isEmpty()) {
        problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "The field 'Branches' should be a non-empty array", location + "/Branches");
        return children;
      }
      for (int i = 0; i < branches.size(); i++) {
        nested(branches.get(i), location + "/Branches[" + i + "]", Set.of("Comment", "StartAt", "States")).ifPresent(children::add);
      }
    } else if (type.equals("Map")) {
      String field = node.has("Iterator") ? "Iterator" : "ItemProcessor";
      JsonNode processor = node.get(field);
      if (processor == null) {
        problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "The field 'ItemProcessor' is required", location);
        return children;
      }
      nested(processor, location + "/" + field, SCOPE_FIELDS).ifPresent(children::add);
    }
    return children;
  }

  /** A nested scope inherits the machine's language, not its parent state's (as AWS measures it). */
  private Optional<StateMachineDefinition> nested(JsonNode node, String location, Set<String> allowed) {
    if (!node.isObject()) {
      problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "must be a JSON object", location);
      return Optional.empty();
    }
    unsupportedFields(node, allowed, location);
    ScopeResult scope = scope(node, location, machineLanguage);
    return scope == null ? Optional.empty() : Optional.of(new StateMachineDefinition(scope.startAt, scope.states, machineLanguage, Optional.empty(), node.toString()));
  }

  /** Every transition names a state of the same scope; every state is reachable; something ends. */
  private void transitions(JsonNode states, String location, String start) {
    Map<String, List<String>> edges = new LinkedHashMap<>();
    boolean anyTerminal = false;
    int before = diagnostics.size();
    for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode state = entry.getValue();
      String at = location + "/States/" + entry.getKey();
      List<String> targets = new ArrayList<>();
      target(state.get("Next"), states, at + "/Next", targets);
      target(state.get("Default"), states, at + "/Default", targets);
      JsonNode choices = state.get("Choices");
      if (choices != null && choices.isArray()) {
        for (int i = 0; i < choices.size(); i++) {
          target(choices.get(i).get("Next"), states, at + "/Choices[" + i + "]/Next", targets);
        }
      }
      JsonNode catches = state.get("Catch");
      if (catches != null && catches.isArray()) {
        for (int i = 0; i < catches.size(); i++) {
          target(catches.get(i).get("Next"), states, at + "/Catch[" + i + "]/Next", targets);
        }
      }
      edges.put(entry.getKey(), targets);
      String type = state.path("Type").asText();
      anyTerminal |= type.equals("Succeed") || type.equals("Fail") || state.path("End").asBoolean(false);
    }
    if (!anyTerminal) {
      problem(Diagnostic.MISSING_END_STATE, "Workflow has no terminal state", null);
      return;
    }
    if (diagnostics.size() > before) {
      return;
    }
    Set<String> reached = new LinkedHashSet<>();
    Deque<String> queue = new ArrayDeque<>();
    if (start != null && states.has(start)) {
      queue.add(start);
    }
    while (!queue.isEmpty()) {
      String name = queue.poll();
      if (reached.add(name)) {
        queue.addAll(edges.getOrDefault(name, List.of()));
      }
    }
    for (String name : edges.keySet()) {
      if (!reached.contains(name)) {
        problem(Diagnostic.MISSING_TRANSITION_TARGET, "State \"" + name + "\" is not reachable.", location + "/States/" + name);
      }
    }
  }

  private void target(JsonNode next, JsonNode states, String location, List<String> targets) {
    if (next == null || !next.isTextual()) {
      return;
    }
    if (states.has(next.asText())) {
      targets.add(next.asText());
    } else {
      problem(Diagnostic.MISSING_TRANSITION_TARGET, "Missing 'Next' target: " + next.asText(), location);
    }
  }

  private void jsonataExpressions(JsonNode node, QueryLanguage language, String location) {
    if (language != QueryLanguage.JSONata) {
      return;
    }
    for (String field : List.of("Arguments", "Output", "Assign", "Items", "ItemSelector", "TimeoutSeconds", "HeartbeatSeconds",
        "Seconds", "Timestamp", "Error", "Cause", "MaxConcurrency", "ToleratedFailureCount", "ToleratedFailurePercentage")) {
      JsonNode value = node.get(field);
      if (value != null) {
        expressions(value, location + "/" + field);
      }
    }
    JsonNode choices = node.get("Choices");
    if (choices != null && choices.isArray()) {
      for (int i = 0; i < choices.size(); i++) {
        JsonNode rule = choices.get(i);
        for (String field : List.of("Condition", "Assign", "Output")) {
          if (rule.has(field)) {
            expressions(rule.get(field), location + "/Choices[" + i + "]/" + field);
          }
        }
      }
    }
    JsonNode catches = node.get("Catch");
    if (catches != null && catches.isArray()) {
      for (int i = 0; i < catches.size(); i++) {
        for (String field : List.of("Assign", "Output")) {
          if (catches.get(i).has(field)) {
            expressions(catches.get(i).get(field), location + "/Catch[" + i + "]/" + field);
          }
        }
      }
    }
  }

  /** Checks every string in a JSONata field: delimiters placed as AWS requires, expressions that parse. */
  private void expressions(JsonNode value, String location) {
    if (value.isTextual()) {
      try {
        JSONATA.validate(value);
      } catch (IllegalArgumentException e) {
        problem(Diagnostic.SCHEMA_VALIDATION_FAILED, e.getMessage(), location);
      }
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        expressions(value.get(i), location + "[" + i + "]");
      }
    } else if (value.isObject()) {
      value.fields().forEachRemaining(e -> expressions(e.getValue(), location + "/" + e.getKey()));
    }
  }

  private void exactlyOne(JsonNode node, String location, String... fields) {
    long present = Arrays.stream(fields).filter(node::has).count();
    if (present != 1) {
      problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "There should be exactly one of the following fields: " + Arrays.toString(fields), location);
    }
  }

  private void atMostOne(JsonNode node, String location, String a, String b) {
    if (node.has(a) && node.has(b)) {
      problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "There should only be one of the following fields: [" + a + ", " + b + "]", location);
    }
  }

  private void minimum(JsonNode node, String field, int min, String location) {
    JsonNode value = node.get(field);
    if (value != null && value.isNumber() && value.asDouble() < min) {
      problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "Minimum value is " + min, location + "/" + field);
    }
  }

  private void percentage(JsonNode node, String field, String location) {
    JsonNode value = node.get(field);
    if (value != null && value.isNumber()) {
      if (value.asDouble() < 0) {
        problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "Minimum value is 0.0", location + "/" + field);
      } else if (value.asDouble() > 100) {
        problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "Maximum value is 100.0", location + "/" + field);
      }
    }
  }

  private void positiveIntegerOrExpression(JsonNode node, String field, String location) {
    JsonNode value = node.get(field);
    if (value == null || (value.isTextual() && value.asText().startsWith("{%"))) {
      return;
    }
    if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > 99_999_999) {
      problem(Diagnostic.SCHEMA_VALIDATION_FAILED, "The value for the field '" + field + "' must be an integer between 1 and 99999999", location + "/" + field);
    }
  }

  private void problem(String code, String message, String location) {
    diagnostics.add(new Diagnostic(code, message, location));
  }
}
