package dev.cutover.asl.jsonpath;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.cutover.asl.StatesError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Paths and Reference Paths as ASL defines them. A path is JsonPath syntax beginning with {@code
 * $}; a path beginning with {@code $$} applies to the context object and one beginning with {@code
 * $name} to the variable {@code name}. A path that selects nothing fails with {@code
 * States.Runtime}, which is what Step Functions reports for an InputPath, OutputPath or {@code .$}
 * field that does not match.
 */
public final class Paths {

  // A definition's paths are few and evaluated again and again: compile each once. An invalid
  // path throws from compile and is not cached, so it fails the same way every time.
  private static final Map<String, JsonPath> COMPILED = new ConcurrentHashMap<>();

  private static final Configuration JSON_PATH =
      Configuration.builder()
          .jsonProvider(new StrictIndexProvider())
          .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
          .build();

  private static final String NOT_IN_A_FIELD_NAME = "@,:?*()[]'\"";

  private Paths() {}

  /**
   * Applies a {@code $}-rooted JsonPath to {@code doc}. {@code $} alone is the whole document; a
   * path that can match several nodes (filters, wildcards, slices) yields them as an array, empty
   * if none matches.
   *
   * @throws StatesError {@code States.Runtime} naming the path if it is invalid or selects nothing
   */
  public static JsonNode read(String path, JsonNode doc) {
    return read(path, path, doc);
  }

  /**
   * Applies a path to whatever its root names: {@code $$...} to the context object, {@code
   * $name...} to the variable {@code name}, {@code $...} to the current input.
   *
   * @throws StatesError {@code States.Runtime} if the path selects nothing or names no variable
   */
  public static JsonNode resolve(String path, JsonPathContext ctx) {
    if (path.startsWith("$$")) {
      return read(path, path.substring(1), ctx.context());
    }
    int nameEnd = variableNameEnd(path);
    if (nameEnd > 1) {
      String name = path.substring(1, nameEnd);
      JsonNode value = ctx.variables().get(name);
      if (value == null) {
        throw invalid(path, "the variable '" + name + "' is not defined");
      }
      return read(path, "$" + path.substring(nameEnd), value);
    }
    return read(path, path, ctx.input());
  }

  /**
   * Whether {@code path} is a Reference Path: rooted at {@code $}, {@code $$} or {@code $name},
   * then only {@code .field}, {@code ['field']} and {@code [index]} steps, so that it identifies a
   * single node. The operators {@code @ .. , : ? *}, filters and functions are not allowed.
   * ResultPath, ItemsPath and the {@code ...Path} fields of Task, Wait and Map take Reference
   * Paths.
   */
  public static boolean isReferencePath(String path) {
    try {
      parseReferencePath(path);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * A Reference Path taken apart: its root ({@code $}, {@code $$} or a variable name) and its
   * steps, each a field name ({@link String}) or an array index ({@link Integer}).
   */
  record ReferencePath(String root, List<Object> steps) {}

  static ReferencePath parseReferencePath(String path) {
    if (!path.startsWith("$")) {
      throw new IllegalArgumentException("a path must begin with '$'");
    }
    String root = "$";
    int i = 1;
    if (path.startsWith("$$")) {
      root = "$$";
      i = 2;
    } else if (variableNameEnd(path) > 1) {
      i = variableNameEnd(path);
      root = path.substring(1, i);
    }
    List<Object> steps = new ArrayList<>();
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '.' && i + 1 < path.length() && path.charAt(i + 1) == '[') {
        i++;
      } else if (c == '.') {
        int end = i + 1;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
          char f = path.charAt(end);
          if (NOT_IN_A_FIELD_NAME.indexOf(f) >= 0 || Character.isWhitespace(f)) {
            throw new IllegalArgumentException("'" + f + "' is not allowed in a reference path");
          }
          end++;
        }
        if (end == i + 1) {
          throw new IllegalArgumentException("empty field name at " + i);
        }
        steps.add(path.substring(i + 1, end));
        i = end;
      } else if (c == '[') {
        i = bracketStep(path, i, steps);
      } else {
        throw new IllegalArgumentException("unexpected '" + c + "' at " + i);
      }
    }
    return new ReferencePath(root, List.copyOf(steps));
  }

  /**
   * Parses {@code ['name']}, {@code ["name"]} or {@code [digits]} at {@code open}; returns the end.
   */
  private static int bracketStep(String path, int open, List<Object> steps) {
    int i = open + 1;
    if (i >= path.length()) {
      throw new IllegalArgumentException("unclosed '['");
    }
    char c = path.charAt(i);
    int close;
    if (c == '\'' || c == '"') {
      int quote = path.indexOf(c, i + 1);
      if (quote <= i + 1) {
        throw new IllegalArgumentException("empty or unterminated field name at " + i);
      }
      steps.add(path.substring(i + 1, quote));
      close = quote + 1;
    } else {
      close = i;
      while (close < path.length() && Character.isDigit(path.charAt(close))) {
        close++;
      }
      if (close == i) {
        throw new IllegalArgumentException("only field names and indexes are allowed in []");
      }
      steps.add(Integer.parseInt(path.substring(i, close)));
    }
    if (close >= path.length() || path.charAt(close) != ']') {
      throw new IllegalArgumentException("expected ']' at " + close);
    }
    return close + 1;
  }

  /**
   * The index just after a variable name following the leading {@code $}, or 1 if the path is not
   * rooted at a variable. Names are Unicode identifiers: an ID_Start then ID_Continue characters.
   */
  private static int variableNameEnd(String path) {
    if (path.length() < 2 || !Character.isUnicodeIdentifierStart(path.codePointAt(1))) {
      return 1;
    }
    int i = 1 + Character.charCount(path.codePointAt(1));
    while (i < path.length() && Character.isUnicodeIdentifierPart(path.codePointAt(i))) {
      i += Character.charCount(path.codePointAt(i));
    }
    return i;
  }

  private static JsonNode read(String shown, String path, JsonNode doc) {
    if (path.equals("$")) {
      return doc;
    }
    if (!path.startsWith("$")) {
      throw invalid(shown, "a path must begin with '$'");
    }
    try {
      Object found = COMPILED.computeIfAbsent(path, JsonPath::compile).read(doc, JSON_PATH);
      return found instanceof JsonNode node ? node : Json.MAPPER.valueToTree(found);
    } catch (JsonPathException | IllegalArgumentException e) {
      throw invalid(shown, e.getMessage());
    }
  }

  /**
   * Jackson's provider answers {@code null} for an index outside an array, which would make {@code
   * $.list[9]} a null value; Jayway's default provider finds nothing there, so the path fails like
   * any other that selects nothing.
   */
  private static final class StrictIndexProvider extends JacksonJsonNodeJsonProvider {

    StrictIndexProvider() {
      super(Json.MAPPER);
    }

    @Override
    public Object getArrayIndex(Object array, int index) {
      if (index < 0 || index >= length(array)) {
        throw new IndexOutOfBoundsException(index);
      }
      return super.getArrayIndex(array, index);
    }
  }

  private static StatesError invalid(String path, String why) {
    return new StatesError(StatesError.RUNTIME, "Invalid path '" + path + "' : " + why);
  }
}
