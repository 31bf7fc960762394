package dev.cutover.templates.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.infra.CutoverStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The files the tests read from the repository root: the workflow and cdk.json. */
public final class Repository {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

  private Repository() {}

  /** The repository root (Surefire passes it; {@code ..} from the module otherwise). */
  public static Path root() {
    String configured = System.getProperty("cutover.repositoryRoot");
    Path root = configured == null ? Path.of("..") : Path.of(configured);
    return root.toAbsolutePath().normalize();
  }

  /** statemachine/migration.asl.json as text. */
  public static String aslText() {
    return read(root().resolve(CutoverStack.DEFINITION));
  }

  /** statemachine/migration.asl.json parsed. */
  public static JsonNode asl() {
    return parse(aslText());
  }

  /** The {@code ${Name}} placeholders the workflow file uses. */
  public static Set<String> placeholders(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** cdk.json's {@code context}: what {@code npx cdk synth} gives the app. */
  public static Map<String, Object> cdkContext() {
    try {
      JsonNode context = JSON.readTree(root().resolve("cdk.json").toFile()).path("context");
      return JSON.convertValue(context, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectMapper mapper() {
    return JSON;
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
