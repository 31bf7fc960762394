package dev.cutover.asl.jsonpath;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.asl.StatesError;
import dev.cutover.asl.jsonpath.IntrinsicParser.Call;
import dev.cutover.asl.jsonpath.IntrinsicParser.PathArg;
import dev.cutover.asl.jsonpath.IntrinsicParser.Text;
import dev.cutover.asl.jsonpath.IntrinsicParser.Value;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.StringTokenizer;
import java.util.TreeMap;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The intrinsic functions of JSONPath states ({@code States.Format}, {@code States.Array}, ...), as
 * the developer guide's "Intrinsic functions for JSONPath states" documents them, with its input
 * validation and limits. Any failure is {@code States.IntrinsicFailure}, except a path argument
 * that selects nothing, which is {@code States.Runtime} like every other path.
 *
 * <p>Randomness ({@code States.MathRandom} without a seed, {@code States.UUID}) comes from the
 * generator given at construction, so an engine can make executions repeatable.
 */
public final class Intrinsics {

  private static final int MAX_STRING_LENGTH = 10_000;
  private static final int MAX_PAYLOAD_BYTES = 256 * 1024;
  private static final int MAX_RANGE_ITEMS = 1000;
  private static final Set<String> HASH_ALGORITHMS =
      Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

  private final RandomGenerator random;

  /** Intrinsics whose randomness comes from a {@link SecureRandom}, as in production. */
  public Intrinsics() {
    this(new SecureRandom());
  }

  /**
   * Intrinsics whose unseeded randomness comes from {@code random}: seed it for repeatable runs.
   */
  public Intrinsics(RandomGenerator random) {
    this.random = random;
  }

  /**
   * Evaluates an intrinsic invocation such as {@code States.Format('Hello, {}', $.name)}, its path
   * arguments resolved against {@code ctx}.
   *
   * @throws StatesError {@code States.IntrinsicFailure} if the expression is malformed or a
   *     function rejects its arguments; {@code States.Runtime} if a path argument selects nothing
   */
  public JsonNode evaluate(String expression, JsonPathContext ctx) {
    return call(IntrinsicParser.parse(expression), ctx);
  }

  private JsonNode value(IntrinsicParser.Arg arg, JsonPathContext ctx) {
    return switch (arg) {
      case Call call -> call(call, ctx);
      case Text text -> Json.NODES.textNode(text.value());
      case PathArg path -> Paths.resolve(path.path(), ctx);
      case Value value -> value.value();
    };
  }

  private JsonNode call(Call call, JsonPathContext ctx) {
    if (call.name().equals("States.Format")) {
      return format(call, ctx);
    }
    List<JsonNode> values = new ArrayList<>();
    for (IntrinsicParser.Arg arg : call.args()) {
      values.add(value(arg, ctx));
    }
    Args args = new Args(call.name(), values);
    return switch (call.name()) {
      case "States.StringToJson" -> stringToJson(args);
      case "States.JsonToString" -> Json.NODES.textNode(Json.text(args.count(1).get(0)));
      case "States.Array" -> Json.NODES.arrayNode().addAll(values);
      case "States.ArrayPartition" -> arrayPartition(args);
      case "States.ArrayContains" -> arrayContains(args);
      case "States.ArrayRange" -> arrayRange(args);
      case "States.ArrayGetItem" -> arrayGetItem(args);
      case "States.ArrayLength" -> Json.number(args.count(1).array(0).size());
      case "States.ArrayUnique" -> arrayUnique(args);
      case "States.Base64Encode" -> base64Encode(args);
      case "States.Base64Decode" -> base64Decode(args);
      case "States.Hash" -> hash(args);
      case "States.JsonMerge" -> jsonMerge(args);
      case "States.MathRandom" -> mathRandom(args);
      case "States.MathAdd" -> mathAdd(args);
      case "States.StringSplit" -> stringSplit(args);
      case "States.UUID" -> uuid(args);
      default ->
          throw new StatesError(
              StatesError.INTRINSIC_FAILURE, "Unknown intrinsic function " + call.name());
    };
  }

  /**
   * A literal template keeps its escapes, so {@code \{\}} stays literal; a template from a path or
   * another function has no escapes and every {@code {}} is a placeholder.
   */
  private JsonNode format(Call call, JsonPathContext ctx) {
    if (call.args().isEmpty()) {
      throw fail(call.name(), "takes at least 1 argument but got 0");
    }
    String template;
    boolean escaped = false;
    if (call.args().getFirst() instanceof Text text) {
      template = text.raw();
      escaped = true;
    } else {
      JsonNode first = value(call.args().getFirst(), ctx);
      if (!first.isTextual()) {
        throw fail(call.name(), "argument 1 must be a string, got " + type(first));
      }
      template = first.textValue();
    }
    List<String> pieces = new ArrayList<>();
    StringBuilder piece = new StringBuilder();
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (escaped && c == '\\') {
        piece.append(template.charAt(++i));
      } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
        pieces.add(piece.toString());
        piece.setLength(0);
        i++;
      } else {
        piece.append(c);
      }
    }
    int placeholders = pieces.size();
    pieces.add(piece.toString());
    if (call.args().size() - 1 != placeholders) {
      throw fail(
          call.name(),
          "the template has "
              + placeholders
              + " {} placeholder(s) but "
              + (call.args().size() - 1)
              + " value(s) were given");
    }
    StringBuilder out = new StringBuilder(pieces.getFirst());
    for (int i = 1; i < call.args().size(); i++) {
      JsonNode v = value(call.args().get(i), ctx);
      if (v.isContainerNode()) {
        throw fail(
            call.name(),
            "argument " + (i + 1) + " must be a string, number, boolean or null, got " + type(v));
      }
      out.append(v.isTextual() ? v.textValue() : v.toString()).append(pieces.get(i));
    }
    return Json.NODES.textNode(out.toString());
  }

  private static JsonNode stringToJson(Args args) {
    String json = args.count(1).string(0);
    try {
      JsonNode parsed = Json.MAPPER.readTree(json);
      if (parsed == null || parsed.isMissingNode()) {
        throw args.fail("argument 1 is empty, not JSON");
      }
      return parsed;
    } catch (JsonProcessingException e) {
      throw args.fail("argument 1 is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static JsonNode arrayPartition(Args args) {
    ArrayNode array = args.count(2).array(0);
    args.withinPayloadLimit(0);
    long size = args.integer(1);
    if (size <= 0) {
      throw args.fail("the chunk size must be a positive integer, got " + size);
    }
    ArrayNode chunks = Json.NODES.arrayNode();
    ArrayNode chunk = null;
    for (int i = 0; i < array.size(); i++) {
      if (i % size == 0) {
        chunk = chunks.addArray();
      }
      chunk.add(array.get(i));
    }
    return chunks;
  }

  private static JsonNode arrayContains(Args args) {
    ArrayNode array = args.count(2).array(0);
    args.withinPayloadLimit(0);
    String wanted = identity(args.get(1));
    for (JsonNode item : array) {
      if (identity(item).equals(wanted)) {
        return Json.NODES.booleanNode(true);
      }
    }
    return Json.NODES.booleanNode(false);
  }

  private static JsonNode arrayRange(Args args) {
    args.count(3);
    long start = args.integer(0);
    long end = args.integer(1);
    long step = args.integer(2);
    if (step == 0) {
      throw args.fail("the step (argument 3) must not be 0");
    }
    long items = Math.max(0, (long) Math.floor(((double) end - start) / step) + 1);
    if (items > MAX_RANGE_ITEMS) {
      throw args.fail(
          "the range would have " + items + " items; at most " + MAX_RANGE_ITEMS + " are allowed");
    }
    ArrayNode range = Json.NODES.arrayNode();
    for (long i = 0; i < items; i++) {
      range.add(Json.number(start + i * step));
    }
    return range;
  }

  private static JsonNode arrayGetItem(Args args) {
    ArrayNode array = args.count(2).array(0);
    JsonNode index = args.get(1);
    if (!index.isNumber() || index.doubleValue() != Math.rint(index.doubleValue())) {
      throw args.fail("argument 2 must be an integer index, got " + index);
    }
    long i = index.longValue();
    if (i < 0 || i >= array.size()) {
      throw args.fail("index " + i + " is out of bounds for an array of length " + array.size());
    }
    return array.get((int) i);
  }

  private static JsonNode arrayUnique(Args args) {
    ArrayNode array = args.count(1).array(0);
    Map<String, JsonNode> unique = new LinkedHashMap<>();
    for (JsonNode item : array) {
      unique.putIfAbsent(identity(item), item);
    }
    return Json.NODES.arrayNode().addAll(unique.values());
  }

  private static JsonNode base64Encode(Args args) {
    String data = args.count(1).limitedString(0);
    return Json.NODES.textNode(
        Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8)));
  }

  private static JsonNode base64Decode(Args args) {
    String encoded = args.count(1).limitedString(0);
    try {
      byte[] bytes = Base64.getMimeDecoder().decode(encoded);
      return Json.NODES.textNode(new String(bytes, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw args.fail("argument 1 is not valid Base64: " + e.getMessage());
    }
  }

  private static JsonNode hash(Args args) {
    String data = args.count(2).limitedString(0);
    String algorithm = args.string(1);
    if (!HASH_ALGORITHMS.contains(algorithm)) {
      throw args.fail(
          "unsupported algorithm '"
              + algorithm
              + "'; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512");
    }
    try {
      byte[] digest =
          MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8));
      return Json.NODES.textNode(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides " + algorithm, e);
    }
  }

  private static JsonNode jsonMerge(Args args) {
    ObjectNode first = args.count(3).object(0);
    ObjectNode second = args.object(1);
    if (args.bool(2)) {
      throw args.fail("only shallow merging is supported: argument 3 must be false");
    }
    ObjectNode merged = first.deepCopy();
    merged.setAll(second.deepCopy());
    return merged;
  }

  private JsonNode mathRandom(Args args) {
    args.count(2, 3);
    long start = args.integer(0);
    long end = args.integer(1);
    if (start >= end) {
      throw args.fail("the start (" + start + ") must be less than the end (" + end + ")");
    }
    RandomGenerator generator = args.size() == 3 ? new Random(args.integer(2)) : random;
    return Json.number(generator.nextLong(start, end));
  }

  private static JsonNode mathAdd(Args args) {
    args.count(2);
    return Json.number(args.int32(0) + args.int32(1));
  }

  private static JsonNode stringSplit(Args args) {
    String string = args.count(2).string(0);
    String delimiters = args.string(1);
    ArrayNode parts = Json.NODES.arrayNode();
    StringTokenizer tokens = new StringTokenizer(string, delimiters);
    while (tokens.hasMoreTokens()) {
      parts.add(tokens.nextToken());
    }
    return parts;
  }

  private JsonNode uuid(Args args) {
    args.count(0);
    long high = random.nextLong() & ~0xF000L | 0x4000L;
    long low = random.nextLong() & ~(0xC0L << 56) | 0x80L << 56;
    return Json.NODES.textNode(new UUID(high, low).toString());
  }

  /**
   * A key equal for equal JSON values: numbers by value ({@code 1} and {@code 1.0}), objects
   * whatever their field order. ArrayContains and ArrayUnique compare values, not text.
   */
  private static String identity(JsonNode node) {
    if (node.isNumber()) {
      return node.decimalValue().stripTrailingZeros().toString();
    }
    if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(item -> items.add(identity(item)));
      return items.toString();
    }
    if (node.isObject()) {
      Map<String, String> fields = new TreeMap<>();
      node.properties().forEach(e -> fields.put(e.getKey(), identity(e.getValue())));
      return Json.text(Json.MAPPER.valueToTree(fields));
    }
    return node.toString();
  }

  private static String type(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static StatesError fail(String function, String why) {
    return new StatesError(StatesError.INTRINSIC_FAILURE, function + ": " + why);
  }

  /** A function's evaluated arguments, with the checks the developer guide lists for them. */
  private record Args(String function, List<JsonNode> values) {

    Args count(int exactly) {
      return count(exactly, exactly);
    }

    Args count(int min, int max) {
      if (values.size() < min || values.size() > max) {
        String expected = min == max ? "" + min : min + " to " + max;
        throw fail("takes " + expected + " argument(s) but got " + values.size());
      }
      return this;
    }

    int size() {
      return values.size();
    }

    JsonNode get(int i) {
      return values.get(i);
    }

    ArrayNode array(int i) {
      return (ArrayNode) typed(i, get(i).isArray(), "an array");
    }

    ObjectNode object(int i) {
      return (ObjectNode) typed(i, get(i).isObject(), "a JSON object");
    }

    boolean bool(int i) {
      return typed(i, get(i).isBoolean(), "a boolean").booleanValue();
    }

    String string(int i) {
      return typed(i, get(i).isTextual(), "a string").textValue();
    }

    /** A string of at most 10,000 characters, the limit of the encoding and hash functions. */
    String limitedString(int i) {
      String s = string(i);
      if (s.length() > MAX_STRING_LENGTH) {
        throw fail(
            "argument "
                + (i + 1)
                + " has "
                + s.length()
                + " characters; at most "
                + MAX_STRING_LENGTH
                + " are allowed");
      }
      return s;
    }

    /** An integer; a non-integer number is rounded to the nearest integer, as AWS does. */
    long integer(int i) {
      JsonNode n = typed(i, get(i).isNumber(), "a number");
      if (n.isIntegralNumber() && n.canConvertToLong()) {
        return n.longValue();
      }
      double d = n.doubleValue();
      if (n.isIntegralNumber() || Math.abs(d) >= 0x1p62) {
        throw fail("argument " + (i + 1) + " is too large: " + n);
      }
      return Math.round(d);
    }

    /** MathAdd's operands: integers between -2147483648 and 2147483647. */
    long int32(int i) {
      long n = integer(i);
      if (n != (int) n) {
        throw fail(
            "argument "
                + (i + 1)
                + " must be between "
                + Integer.MIN_VALUE
                + " and "
                + Integer.MAX_VALUE
                + ", got "
                + n);
      }
      return n;
    }

    /** The input array can't exceed Step Functions' payload size limit of 256 KiB. */
    void withinPayloadLimit(int i) {
      int bytes = Json.utf8Size(get(i));
      if (bytes > MAX_PAYLOAD_BYTES) {
        throw fail(
            "argument "
                + (i + 1)
                + " is "
                + bytes
                + " bytes; the payload limit is "
                + MAX_PAYLOAD_BYTES);
      }
    }

    private JsonNode typed(int i, boolean ok, String expected) {
      if (!ok) {
        throw fail("argument " + (i + 1) + " must be " + expected + ", got " + type(get(i)));
      }
      return get(i);
    }

    StatesError fail(String why) {
      return Intrinsics.fail(function, why);
    }
  }
}
