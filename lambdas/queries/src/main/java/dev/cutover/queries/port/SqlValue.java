package dev.cutover.queries.port;

import java.util.Objects;

/**
 * A value bound to one {@code ?} placeholder. Athena takes execution parameters as SQL literals
 * ({@link #literal()}); JDBC engines bind the typed value. There is deliberately no null: a query
 * that needs "not given" takes a sentinel (an empty string), which both engines treat alike.
 */
public sealed interface SqlValue {

  /** This value as a Trino SQL literal, as Athena's {@code ExecutionParameters} take it. */
  String literal();

  static SqlValue text(String value) {
    return new Text(value);
  }

  static SqlValue integer(long value) {
    return new Integer(value);
  }

  static SqlValue bool(boolean value) {
    return new Bool(value);
  }

  /** A {@code varchar}: quoted, a quote inside doubled. */
  record Text(String value) implements SqlValue {
    public Text {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String literal() {
      return "'" + value.replace("'", "''") + "'";
    }
  }

  /** A {@code bigint}. */
  record Integer(long value) implements SqlValue {
    @Override
    public String literal() {
      return Long.toString(value);
    }
  }

  /** A {@code boolean}. */
  record Bool(boolean value) implements SqlValue {
    @Override
    public String literal() {
      return value ? "TRUE" : "FALSE";
    }
  }
}
