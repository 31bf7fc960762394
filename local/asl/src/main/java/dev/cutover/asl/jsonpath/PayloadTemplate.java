package dev.cutover.asl.jsonpath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.asl.StatesError;
import java.util.Map;

/**
 * Payload templates: the value of {@code Parameters}, {@code ResultSelector}, {@code ItemSelector}
 * and, in JSONPath states, {@code Assign}. A field whose name ends in {@code .$} takes the value of
 * its path ({@code $...}, {@code $$...}, {@code $name...}) or intrinsic function and loses the
 * suffix; every other value is copied as written, however deeply nested in objects and arrays.
 */
public final class PayloadTemplate {

  private static final String DYNAMIC = ".$";

  private PayloadTemplate() {}

  /**
   * The payload {@code template} produces, its paths resolved against {@code ctx}.
   *
   * @throws StatesError {@code States.Runtime} if a {@code .$} path selects nothing, {@code
   *     States.IntrinsicFailure} if an intrinsic function fails
   */
  public static JsonNode apply(JsonNode template, JsonPathContext ctx, Intrinsics intrinsics) {
    if (template.isObject()) {
      ObjectNode payload = Json.NODES.objectNode();
      for (Map.Entry<String, JsonNode> field : template.properties()) {
        String name = field.getKey();
        boolean dynamic = name.endsWith(DYNAMIC) && name.length() > DYNAMIC.length();
        String key = dynamic ? name.substring(0, name.length() - DYNAMIC.length()) : name;
        if (payload.has(key)) {
          throw new StatesError(
              StatesError.RUNTIME,
              "The field '" + key + "' appears twice once '.$' suffixes are removed");
        }
        JsonNode value =
            dynamic
                ? dynamicValue(name, field.getValue(), ctx, intrinsics)
                : apply(field.getValue(), ctx, intrinsics);
        payload.set(key, value);
      }
      return payload;
    }
    if (template.isArray()) {
      ArrayNode payload = Json.NODES.arrayNode();
      template.forEach(item -> payload.add(apply(item, ctx, intrinsics)));
      return payload;
    }
    return template.deepCopy();
  }

  private static JsonNode dynamicValue(
      String field, JsonNode expression, JsonPathContext ctx, Intrinsics intrinsics) {
    if (!expression.isTextual()) {
      throw new StatesError(
          StatesError.RUNTIME,
          "The value of the field '"
              + field
              + "' must be a string holding a path or an intrinsic function, got "
              + Json.text(expression));
    }
    String text = expression.textValue();
    if (!text.startsWith("$")) {
      return intrinsics.evaluate(text, ctx);
    }
    try {
      return Paths.resolve(text, ctx);
    } catch (StatesError e) {
      boolean ofInput = text.startsWith("$.") || text.startsWith("$[");
      String where = ofInput ? " in the input '" + Json.text(ctx.input()) + "'" : ": " + e.cause();
      throw new StatesError(
          StatesError.RUNTIME,
          "The JSONPath '"
              + text
              + "' specified for the field '"
              + field
              + "' could not be found"
              + where);
    }
  }
}
