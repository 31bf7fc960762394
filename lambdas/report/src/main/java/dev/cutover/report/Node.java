package dev.cutover.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A tolerant, explicit reader over one value of a section's JSON tree, which knows its own path.
 * The sections come from other steps (some built in parallel, some not yet built), so the report
 * depends on their JSON contract, never on their classes: an absent or {@code null} field reads
 * as {@code null} (shown as "—"), a field of the wrong type reads as {@code null} and is recorded
 * in {@link Problems} with its path, and fields the report does not know are ignored.
 */
final class Node {

  static final int MAX_INTEGER_DIGITS = 18;
  static final int MAX_DECIMALS = 40;

  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  private final JsonNode json;
  private final String path;
  private final Problems problems;

  private Node(JsonNode json, String path, Problems problems) {
    this.json = json == null ? MissingNode.getInstance() : json;
    this.path = path;
    this.problems = problems;
  }

  static Node root(String path, JsonNode json, Problems problems) {
    return new Node(json, path, problems);
  }

  String path() {
    return path;
  }

  JsonNode json() {
    return json;
  }

  /** Absent from its parent, or JSON {@code null}: the step did not say. */
  boolean absent() {
    return json.isMissingNode() || json.isNull();
  }

  boolean isObject() {
    return json.isObject();
  }

  /** The field {@code name}; absent when this is not an object (reported once, by the caller). */
  Node get(String name) {
    JsonNode child = json.isObject() ? json.get(name) : null;
    return new Node(child, child(path, name), problems);
  }

  /**
   * This value as an object, or an absent node (and a problem) when it is something else. Use
   * before reading fields of a value the contract says is an object.
   */
  Node object() {
    if (absent() || json.isObject()) {
      return this;
    }
    wrongType("an object");
    return new Node(MissingNode.getInstance(), path, problems);
  }

  Boolean bool() {
    if (absent()) {
      return null;
    }
    if (json.isBoolean()) {
      return json.booleanValue();
    }
    return wrongType("true or false");
  }

  /** A whole number; {@code 3.0} counts as one (JSONata arithmetic makes those). */
  Long whole() {
    if (absent()) {
      return null;
    }
    if (json.isIntegralNumber() && json.canConvertToLong()) {
      return json.longValue();
    }
    if (json.isNumber() && json.canConvertToExactIntegral() && json.canConvertToLong()) {
      return json.decimalValue().longValueExact();
    }
    return wrongType("a whole number");
  }

  /**
   * A number with at most {@value #MAX_INTEGER_DIGITS} digits before the point and {@value
   * #MAX_DECIMALS} after it: plenty for prices and costs, and it keeps a value like {@code 1e999999}
   * from becoming a million-digit string on the page.
   */
  BigDecimal number() {
    if (absent()) {
      return null;
    }
    if (json.isNumber()) {
      BigDecimal value = json.decimalValue();
      if (value.precision() - value.scale() <= MAX_INTEGER_DIGITS && value.scale() <= MAX_DECIMALS) {
        return value;
      }
    }
    return wrongType("a number of at most " + MAX_INTEGER_DIGITS + " digits before the point and " + MAX_DECIMALS + " after");
  }

  String text() {
    if (absent()) {
      return null;
    }
    if (json.isTextual()) {
      return json.textValue();
    }
    return wrongType("a string");
  }

  /** The elements of an array; empty when absent, and when not an array (with a problem). */
  List<Node> items() {
    if (absent()) {
      return List.of();
    }
    if (!json.isArray()) {
      wrongType("an array");
      return List.of();
    }
    List<Node> items = new ArrayList<>(json.size());
    for (int i = 0; i < json.size(); i++) {
      items.add(new Node(json.get(i), path + "[" + i + "]", problems));
    }
    return items;
  }

  /** The fields of an object in order; empty when absent, and when not an object (with a problem). */
  Map<String, Node> fields() {
    if (absent()) {
      return Map.of();
    }
    if (!json.isObject()) {
      wrongType("an object");
      return Map.of();
    }
    Map<String, Node> fields = new LinkedHashMap<>();
    json.properties().forEach(e -> fields.put(e.getKey(), new Node(e.getValue(), child(path, e.getKey()), problems)));
    return fields;
  }

  /** Strings of an array, skipping (and reporting) elements that are not strings. */
  List<String> texts() {
    List<String> out = new ArrayList<>();
    for (Node item : items()) {
      String text = item.text();
      if (text != null) {
        out.add(text);
      }
    }
    return out;
  }

  /** Records that this value is not what the contract says, and reads it as absent. */
  <T> T wrongType(String expected) {
    problems.add(path, "expected " + expected + ", found " + describe(json) + ".");
    return null;
  }

  /** How a problem names a value: its type, and a short quote of a scalar. */
  static String describe(JsonNode value) {
    return switch (value.getNodeType()) {
      case STRING -> "the string \"" + Text.shorten(value.textValue(), 40) + "\"";
      case NUMBER -> "the number " + Text.shorten(value.asText(), 40);
      case BOOLEAN -> value.booleanValue() ? "true" : "false";
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case NULL -> "null";
      default -> "nothing";
    };
  }

  /** {@code parent.name}, or {@code parent["odd name"]} when the name would not read as a path. */
  static String child(String parent, String name) {
    if (PLAIN_NAME.matcher(name).matches()) {
      return parent.isEmpty() ? name : parent + "." + name;
    }
    String quoted = "[\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    return parent + quoted;
  }
}
