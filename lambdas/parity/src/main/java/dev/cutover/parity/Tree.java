package dev.cutover.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A distribution's configuration after normalisation: what is compared, and how. Four kinds of
 * node tell the diff how to compare and how to name a path:
 *
 * <ul>
 *   <li>{@link Leaf}: a scalar, compared by value;
 *   <li>{@link Struct}: named fields, {@code parent.Field};
 *   <li>{@link Keyed}: a list of objects matched by a key rather than by position, {@code
 *       parent[key]} (cache behaviours by path pattern, error responses by code); {@code ordered}
 *       when the order is itself behaviour (CloudFront evaluates cache behaviours in order);
 *   <li>{@link Values}: a list of scalars, compared as a set unless {@code ordered}.
 * </ul>
 */
sealed interface Tree {

  /** The node as JSON, for a finding's values and the report. */
  JsonNode json();

  /** Whether the node says nothing: absent, false, empty string, empty list, or only such fields. */
  boolean isZero();

  record Leaf(JsonNode value) implements Tree {

    static Leaf of(String text) {
      return new Leaf(JsonNodeFactory.instance.textNode(text));
    }

    @Override
    public JsonNode json() {
      return value;
    }

    @Override
    public boolean isZero() {
      return value == null
          || value.isNull()
          || (value.isBoolean() && !value.booleanValue())
          || (value.isTextual() && value.textValue().isEmpty());
    }

    /** Numbers compare by value (the SDK gives some as int, some as long); the rest by JSON equality. */
    boolean sameAs(Leaf other) {
      if (value.isNumber() && other.value.isNumber()) {
        return value.decimalValue().compareTo(other.value.decimalValue()) == 0;
      }
      return value.equals(other.value);
    }
  }

  record Struct(Map<String, Tree> fields) implements Tree {

    public Struct {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    Struct without(String name) {
      Map<String, Tree> copy = new LinkedHashMap<>(fields);
      copy.remove(name);
      return new Struct(copy);
    }

    Struct with(String name, Tree value) {
      Map<String, Tree> copy = new LinkedHashMap<>(fields);
      copy.put(name, value);
      return new Struct(copy);
    }

    Tree get(String name) {
      return fields.get(name);
    }

    @Override
    public JsonNode json() {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      fields.forEach((name, value) -> node.set(name, value.json()));
      return node;
    }

    @Override
    public boolean isZero() {
      return fields.values().stream().allMatch(Tree::isZero);
    }
  }

  record Keyed(Map<String, Tree> entries, boolean ordered) implements Tree {

    public Keyed {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    @Override
    public JsonNode json() {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      entries.forEach((key, value) -> node.set(key, value.json()));
      return node;
    }

    @Override
    public boolean isZero() {
      return entries.isEmpty();
    }
  }

  record Values(List<JsonNode> items, boolean ordered) implements Tree {

    public Values {
      items = List.copyOf(items);
    }

    /** The items in comparison order: as given when ordered, else sorted by their JSON text. */
    List<JsonNode> comparable() {
      return ordered ? items : items.stream().sorted(java.util.Comparator.comparing(JsonNode::toString)).toList();
    }

    @Override
    public JsonNode json() {
      ArrayNode node = JsonNodeFactory.instance.arrayNode();
      comparable().forEach(node::add);
      return node;
    }

    @Override
    public boolean isZero() {
      return items.isEmpty();
    }
  }
}
