package dev.cutover.asl.jsonpath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;
import java.util.Objects;

/**
 * What the three roots of a JSONPath state mean at one point of a state's processing: {@code $}
 * (whichever document the field applies to: raw input, effective input, result or output), {@code
 * $$} (the context object) and {@code $name} (the variables visible to the state, as they were on
 * state entry).
 *
 * @param input the document {@code $} refers to
 * @param context the context object {@code $$} refers to
 * @param variables the visible variables by name, without the {@code $}
 */
public record JsonPathContext(JsonNode input, JsonNode context, Map<String, JsonNode> variables) {

  public JsonPathContext {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(context, "context");
    variables = Map.copyOf(variables);
  }

  /** A context with only a state input: an empty context object and no variables. */
  public static JsonPathContext of(JsonNode input) {
    return new JsonPathContext(input, JsonNodeFactory.instance.objectNode(), Map.of());
  }

  /**
   * The same context object and variables with another document as {@code $}: each field of a state
   * applies to a different document (ResultSelector to the result, OutputPath to the output).
   */
  public JsonPathContext withInput(JsonNode newInput) {
    return new JsonPathContext(newInput, context, variables);
  }
}
