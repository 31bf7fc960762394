package dev.cutover.asl.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a JSONata expression in a state can see: the reserved {@code $states} variable and the
 * workflow variables in scope, referenced as {@code $name}.
 *
 * <p>Step Functions fills {@code $states} per field: {@code input} and {@code context} are always
 * there, {@code result} only after a Task, Map or Parallel succeeded, {@code errorOutput} only in a
 * {@code Catch}. The caller says which are present, so an expression reading an absent member gets
 * nothing (undefined) and fails the way AWS does. JSON null is a value ({@code NullNode}), never an
 * absence.
 */
public final class JsonataBindings {

  private final JsonNode input;
  private final JsonNode context;
  private final JsonNode result;
  private final JsonNode errorOutput;
  private final Map<String, JsonNode> variables;

  private JsonataBindings(
      JsonNode input,
      JsonNode context,
      JsonNode result,
      JsonNode errorOutput,
      Map<String, JsonNode> variables) {
    this.input = input;
    this.context = context;
    this.result = result;
    this.errorOutput = errorOutput;
    this.variables = variables;
  }

  /**
   * On state entry: {@code $states.input} and {@code $states.context}, plus the variables visible
   * in the state's scope. {@code states} is not a variable name: Step Functions reserves it.
   */
  public static JsonataBindings of(
      JsonNode input, JsonNode context, Map<String, JsonNode> variables) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(context, "context");
    Map<String, JsonNode> copy = Map.copyOf(variables);
    if (copy.containsKey("states")) {
      throw new IllegalArgumentException("$states is reserved by Step Functions");
    }
    return new JsonataBindings(input, context, null, null, copy);
  }

  /** The same bindings with {@code $states.result}, for a successful state's Output and Assign. */
  public JsonataBindings withResult(JsonNode result) {
    return new JsonataBindings(
        input, context, Objects.requireNonNull(result, "result"), errorOutput, variables);
  }

  /** The same bindings with {@code $states.errorOutput}, for a Catch's Output and Assign. */
  public JsonataBindings withErrorOutput(JsonNode errorOutput) {
    return new JsonataBindings(
        input, context, result, Objects.requireNonNull(errorOutput, "errorOutput"), variables);
  }

  public JsonNode input() {
    return input;
  }

  public JsonNode context() {
    return context;
  }

  public Optional<JsonNode> result() {
    return Optional.ofNullable(result);
  }

  public Optional<JsonNode> errorOutput() {
    return Optional.ofNullable(errorOutput);
  }

  public Map<String, JsonNode> variables() {
    return variables;
  }
}
