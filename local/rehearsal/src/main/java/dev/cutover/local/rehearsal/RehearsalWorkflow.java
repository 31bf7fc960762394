package dev.cutover.local.rehearsal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The workflow a rehearsal runs: {@code statemachine/migration.asl.json} itself, from the jar the
 * build makes of it, with its {@code ${Placeholders}} substituted the way the CDK app's
 * {@code definitionSubstitutions} substitute them in AWS.
 */
public final class RehearsalWorkflow {

  /** Where the statemachine module puts the file on the classpath. */
  public static final String RESOURCE = "/dev/cutover/statemachine/migration.asl.json";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");

  private RehearsalWorkflow() {}

  /** The file as the repository has it, placeholders and all. */
  public static String template() {
    try (InputStream in = RehearsalWorkflow.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath: build the statemachine module (./mvnw -pl statemachine install).");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The names of the placeholders the file uses. */
  public static Set<String> placeholders() {
    Set<String> names = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(template());
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /**
   * The definition with every placeholder replaced by its value in {@code substitutions}.
   *
   * @throws IllegalArgumentException naming every placeholder with no value, and every value no
   *     placeholder takes (as the template tests require of the CDK app)
   */
  public static String definition(Map<String, String> substitutions) {
    Set<String> missing = new TreeSet<>(placeholders());
    missing.removeAll(substitutions.keySet());
    Set<String> unused = new TreeSet<>(substitutions.keySet());
    unused.removeAll(placeholders());
    if (!missing.isEmpty() || !unused.isEmpty()) {
      throw new IllegalArgumentException("the workflow's placeholders and the rehearsal's substitutions differ:"
          + (missing.isEmpty() ? "" : " no value for " + missing)
          + (unused.isEmpty() ? "" : " no placeholder for " + unused));
    }
    Matcher m = PLACEHOLDER.matcher(template());
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(substitutions.get(m.group(1))));
    }
    m.appendTail(out);
    return out.toString();
  }
}
