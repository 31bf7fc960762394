package dev.cutover.asl.jsonpath;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;

/** The one mapper of this package, and the small conversions several classes need. */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  /** Compact JSON text, as error causes and {@code States.JsonToString} show values. */
  static String text(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JsonNode always serializes", e);
    }
  }

  /** The size Step Functions measures payloads in: UTF-8 bytes of the JSON text. */
  static int utf8Size(JsonNode node) {
    return text(node).getBytes(StandardCharsets.UTF_8).length;
  }

  /** An integer as JSON reads it back: an int node when it fits, so equal values compare equal. */
  static JsonNode number(long value) {
    return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
  }
}
