package dev.cutover.asl.jsonata;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.asl.StatesError;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Evaluates the JSONata of JSONata states as the Step Functions developer guide describes it: a
 * string is an expression only when the whole string is {@code {% ... %}}, every other value is
 * literal, and an expression that fails, returns nothing (undefined) or returns a value its field
 * cannot take raises {@code States.QueryEvaluationError}.
 *
 * <p>Compiled expressions are cached by text and shared between threads. A definition error, which
 * AWS rejects when the state machine is created (a string opening or closing its delimiters
 * improperly, an expression that does not parse), is an {@link IllegalArgumentException}, never a
 * {@link StatesError} a {@code Catch} could handle; {@link #validate} finds them up front.
 *
 * <p>Causes follow AWS's wording, e.g. {@code The JSONata expression '$x' specified for the field
 * 'Output/v' returned nothing (undefined).} Methods taking a {@code field} name it that way, with
 * {@code /key} and {@code [i]} appended inside templates; the engine adds the state's own prefix.
 */
public final class JsonataEvaluator {

  /** Wall-clock bound on one evaluation, so an expression that never terminates fails instead. */
  static final long EVALUATION_TIMEOUT_MILLIS = 10_000;

  /** Evaluation nesting bound, so runaway recursion fails before the thread's stack overflows. */
  static final int MAX_EVALUATION_DEPTH = 500;

  /** RFC 3339 with an uppercase T and an uppercase Z (or a numeric offset), as Wait requires. */
  private static final Pattern TIMESTAMP =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

  private static final String TIMESTAMP_RULE =
      "an RFC 3339 timestamp with an uppercase T and Z, such as 2024-08-18T17:33:00Z";

  private final Clock clock;
  private final StepFunctionsFunctions functions;
  private final Map<String, Jsonata> compiled = new ConcurrentHashMap<>();
  private final AtomicInteger compilations = new AtomicInteger();

  /** The system clock and real randomness. */
  public JsonataEvaluator() {
    this(Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble(), UUID::randomUUID);
  }

  /**
   * {@code clock} is what $now and $millis read (the engine's virtual time); {@code random} feeds
   * $random without a seed and {@code uuids} feeds $uuid, so tests can fix them.
   */
  public JsonataEvaluator(Clock clock, DoubleSupplier random, Supplier<UUID> uuids) {
    this.clock = clock;
    this.functions = new StepFunctionsFunctions(random, uuids);
  }

  /**
   * Whether Step Functions evaluates this string: it must start with {@code {%} and end with {@code
   * %}}, with nothing before or after.
   */
  public static boolean isExpression(String text) {
    return text.length() >= 4 && text.startsWith("{%") && text.endsWith("%}");
  }

  /**
   * Checks what AWS checks when a definition is created: every string in {@code template} that
   * looks like an expression has proper delimiters and parses. Throws {@link
   * IllegalArgumentException} naming the first that does not.
   */
  public void validate(JsonNode template) {
    if (template.isTextual()) {
      String text = template.textValue();
      if (isExpression(text)) {
        compile(inner(text));
      } else {
        rejectImproperDelimiters(text);
      }
    }
    template.forEach(this::validate);
  }

  /** Arguments, Output, Assign and the like, where no field name is at hand for causes. */
  public JsonNode evaluateTemplate(JsonNode template, JsonataBindings bindings) {
    return evaluateTemplate(null, template, bindings);
  }

  /**
   * Evaluates every {@code {% %}} string in {@code template}, however deeply nested, and keeps
   * every other value as written. {@code field} (e.g. {@code Output}) names failures.
   */
  public JsonNode evaluateTemplate(String field, JsonNode template, JsonataBindings bindings) {
    return new Evaluation(bindings).template(field, template);
  }

  /**
   * One expression, given with or without its {@code {% %}} delimiters (JSONata itself cannot
   * start with {@code {%}, so both read the same).
   */
  public JsonNode evaluateExpression(String expression, JsonataBindings bindings) {
    return new Evaluation(bindings).expression(null, expression);
  }

  /** A Choice rule's {@code Condition}, which must evaluate to true or false. */
  public boolean evaluateCondition(String condition, JsonataBindings bindings) {
    return evaluateCondition(null, condition, bindings);
  }

  /** As {@link #evaluateCondition(String, JsonataBindings)}, naming {@code field} in causes. */
  public boolean evaluateCondition(String field, String condition, JsonataBindings bindings) {
    JsonNode value = new Evaluation(bindings).expression(field, condition);
    if (!value.isBoolean()) {
      throw mismatch(field, condition, value, "a boolean");
    }
    return value.booleanValue();
  }

  /**
   * A whole-number field given as a literal or as an expression, such as {@code TimeoutSeconds} (1
   * to 99999999) or Wait's {@code Seconds} (0 to 99999999): a non-number, a fraction or a value
   * outside {@code [min, max]} fails.
   */
  public long evaluateInteger(
      String field, JsonNode value, JsonataBindings bindings, long min, long max) {
    JsonNode result = new Evaluation(bindings).template(field, value);
    if (result.isNumber() && result.canConvertToExactIntegral() && result.canConvertToLong()) {
      long number = result.longValue();
      if (number >= min && number <= max) {
        return number;
      }
    }
    String rule =
        max == Long.MAX_VALUE
            ? "an integer of at least " + min
            : "an integer from " + min + " to " + max;
    throw mismatch(field, value, result, rule);
  }

  /**
   * Wait's {@code Timestamp}: a string in RFC 3339 with an uppercase T, and an uppercase Z when no
   * numeric offset is given. The instant is exact; Wait's truncation to seconds is the caller's.
   */
  public Instant evaluateTimestamp(String field, JsonNode value, JsonataBindings bindings) {
    JsonNode result = new Evaluation(bindings).template(field, value);
    if (result.isTextual() && TIMESTAMP.matcher(result.textValue()).matches()) {
      try {
        return OffsetDateTime.parse(result.textValue()).toInstant();
      } catch (DateTimeParseException impossibleDate) {
        // Well formed but not a date, such as month 13: the same mismatch as any other.
      }
    }
    throw mismatch(field, value, result, TIMESTAMP_RULE);
  }

  /** Map's {@code Items}: an array, an object, or an expression evaluating to one of them. */
  public JsonNode evaluateItems(String field, JsonNode value, JsonataBindings bindings) {
    JsonNode result = new Evaluation(bindings).template(field, value);
    if (!result.isArray() && !result.isObject()) {
      throw mismatch(field, value, result, "an array or an object");
    }
    return result;
  }

  /** How many distinct expression texts were compiled: the cache's witness for tests. */
  int compilations() {
    return compilations.get();
  }

  private Jsonata compile(String expression) {
    return compiled.computeIfAbsent(
        expression,
        text -> {
          Jsonata jsonata;
          try {
            jsonata = Jsonata.jsonata(text);
          } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                "'" + text + "' is not a valid JSONata expression" + reason(e), e);
          }
          jsonata.setOutputConvertNulls(false);
          functions.registerOn(jsonata);
          compilations.incrementAndGet();
          return jsonata;
        });
  }

  /** The expression between the delimiters; callers have checked {@link #isExpression}. */
  private static String inner(String text) {
    return text.substring(2, text.length() - 2).strip();
  }

  private static void rejectImproperDelimiters(String text) {
    String stripped = text.strip();
    if (stripped.startsWith("{%") || stripped.endsWith("%}")) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' opens or closes a JSONata expression improperly: it must start with {% and end"
              + " with %}, with nothing before or after");
    }
  }

  /**
   * Why an evaluation failed, preceded by the separator AWS uses: {@code ". T0410: ..."} after a
   * JSONata error code, {@code ": ..."} before a bare message.
   */
  private static String reason(Throwable failure) {
    Throwable root = failure;
    while (root.getClass() == RuntimeException.class && root.getCause() != null) {
      root = root.getCause(); // dashjoin wraps some failures, e.g. inside $sort's comparator
    }
    if (root instanceof JException jsonata && jsonata.getError() != null) {
      String code = jsonata.getError();
      String message = jsonata.getMessage();
      // A message outside dashjoin's catalog comes back as the code, prefixed with this.
      if (message == null || message.equals("JSonataException " + code)) {
        return ": " + code;
      }
      return ". " + code + ": " + message;
    }
    if (root instanceof StackOverflowError) {
      return ": the expression nests too deeply";
    }
    return ": " + (root.getMessage() != null ? root.getMessage() : root.toString());
  }

  private static StatesError failure(String field, String expression, String what) {
    return new StatesError(
        StatesError.QUERY_EVALUATION_ERROR,
        "The JSONata expression '"
            + expression
            + "'"
            + (field == null ? "" : " specified for the field '" + field + "'")
            + " "
            + what);
  }

  private static StatesError mismatch(String field, String source, JsonNode result, String rule) {
    return failure(
        field, expressionText(source), "returned " + result + ", but it must be " + rule + ".");
  }

  private static StatesError mismatch(String field, JsonNode source, JsonNode result, String rule) {
    if (source.isTextual() && isExpression(source.textValue())) {
      return mismatch(field, source.textValue(), result, rule);
    }
    return new StatesError(
        StatesError.QUERY_EVALUATION_ERROR,
        "The field '" + field + "' is " + result + ", but it must be " + rule + ".");
  }

  private static String expressionText(String text) {
    return isExpression(text) ? inner(text) : text.strip();
  }

  /**
   * One field's evaluation: $states and the variables are converted once, on first need, and
   * $now/$millis return one instant throughout.
   */
  private final class Evaluation {

    private final JsonataBindings bindings;
    private Map<String, Object> states;
    private Map<String, Object> variables;
    private Long now;

    Evaluation(JsonataBindings bindings) {
      this.bindings = bindings;
    }

    JsonNode template(String field, JsonNode node) {
      if (node.isTextual()) {
        String text = node.textValue();
        if (isExpression(text)) {
          return expression(field, text);
        }
        rejectImproperDelimiters(text);
        return node;
      }
      if (node.isObject()) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        node.properties()
            .forEach(
                property -> {
                  String key = property.getKey();
                  String path = field == null ? key : field + "/" + key;
                  object.set(key, template(path, property.getValue()));
                });
        return object;
      }
      if (node.isArray()) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(node.size());
        for (int i = 0; i < node.size(); i++) {
          array.add(template((field == null ? "" : field) + "[" + i + "]", node.get(i)));
        }
        return array;
      }
      return node;
    }

    JsonNode expression(String field, String text) {
      String expression = expressionText(text);
      Object result = evaluate(field, expression);
      if (result == null) {
        throw failure(field, expression, "returned nothing (undefined).");
      }
      try {
        return JsonataValues.toJson(result);
      } catch (JsonataValues.NotJsonException e) {
        throw failure(field, expression, "returned " + e.getMessage() + ".");
      }
    }

    private Object evaluate(String field, String expression) {
      Jsonata jsonata = compile(expression);
      Jsonata.Frame frame = jsonata.createFrame();
      frame.setRuntimeBounds(EVALUATION_TIMEOUT_MILLIS, MAX_EVALUATION_DEPTH);
      StepFunctionsFunctions.bindClock(frame, now());
      variables().forEach((name, value) -> frame.bind(name, value));
      frame.bind("states", states());
      try {
        return jsonata.evaluate(null, frame);
      } catch (RuntimeException | StackOverflowError e) {
        throw failure(field, expression, "threw an error during evaluation" + reason(e));
      }
    }

    private long now() {
      if (now == null) {
        now = clock.millis();
      }
      return now;
    }

    private Map<String, Object> states() {
      if (states == null) {
        states = new LinkedHashMap<>();
        states.put("input", JsonataValues.toJsonata(bindings.input()));
        bindings.result().ifPresent(r -> states.put("result", JsonataValues.toJsonata(r)));
        bindings
            .errorOutput()
            .ifPresent(e -> states.put("errorOutput", JsonataValues.toJsonata(e)));
        states.put("context", JsonataValues.toJsonata(bindings.context()));
      }
      return states;
    }

    private Map<String, Object> variables() {
      if (variables == null) {
        variables = new LinkedHashMap<>();
        bindings
            .variables()
            .forEach((name, value) -> variables.put(name, JsonataValues.toJsonata(value)));
      }
      return variables;
    }
  }
}
