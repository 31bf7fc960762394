package dev.cutover.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test-only {@link PathResolver}: {@code $...} paths apply to the state input, {@code $name...}
 * paths to the workflow variable {@code name}, both with Jayway JsonPath over Jackson nodes.
 */
final class JsonPathResolver implements PathResolver {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private static final Configuration JACKSON =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider(MAPPER))
          .mappingProvider(new JacksonMappingProvider(MAPPER))
          .build();
  private static final Pattern VARIABLE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)(.*)");

  private final JsonNode input;
  private final Map<String, JsonNode> variables;

  JsonPathResolver(JsonNode input, Map<String, JsonNode> variables) {
    this.input = input;
    this.variables = Map.copyOf(variables);
  }

  /** A resolver over a state input given as JSON text, with no variables. */
  static JsonPathResolver over(String inputJson) {
    return new JsonPathResolver(json(inputJson), Map.of());
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException("not JSON: " + text, e);
    }
  }

  @Override
  public Optional<JsonNode> resolve(String path) {
    Matcher variable = VARIABLE.matcher(path);
    if (variable.matches()) {
      JsonNode value = variables.get(variable.group(1));
      return value == null ? Optional.empty() : read(value, "$" + variable.group(2));
    }
    return read(input, path);
  }

  private static Optional<JsonNode> read(JsonNode document, String path) {
    try {
      JsonNode value = JsonPath.using(JACKSON).parse(document).read(path, JsonNode.class);
      return Optional.of(value == null ? NullNode.getInstance() : value);
    } catch (PathNotFoundException e) {
      return Optional.empty();
    }
  }
}
