package dev.cutover.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The example inputs under events/, and edits of them for tests. */
final class PlanFixtures {

  private PlanFixtures() {}

  static String event(String name) {
    try (InputStream in = PlanFixtures.class.getResourceAsStream("/events/" + name)) {
      if (in == null) {
        throw new IllegalStateException("events/" + name + " is not on the test classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode migrateTree() {
    try {
      return (ObjectNode) Json.mapper().readTree(event("migrate.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code migrate.json} with the field at a dotted path (array indexes as {@code name[i]}) set to
   * the JSON literal {@code value}, or removed when {@code value} is null.
   */
  static String migrateWith(String path, String value) {
    ObjectNode root = migrateTree();
    set(root, path, value);
    return root.toString();
  }

  static void set(ObjectNode root, String path, String value) {
    String[] parts = path.split("\\.");
    JsonNode parent = root;
    for (int i = 0; i < parts.length - 1; i++) {
      parent = child(parent, parts[i]);
    }
    String last = parts[parts.length - 1];
    JsonNode literal;
    try {
      literal = value == null ? null : Json.mapper().readTree(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int bracket = last.indexOf('[');
    if (bracket >= 0) {
      ArrayNode array = (ArrayNode) parent.get(last.substring(0, bracket));
      int index = Integer.parseInt(last.substring(bracket + 1, last.length() - 1));
      if (literal == null) {
        array.remove(index);
      } else {
        array.set(index, literal);
      }
    } else if (literal == null) {
      ((ObjectNode) parent).remove(last);
    } else {
      ((ObjectNode) parent).set(last, literal);
    }
  }

  private static JsonNode child(JsonNode node, String part) {
    int bracket = part.indexOf('[');
    if (bracket < 0) {
      return node.get(part);
    }
    return node.get(part.substring(0, bracket)).get(Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
  }
}
