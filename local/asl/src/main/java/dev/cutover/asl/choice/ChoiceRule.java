package dev.cutover.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.asl.StatesError;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One Choice Rule in JSONPath mode, without its {@code Next}: a Boolean expression ({@code And},
 * {@code Or}, {@code Not}) or a Data-test expression (a {@code Variable} and one comparison
 * operator), as the Amazon States Language specification ("Choice State") and the AWS Step
 * Functions developer guide ("Choice workflow state", Choice Rules (JSONPath)) define them.
 *
 * <p>Rules come from {@link ChoiceRules#parse}, which checks the definition.
 */
public sealed interface ChoiceRule {

  /**
   * Whether the rule holds for the data the resolver sees.
   *
   * @throws StatesError {@code States.Runtime} when a path matches nothing (the {@code Variable} of
   *     anything but {@code IsPresent}, or the value of a {@code ...Path} operator), or when a
   *     {@code StringMatches} pattern has an open escape
   */
  boolean evaluate(PathResolver resolver);

  /** True when every rule holds; stops at the first that does not. */
  record And(List<ChoiceRule> rules) implements ChoiceRule {
    public And {
      rules = List.copyOf(rules);
    }

    @Override
    public boolean evaluate(PathResolver resolver) {
      for (ChoiceRule rule : rules) {
        if (!rule.evaluate(resolver)) {
          return false;
        }
      }
      return true;
    }
  }

  /** True when any rule holds; stops at the first that does. */
  record Or(List<ChoiceRule> rules) implements ChoiceRule {
    public Or {
      rules = List.copyOf(rules);
    }

    @Override
    public boolean evaluate(PathResolver resolver) {
      for (ChoiceRule rule : rules) {
        if (rule.evaluate(resolver)) {
          return true;
        }
      }
      return false;
    }
  }

  /** The inverse of one rule. */
  record Not(ChoiceRule rule) implements ChoiceRule {
    @Override
    public boolean evaluate(PathResolver resolver) {
      return !rule.evaluate(resolver);
    }
  }

  /**
   * {@code Variable} compared with a constant, e.g. {@code "NumericLessThan": 30}: false unless
   * both values are of the operator's type.
   */
  record Compare(String variable, ValueType type, Relation relation, JsonNode value)
      implements ChoiceRule {
    @Override
    public boolean evaluate(PathResolver resolver) {
      return type.compare(resolve(resolver, variable), value).stream().anyMatch(relation.test);
    }
  }

  /**
   * {@code Variable} compared with the value of another path, e.g. {@code "NumericGreaterThanPath":
   * "$.auditThreshold"}: false unless both values are of the operator's type.
   */
  record ComparePath(String variable, ValueType type, Relation relation, String path)
      implements ChoiceRule {
    @Override
    public boolean evaluate(PathResolver resolver) {
      JsonNode actual = resolve(resolver, variable);
      return type.compare(actual, resolve(resolver, path)).stream().anyMatch(relation.test);
    }
  }

  /**
   * {@code StringMatches}: {@code *} matches zero or more characters, {@code \*} a literal star,
   * {@code \\} a literal backslash; nothing else is special. False unless the value is a string.
   */
  record StringMatches(String variable, String pattern) implements ChoiceRule {
    @Override
    public boolean evaluate(PathResolver resolver) {
      Pattern regex = wildcardRegex(pattern);
      JsonNode actual = resolve(resolver, variable);
      return actual.isTextual() && regex.matcher(actual.textValue()).matches();
    }
  }

  /**
   * {@code IsNull}, {@code IsPresent}, {@code IsNumeric}, {@code IsString}, {@code IsBoolean} or
   * {@code IsTimestamp}: true when the test's result equals {@code expected}.
   */
  record TypeTest(String variable, Check check, boolean expected) implements ChoiceRule {
    @Override
    public boolean evaluate(PathResolver resolver) {
      Optional<JsonNode> value =
          check == Check.IS_PRESENT
              ? resolver.resolve(variable)
              : Optional.of(resolve(resolver, variable));
      return value.filter(check.test).isPresent() == expected;
    }
  }

  /** The type a comparison operator works on, named by its prefix. */
  enum ValueType {
    STRING("String", JsonNode::isTextual),
    NUMERIC("Numeric", JsonNode::isNumber),
    BOOLEAN("Boolean", JsonNode::isBoolean),
    TIMESTAMP(
        "Timestamp", node -> node.isTextual() && Timestamps.parse(node.textValue()).isPresent());

    private final String prefix;
    private final Predicate<JsonNode> accepts;

    ValueType(String prefix, Predicate<JsonNode> accepts) {
      this.prefix = prefix;
      this.accepts = accepts;
    }

    /** How the operator names begin: {@code String}, {@code Numeric}, ... */
    public String prefix() {
      return prefix;
    }

    /** Whether a JSON value is of this type. */
    public boolean accepts(JsonNode value) {
      return accepts.test(value);
    }

    /** The sign of {@code left - right}; empty when either is not of this type. */
    OptionalInt compare(JsonNode left, JsonNode right) {
      if (!accepts(left) || !accepts(right)) {
        return OptionalInt.empty();
      }
      return OptionalInt.of(
          switch (this) {
            case STRING -> left.textValue().compareTo(right.textValue());
            case NUMERIC -> compareNumbers(left, right);
            case BOOLEAN -> Boolean.compare(left.booleanValue(), right.booleanValue());
            case TIMESTAMP ->
                Timestamps.parse(left.textValue())
                    .orElseThrow()
                    .compareTo(Timestamps.parse(right.textValue()).orElseThrow());
          });
    }

    /** Integers exactly; anything else as IEEE 754 binary64, so {@code 1 == 1.0}. */
    private static int compareNumbers(JsonNode left, JsonNode right) {
      if (left.isIntegralNumber() && right.isIntegralNumber()) {
        return left.bigIntegerValue().compareTo(right.bigIntegerValue());
      }
      double l = left.doubleValue();
      double r = right.doubleValue();
      return l < r ? -1 : l > r ? 1 : 0;
    }
  }

  /** The relation a comparison operator tests, named by its suffix. */
  enum Relation {
    EQUALS("Equals", c -> c == 0),
    LESS_THAN("LessThan", c -> c < 0),
    GREATER_THAN("GreaterThan", c -> c > 0),
    LESS_THAN_EQUALS("LessThanEquals", c -> c <= 0),
    GREATER_THAN_EQUALS("GreaterThanEquals", c -> c >= 0);

    private final String suffix;
    private final IntPredicate test;

    Relation(String suffix, IntPredicate test) {
      this.suffix = suffix;
      this.test = test;
    }

    /** How the operator names continue after the type: {@code Equals}, {@code LessThan}, ... */
    public String suffix() {
      return suffix;
    }
  }

  /** The {@code Is...} operators. */
  enum Check {
    IS_NULL("IsNull", JsonNode::isNull),
    IS_PRESENT("IsPresent", node -> true),
    IS_NUMERIC("IsNumeric", ValueType.NUMERIC::accepts),
    IS_STRING("IsString", ValueType.STRING::accepts),
    IS_BOOLEAN("IsBoolean", ValueType.BOOLEAN::accepts),
    IS_TIMESTAMP("IsTimestamp", ValueType.TIMESTAMP::accepts);

    private final String operator;
    private final Predicate<JsonNode> test;

    Check(String operator, Predicate<JsonNode> test) {
      this.operator = operator;
      this.test = test;
    }

    /** The operator's name in a Choice Rule. */
    public String operator() {
      return operator;
    }
  }

  private static JsonNode resolve(PathResolver resolver, String path) {
    Optional<JsonNode> value = resolver.resolve(path);
    return value.orElseThrow(
        () ->
            new StatesError(
                StatesError.RUNTIME,
                "Invalid path '"
                    + path
                    + "': The choice state's condition path references an invalid value."));
  }

  private static Pattern wildcardRegex(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        regex.append(".*");
      } else if (c == '\\' && i + 1 < pattern.length() && isEscapable(pattern.charAt(i + 1))) {
        i++;
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(i))));
      } else if (c == '\\') {
        throw new StatesError(
            StatesError.RUNTIME,
            "StringMatches pattern '"
                + pattern
                + "' has an open escape at index "
                + i
                + ": a backslash must be followed by * or \\");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  private static boolean isEscapable(char c) {
    return c == '*' || c == '\\';
  }
}
