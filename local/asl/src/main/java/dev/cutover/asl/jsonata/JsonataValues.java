package dev.cutover.asl.jsonata;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between Jackson trees and the plain Java values dashjoin evaluates. JSON null is
 * dashjoin's {@link Jsonata#NULL_VALUE}, because a Java null is JSONata's undefined; integers stay
 * integers on the way out, as JavaScript's JSON writer prints them.
 */
final class JsonataValues {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** JavaScript writes whole numbers below this magnitude digit by digit, above it as 1e+21. */
  private static final double EXPONENT_NOTATION_FROM = 1e21;

  private JsonataValues() {}

  /** Thrown when a result holds something JSON cannot represent: a function or a regex. */
  static final class NotJsonException extends RuntimeException {
    NotJsonException() {
      super("a function, which JSON cannot represent");
    }
  }

  static Object toJsonata(JsonNode node) {
    return switch (node.getNodeType()) {
      case NULL -> Jsonata.NULL_VALUE;
      case BOOLEAN -> node.booleanValue();
      case STRING -> node.textValue();
      case NUMBER -> number(node);
      case ARRAY -> {
        List<Object> list = new ArrayList<>(node.size());
        node.forEach(element -> list.add(toJsonata(element)));
        yield list;
      }
      case OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        node.properties().forEach(field -> map.put(field.getKey(), toJsonata(field.getValue())));
        yield map;
      }
      case BINARY, POJO, MISSING ->
          throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
    };
  }

  private static Object number(JsonNode node) {
    if (node.isInt() || node.isShort()) {
      return node.intValue();
    }
    if (node.isLong()) {
      return node.longValue();
    }
    if (node.isBigInteger()) {
      return node.canConvertToLong() ? node.longValue() : node.bigIntegerValue();
    }
    if (node.isBigDecimal()) {
      return node.decimalValue();
    }
    return node.doubleValue();
  }

  /**
   * A defined value; inside objects and arrays a Java null is a JSON null (there is no undefined).
   */
  static JsonNode toJson(Object value) {
    if (value == null || value == Jsonata.NULL_VALUE) {
      return NODES.nullNode();
    }
    if (value instanceof String text) {
      return NODES.textNode(text);
    }
    if (value instanceof Boolean bool) {
      return NODES.booleanNode(bool);
    }
    if (value instanceof Number number) {
      return number(number);
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      map.forEach((key, field) -> object.set(String.valueOf(key), toJson(field)));
      return object;
    }
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode(list.size());
      list.forEach(element -> array.add(toJson(element)));
      return array;
    }
    throw new NotJsonException();
  }

  private static JsonNode number(Number number) {
    return switch (number) {
      case Integer i -> NODES.numberNode(i);
      case Short s -> NODES.numberNode(s.intValue());
      case Byte b -> NODES.numberNode(b.intValue());
      case Long l -> integral(BigInteger.valueOf(l));
      case BigInteger big -> integral(big);
      case BigDecimal decimal -> NODES.numberNode(decimal);
      default -> {
        double d = number.doubleValue();
        if (d == Math.rint(d) && Math.abs(d) < EXPONENT_NOTATION_FROM) {
          // The shortest decimal that reads back as d, as JavaScript prints it: 2^63 is
          // 9223372036854776000, not 9223372036854775808.
          yield integral(BigDecimal.valueOf(d).toBigInteger());
        }
        yield NODES.numberNode(d);
      }
    };
  }

  /** The narrowest node, so 3 is an IntNode equal to what a Jackson parser reads from "3". */
  private static JsonNode integral(BigInteger value) {
    if (value.bitLength() < Integer.SIZE) {
      return NODES.numberNode(value.intValue());
    }
    if (value.bitLength() < Long.SIZE) {
      return NODES.numberNode(value.longValue());
    }
    return NODES.numberNode(value);
  }

  /** How a value reads in an error cause: as JSON, or as "a function". */
  static String describe(Object value) {
    if (value == null) {
      return "nothing (undefined)";
    }
    try {
      return toJson(value).toString();
    } catch (NotJsonException e) {
      return e.getMessage();
    }
  }
}
