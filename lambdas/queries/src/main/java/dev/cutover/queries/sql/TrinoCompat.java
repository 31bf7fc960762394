package dev.cutover.queries.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * The DuckDB macros ({@value #RESOURCE}) that give the Trino functions our queries use their Trino
 * meaning, so a query from {@code sql/} runs unchanged on DuckDB. Whatever runs those queries on
 * DuckDB (tests, the local stand-in for Athena, the benchmark) executes {@link #statements()} on
 * its connection first.
 */
public final class TrinoCompat {

  /** The macro file on the class path. */
  public static final String RESOURCE = "sql/duckdb/trino-compat.sql";

  private TrinoCompat() {}

  /** The file's text. */
  public static String sql() {
    return SqlResources.read(RESOURCE);
  }

  /**
   * The file's statements, in order, each to run on its own. A statement ends with {@code ;} at
   * the end of a line; whole-line {@code --} comments are dropped.
   */
  public static List<String> statements() {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : sql().split("\n", -1)) {
      if (line.strip().startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (line.stripTrailing().endsWith(";")) {
        statements.add(current.toString().strip());
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      throw new IllegalStateException(RESOURCE + " ends with a statement that has no closing ';'");
    }
    return statements;
  }
}
