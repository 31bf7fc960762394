package dev.cutover.asl.jsonpath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.asl.StatesError;
import java.util.List;

/**
 * The path fields of a JSONPath state's input and output processing, in the order Step Functions
 * applies them: InputPath (then Parameters), the result (through ResultSelector), ResultPath,
 * OutputPath. A field given as JSON {@code null} is passed here as Java {@code null}; an absent
 * field is {@code "$"}, its default.
 */
public final class InputOutput {

  private InputOutput() {}

  /**
   * Selects the part of the raw input ({@code ctx.input()}) the state works on. A {@code null}
   * InputPath discards the input: the state sees {@code {}}.
   *
   * @throws StatesError {@code States.Runtime} if the path selects nothing
   */
  public static JsonNode applyInputPath(JsonPathContext ctx, String inputPath) {
    return inputPath == null ? Json.NODES.objectNode() : Paths.resolve(inputPath, ctx);
  }

  /**
   * Combines the state's raw input with its (effective) result. {@code null} keeps the input and
   * discards the result; {@code $} replaces the input with the result; {@code $.a.b} sets {@code b}
   * in a copy of the input, creating the objects on the way and overwriting what was there.
   *
   * @throws StatesError {@code States.ResultPathMatchFailure} if the path cannot be applied to the
   *     input (it crosses something that is not an object, or an index outside an array); {@code
   *     States.Runtime} if it is not a reference path into the input
   */
  public static JsonNode applyResultPath(JsonNode input, JsonNode result, String resultPath) {
    if (resultPath == null) {
      return input;
    }
    Paths.ReferencePath ref;
    try {
      ref = Paths.parseReferencePath(resultPath);
    } catch (IllegalArgumentException e) {
      throw new StatesError(
          StatesError.RUNTIME,
          "ResultPath '" + resultPath + "' is not a reference path: " + e.getMessage());
    }
    if (!ref.root().equals("$")) {
      throw new StatesError(
          StatesError.RUNTIME,
          "ResultPath '"
              + resultPath
              + "' must begin with '$': it cannot write to the context"
              + " object or a variable");
    }
    List<Object> steps = ref.steps();
    if (steps.isEmpty()) {
      return result;
    }
    JsonNode output = input.deepCopy();
    JsonNode parent = output;
    for (int i = 0; i < steps.size(); i++) {
      boolean last = i == steps.size() - 1;
      if (steps.get(i) instanceof String field && parent instanceof ObjectNode object) {
        if (last) {
          object.set(field, result);
        } else {
          parent = object.has(field) ? object.get(field) : object.putObject(field);
        }
      } else if (steps.get(i) instanceof Integer index
          && parent instanceof ArrayNode array
          && index < array.size()) {
        if (last) {
          array.set(index, result);
        } else {
          parent = array.get(index);
        }
      } else {
        throw new StatesError(
            StatesError.RESULT_PATH_MATCH_FAILURE,
            "Unable to apply ResultPath '" + resultPath + "' to input '" + Json.text(input) + "'");
      }
    }
    return output;
  }

  /**
   * Selects the part of the state output ({@code ctx.input()}, after ResultPath) passed to the next
   * state. A {@code null} OutputPath sends {@code {}}.
   *
   * @throws StatesError {@code States.Runtime} if the path selects nothing
   */
  public static JsonNode applyOutputPath(JsonPathContext ctx, String outputPath) {
    return outputPath == null ? Json.NODES.objectNode() : Paths.resolve(outputPath, ctx);
  }
}
