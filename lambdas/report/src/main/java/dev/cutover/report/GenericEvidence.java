package dev.cutover.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A step the report has no typed view of yet (edge parity, log scan): shown as a table of its
 * values by path, e.g. {@code probes[0].status | 200}. Only {@code passed} is read as such, for the
 * verdict.
 *
 * @param passed the step's {@code passed} field
 * @param rows the first {@value #MAX_ROWS} values, depth first in the step's order
 * @param rowsTotal how many values the section holds
 */
record GenericEvidence(Boolean passed, List<Row> rows, int rowsTotal) {

  static final int MAX_ROWS = 200;
  static final int MAX_DEPTH = 12;
  static final int MAX_VALUE_CHARS = 300;

  /** One value: where it is in the section, and what it is. */
  record Row(String path, String value) {}

  static GenericEvidence read(Node node) {
    List<Row> rows = new ArrayList<>();
    int total = flatten(node.json(), "", 0, rows);
    return new GenericEvidence(node.get("passed").bool(), rows, total);
  }

  /** Adds the values under {@code json} to {@code rows} (up to the bound) and counts them all. */
  private static int flatten(JsonNode json, String path, int depth, List<Row> rows) {
    if (depth >= MAX_DEPTH && json.isContainerNode() && !json.isEmpty()) {
      return add(rows, path, Text.shorten(json.toString(), MAX_VALUE_CHARS));
    }
    if (json.isObject() && !json.isEmpty()) {
      int n = 0;
      for (Map.Entry<String, JsonNode> field : json.properties()) {
        n += flatten(field.getValue(), Node.child(path, field.getKey()), depth + 1, rows);
      }
      return n;
    }
    if (json.isArray() && !json.isEmpty()) {
      int n = 0;
      for (int i = 0; i < json.size(); i++) {
        n += flatten(json.get(i), path + "[" + i + "]", depth + 1, rows);
      }
      return n;
    }
    String value =
        json.isTextual() ? json.textValue()
            : json.isObject() ? "{}"
            : json.isArray() ? "[]"
            : json.toString();
    return add(rows, path.isEmpty() ? "(value)" : path, Text.shorten(value, MAX_VALUE_CHARS));
  }

  private static int add(List<Row> rows, String path, String value) {
    if (rows.size() < MAX_ROWS) {
      rows.add(new Row(path, value));
    }
    return 1;
  }
}
