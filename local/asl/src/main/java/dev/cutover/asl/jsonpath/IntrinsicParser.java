package dev.cutover.asl.jsonpath;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.asl.StatesError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an intrinsic function invocation such as {@code States.Format('Hello, {}', $.name)} into a
 * tree, so that evaluation ({@link Intrinsics}) deals only with values. Arguments are quoted
 * strings (with the {@code \' \{ \} \\} escapes), numbers, {@code true}, {@code false}, {@code
 * null}, paths and nested invocations.
 */
final class IntrinsicParser {

  /** "You can nest up to 10 intrinsic functions within a field." */
  static final int MAX_NESTING = 10;

  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");
  private static final String ESCAPABLE = "'{}\\";

  sealed interface Arg permits Call, Text, PathArg, Value {}

  record Call(String name, List<Arg> args) implements Arg {}

  /**
   * A quoted string kept as written: its escapes decide which braces are {@code States.Format}
   * placeholders ({@code {}}) and which are literal ({@code \{\}}).
   */
  record Text(String raw) implements Arg {
    String value() {
      StringBuilder out = new StringBuilder(raw.length());
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        out.append(c == '\\' ? raw.charAt(++i) : c);
      }
      return out.toString();
    }
  }

  record PathArg(String path) implements Arg {}

  record Value(JsonNode value) implements Arg {}

  private final String text;
  private int pos;

  private IntrinsicParser(String text) {
    this.text = text;
  }

  /**
   * Parses a whole intrinsic invocation.
   *
   * @throws StatesError {@code States.IntrinsicFailure} saying where the expression is malformed
   */
  static Call parse(String expression) {
    IntrinsicParser parser = new IntrinsicParser(expression);
    Call call = parser.call(1);
    parser.skipSpaces();
    if (parser.pos != expression.length()) {
      throw parser.malformed("unexpected text after the closing ')' at " + parser.pos);
    }
    return call;
  }

  private Call call(int depth) {
    if (depth > MAX_NESTING) {
      throw malformed("more than " + MAX_NESTING + " nested intrinsic functions");
    }
    int start = pos;
    while (pos < text.length() && isNameChar(text.charAt(pos))) {
      pos++;
    }
    if (pos == start) {
      throw malformed("expected an intrinsic function name at " + pos);
    }
    String name = text.substring(start, pos);
    expect('(');
    List<Arg> args = new ArrayList<>();
    skipSpaces();
    if (peek() == ')') {
      pos++;
      return new Call(name, args);
    }
    while (true) {
      skipSpaces();
      args.add(arg(depth));
      skipSpaces();
      char next = peek();
      pos++;
      if (next == ')') {
        return new Call(name, List.copyOf(args));
      }
      if (next != ',') {
        throw malformed("expected ',' or ')' at " + (pos - 1));
      }
    }
  }

  private Arg arg(int depth) {
    char c = peek();
    if (c == '\'') {
      return text();
    }
    if (c == '$') {
      return path();
    }
    if (c == '-' || Character.isDigit(c)) {
      return number();
    }
    int start = pos;
    while (pos < text.length() && isNameChar(text.charAt(pos))) {
      pos++;
    }
    String word = text.substring(start, pos);
    if (peek() != '(') {
      return switch (word) {
        case "true" -> new Value(Json.NODES.booleanNode(true));
        case "false" -> new Value(Json.NODES.booleanNode(false));
        case "null" -> new Value(Json.NODES.nullNode());
        default -> throw malformed("expected an argument at " + start);
      };
    }
    pos = start;
    return call(depth + 1);
  }

  private Text text() {
    StringBuilder raw = new StringBuilder();
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\'') {
        pos++;
        return new Text(raw.toString());
      }
      if (c == '\\') {
        if (pos + 1 >= text.length() || ESCAPABLE.indexOf(text.charAt(pos + 1)) < 0) {
          throw malformed("open escape '\\' at " + pos + "; only \\' \\{ \\} and \\\\ are escapes");
        }
        raw.append(c);
        pos++;
        c = text.charAt(pos);
      }
      raw.append(c);
      pos++;
    }
    throw malformed("unterminated string");
  }

  /** A path runs to the next ',' or ')' outside its own brackets, parentheses and quotes. */
  private PathArg path() {
    int start = pos;
    int brackets = 0;
    int parens = 0;
    char quote = 0;
    for (; pos < text.length(); pos++) {
      char c = text.charAt(pos);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if ((c == '\'' || c == '"') && brackets > 0) {
        quote = c;
      } else if (c == '[') {
        brackets++;
      } else if (c == ']') {
        brackets--;
      } else if (c == '(') {
        parens++;
      } else if (c == ')' && parens == 0 || c == ',' && brackets == 0 && parens == 0) {
        break;
      } else if (c == ')') {
        parens--;
      }
    }
    return new PathArg(text.substring(start, pos).strip());
  }

  private Value number() {
    Matcher m = NUMBER.matcher(text).region(pos, text.length());
    if (!m.lookingAt()) {
      throw malformed("malformed number at " + pos);
    }
    pos = m.end();
    try {
      return new Value(Json.MAPPER.readTree(m.group()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the pattern only matches JSON numbers", e);
    }
  }

  private void expect(char c) {
    if (peek() != c) {
      throw malformed("expected '" + c + "' at " + pos);
    }
    pos++;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : 0;
  }

  private void skipSpaces() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private static boolean isNameChar(char c) {
    return c >= 'A' && c <= 'Z'
        || c >= 'a' && c <= 'z'
        || c >= '0' && c <= '9'
        || c == '.'
        || c == '_';
  }

  private StatesError malformed(String why) {
    return new StatesError(
        StatesError.INTRINSIC_FAILURE, "Invalid intrinsic function '" + text + "': " + why);
  }
}
