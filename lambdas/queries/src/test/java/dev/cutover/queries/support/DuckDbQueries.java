package dev.cutover.queries.support;

import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.queries.port.Queries;
import dev.cutover.queries.port.Query;
import dev.cutover.queries.port.ResultPage;
import dev.cutover.queries.port.Row;
import dev.cutover.queries.port.SqlValue;
import dev.cutover.queries.sql.TrinoCompat;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@link Queries} on an in-memory DuckDB, for tests: the Trino compatibility macros are loaded
 * first, then every query's text runs exactly as given, parameters bound by position. It records
 * every query it ran, so a test can compare that text with what another engine was sent.
 */
public final class DuckDbQueries implements Queries, AutoCloseable {

  private final Connection connection;
  private final int pageSize;
  private final List<Query> ran = Collections.synchronizedList(new ArrayList<>());
  private int next;

  private DuckDbQueries(Connection connection, int pageSize) throws SQLException {
    this.connection = connection;
    this.pageSize = pageSize;
    for (String macro : TrinoCompat.statements()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(macro);
      }
    }
  }

  /** A new in-memory database with the macros loaded. */
  public static DuckDbQueries inMemory() {
    return inMemory(1000);
  }

  /** A new in-memory database whose results come {@code pageSize} rows a page. */
  public static DuckDbQueries inMemory(int pageSize) {
    try {
      return new DuckDbQueries(DriverManager.getConnection("jdbc:duckdb:"), pageSize);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open DuckDB: " + e.getMessage(), e);
    }
  }

  /** The connection, to create and fill tables. */
  public Connection connection() {
    return connection;
  }

  /** Every query run so far, in order. */
  public List<Query> ran() {
    return List.copyOf(ran);
  }

  @Override
  public String run(Query query, Consumer<ResultPage> pages) {
    ran.add(query);
    String id = "duckdb-" + (++next);
    // One statement per query: DuckDB's JDBC driver closes a statement after a failed query.
    try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
      int i = 1;
      for (SqlValue value : query.parameters()) {
        switch (value) {
          case SqlValue.Text t -> statement.setString(i, t.value());
          case SqlValue.Integer n -> statement.setLong(i, n.value());
          case SqlValue.Bool b -> statement.setBoolean(i, b.value());
        }
        i++;
      }
      try (ResultSet result = statement.executeQuery()) {
        ResultSetMetaData meta = result.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
          columns.add(meta.getColumnLabel(c));
        }
        List<Row> rows = new ArrayList<>();
        boolean any = false;
        while (result.next()) {
          List<String> values = new ArrayList<>();
          for (int c = 1; c <= columns.size(); c++) {
            values.add(result.getString(c));
          }
          rows.add(new Row(columns, values));
          if (rows.size() == pageSize) {
            pages.accept(new ResultPage(id, columns, rows));
            rows = new ArrayList<>();
            any = true;
          }
        }
        if (!rows.isEmpty() || !any) {
          pages.accept(new ResultPage(id, columns, rows));
        }
      }
      return id;
    } catch (SQLException e) {
      throw new PreconditionFailedException("DuckDB query " + query.name() + " (" + id + ") failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
