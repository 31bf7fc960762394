package dev.cutover.asl.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.JFunction;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * The functions Step Functions adds to JSONata ($partition, $range, $hash, $random, $uuid, $parse),
 * the one it removes ($eval), and $now/$millis read from the engine's clock instead of the wall
 * clock. Arguments are checked here rather than by dashjoin signatures so a wrong one fails with a
 * cause naming the function and the rule, as the developer guide states it.
 *
 * <p>Every signature is all-optional {@code x?} slots: dashjoin pads a short call with Java nulls
 * (undefined) and refuses a call with more arguments than slots.
 */
final class StepFunctionsFunctions {

  /** "The hashing algorithm must be one of the following values", case as written. */
  private static final Set<String> HASH_ALGORITHMS =
      Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

  /** States.ArrayRange's documented limit, which $range is the JSONata equivalent of. */
  static final int MAX_RANGE_ELEMENTS = 1000;

  private static final ObjectReader STRICT_JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build()
          .reader();

  private final DoubleSupplier random;
  private final Supplier<UUID> uuids;

  StepFunctionsFunctions(DoubleSupplier random, Supplier<UUID> uuids) {
    this.random = random;
    this.uuids = uuids;
  }

  /** The functions that do not depend on the moment of evaluation, bound once per compilation. */
  void registerOn(Jsonata expression) {
    expression.registerFunction(
        "partition",
        new JFunction((input, args) -> partition(arg(args, 0), arg(args, 1)), "<x?x?:x>"));
    expression.registerFunction(
        "range",
        new JFunction(
            (input, args) -> range(arg(args, 0), arg(args, 1), arg(args, 2)), "<x?x?x?:x>"));
    expression.registerFunction(
        "hash", new JFunction((input, args) -> hash(arg(args, 0), arg(args, 1)), "<x?x?:x>"));
    expression.registerFunction(
        "random", new JFunction((input, args) -> random(arg(args, 0)), "<x?:n>"));
    expression.registerFunction(
        "uuid", new JFunction((input, args) -> uuids.get().toString(), "<:s>"));
    expression.registerFunction(
        "parse", new JFunction((input, args) -> parse(arg(args, 0)), "<x?:x>"));
    expression.registerFunction(
        "eval",
        new JFunction(
            (input, args) -> {
              throw new IllegalArgumentException(
                  "$eval is not supported by Step Functions; use $parse to deserialize JSON");
            },
            "<x?x?:x>"));
  }

  /**
   * $now and $millis at one instant: JSONata returns the same timestamp to every call within an
   * evaluation, and the engine runs in virtual time.
   */
  static void bindClock(Jsonata.Frame frame, long epochMillis) {
    frame.bind(
        "now",
        new JFunction(
            (input, args) ->
                Functions.dateTimeFromMillis(
                    epochMillis, (String) arg(args, 0), (String) arg(args, 1)),
            "<s?s?:s>"));
    frame.bind("millis", new JFunction((input, args) -> epochMillis, "<:n>"));
  }

  /**
   * The argument at {@code index}, or undefined: dashjoin pads a direct call up to the signature's
   * arity, but a higher-order call such as {@code $map(xs, $parse)} passes only what it has.
   */
  private static Object arg(List<?> args, int index) {
    return index < args.size() ? args.get(index) : null;
  }

  private static Object partition(Object array, Object chunkSize) {
    if (array == null) {
      return null;
    }
    if (!(array instanceof List<?> items)) {
      throw argument("$partition", "argument 1 must be an array", array);
    }
    long size = integer("$partition", 2, chunkSize);
    if (size < 1) {
      throw argument("$partition", "the chunk size must be a positive integer", chunkSize);
    }
    List<Object> chunks = new ArrayList<>();
    for (int from = 0; from < items.size(); ) {
      int to = from + (int) Math.min(items.size() - from, size);
      chunks.add(new ArrayList<>(items.subList(from, to)));
      from = to;
    }
    return chunks;
  }

  private static Object range(Object start, Object end, Object step) {
    long first = integer("$range", 1, start);
    long last = integer("$range", 2, end);
    long delta = integer("$range", 3, step);
    if (delta == 0) {
      throw argument("$range", "the step must not be zero", step);
    }
    List<Object> values = new ArrayList<>();
    for (long value = first; delta > 0 ? value <= last : value >= last; value += delta) {
      if (values.size() == MAX_RANGE_ELEMENTS) {
        throw new IllegalArgumentException(
            "$range: the array cannot have more than " + MAX_RANGE_ELEMENTS + " elements");
      }
      values.add(value);
      if (delta > 0 ? value > Long.MAX_VALUE - delta : value < Long.MIN_VALUE - delta) {
        break;
      }
    }
    return values;
  }

  private static Object hash(Object data, Object algorithm) {
    if (data == null) {
      return null;
    }
    if (!(data instanceof String text)) {
      throw argument("$hash", "argument 1 must be a string", data);
    }
    if (!(algorithm instanceof String name) || !HASH_ALGORITHMS.contains(name)) {
      throw argument(
          "$hash", "the algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512", algorithm);
    }
    try {
      byte[] digest = MessageDigest.getInstance(name).digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no " + name, e);
    }
  }

  /** With a seed, java.util.Random's first double: the same seed gives the same number. */
  private Object random(Object seed) {
    if (seed == null) {
      return random.getAsDouble();
    }
    return new Random(integer("$random", 1, seed)).nextDouble();
  }

  private static Object parse(Object json) {
    if (json == null) {
      return null;
    }
    if (!(json instanceof String text)) {
      throw argument("$parse", "argument 1 must be a string", json);
    }
    JsonNode parsed;
    try {
      parsed = STRICT_JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("$parse: invalid JSON: " + e.getOriginalMessage(), e);
    }
    if (parsed == null || parsed.isMissingNode()) {
      throw new IllegalArgumentException("$parse: invalid JSON: the string holds no JSON value");
    }
    return JsonataValues.toJsonata(parsed);
  }

  /** "Built-in JSONata functions that require integer values ... round down" non-integers. */
  private static long integer(String function, int position, Object value) {
    if (!(value instanceof Number number)) {
      throw argument(function, "argument " + position + " must be a number", value);
    }
    return (long) Math.floor(number.doubleValue());
  }

  private static IllegalArgumentException argument(String function, String rule, Object got) {
    return new IllegalArgumentException(
        function + ": " + rule + ", got " + JsonataValues.describe(got));
  }
}
