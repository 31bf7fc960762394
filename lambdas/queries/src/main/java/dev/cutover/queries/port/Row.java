package dev.cutover.queries.port;

import dev.cutover.errors.InternalErrorException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One result row: its values by column name. Values are the engine's text (Athena gives no other);
 * {@link #longValue} and {@link #boolValue} read the forms both engines print.
 */
public final class Row {

  private final List<String> columns;
  private final List<String> values;

  public Row(List<String> columns, List<String> values) {
    if (columns.size() != values.size()) {
      throw new IllegalArgumentException(values.size() + " values for " + columns.size() + " columns");
    }
    this.columns = List.copyOf(columns);
    this.values = Collections.unmodifiableList(new ArrayList<>(values));
  }

  /** The value of {@code column}, {@code null} for SQL NULL. */
  public String get(String column) {
    int i = columns.indexOf(column);
    if (i < 0) {
      throw new InternalErrorException("the query result has no column \"" + column + "\"; it has " + columns);
    }
    return values.get(i);
  }

  /** A {@code bigint} column; {@code null} for SQL NULL. */
  public Long longValue(String column) {
    String value = get(column);
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new InternalErrorException("column \"" + column + "\" is not a whole number: \"" + value + "\"", e);
    }
  }

  /** A {@code boolean} column ({@code true} / {@code false} in any case); {@code null} for SQL NULL. */
  public Boolean boolValue(String column) {
    String value = get(column);
    if (value == null) {
      return null;
    }
    return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new InternalErrorException("column \"" + column + "\" is not a boolean: \"" + value + "\"");
    };
  }

  public List<String> values() {
    return values;
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
