package dev.cutover.queries.sql;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A table name that is safe to put into SQL text, where a parameter cannot go. Athena (the Glue
 * catalog) keeps names in lower case and allows letters, digits and underscores; that is all
 * this accepts, so the quoted name cannot end the identifier or carry SQL of its own.
 */
public final class TableName {

  /** At most 255 characters: Glue's limit for a table name. */
  public static final int MAX_LENGTH = 255;

  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

  private final String name;

  private TableName(String name) {
    this.name = name;
  }

  /**
   * The table {@code name}.
   *
   * @throws IllegalArgumentException saying what is wrong (the text of {@link #problem})
   */
  public static TableName of(String name) {
    problem(name).ifPresent(p -> {
      throw new IllegalArgumentException(p);
    });
    return new TableName(name);
  }

  /** What is wrong with {@code name} as a table name, for a field-path error; empty when nothing. */
  public static Optional<String> problem(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("is required: the name of a table in the Athena database.");
    }
    if (name.length() > MAX_LENGTH) {
      return Optional.of("is longer than " + MAX_LENGTH + " characters, the longest table name Glue allows.");
    }
    if (!NAME.matcher(name).matches()) {
      return Optional.of(
          "\"" + name + "\" is not a table name this step accepts: lower-case letters, digits and"
              + " underscores, not starting with a digit (Glue stores table names in lower case).");
    }
    return Optional.empty();
  }

  /** The name in double quotes, as Trino and DuckDB read an identifier. */
  public String quoted() {
    return "\"" + name + "\"";
  }

  public String name() {
    return name;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TableName t && t.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
