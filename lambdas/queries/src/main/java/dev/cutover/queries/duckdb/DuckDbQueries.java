package dev.cutover.queries.duckdb;

import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.queries.logscan.CloudFrontLogTable;
import dev.cutover.queries.port.Queries;
import dev.cutover.queries.port.Query;
import dev.cutover.queries.port.ResultPage;
import dev.cutover.queries.port.Row;
import dev.cutover.queries.port.SqlValue;
import dev.cutover.queries.sql.TrinoCompat;
import java.nio.file.Path;
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
import java.util.stream.Collectors;

/**
 * {@link Queries} on an in-memory DuckDB: the local Athena of the rehearsal, and the tests'. The
 * Trino compatibility macros are loaded first, then every query's text runs exactly as given,
 * parameters bound by position. It records every query it ran, so a test can compare that text
 * with what another engine was sent. DuckDB is an optional dependency of this module (never in a
 * Lambda package): whoever uses this class declares it.
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

  /**
   * Creates {@code view} over the CloudFront standard log files under {@code root} (standard
   * logging v2's Hive paths, gzip'd): the columns of {@link CloudFrontLogTable#columns()} in the
   * DDL's order and types, then its partition keys from the paths. Lines are read as Athena's
   * LazySimpleSerDe reads them: split on tabs only (no quoting, no escapes), missing fields NULL,
   * {@code -} and empty fields as text. The local stand-in for the Glue table the CDK app creates.
   */
  public void createCloudFrontLogView(String view, Path root) {
    String columns =
        CloudFrontLogTable.columns().stream()
            .map(c -> "'" + c.name() + "': '" + duckType(c.type()) + "'")
            .collect(Collectors.joining(", ", "{", "}"));
    String partitions =
        CloudFrontLogTable.partitionKeys().stream()
            .map(c -> "'" + c.name() + "': '" + duckType(c.type()) + "'")
            .collect(Collectors.joining(", ", "{", "}"));
    String names =
        CloudFrontLogTable.columns().stream().map(c -> "\"" + c.name() + "\"").collect(Collectors.joining(", "))
            + ", "
            + CloudFrontLogTable.partitionKeys().stream().map(c -> "\"" + c.name() + "\"").collect(Collectors.joining(", "));
    String glob = root.toAbsolutePath().resolve("**").resolve("*.gz").toString().replace("'", "''");
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE OR REPLACE VIEW \"" + view + "\" AS SELECT " + names + " FROM read_csv('" + glob + "',"
              + " delim = '\\t', header = false, quote = '', escape = '', null_padding = true, auto_detect = false,"
              + " nullstr = '\\N', columns = " + columns + ", hive_partitioning = true, hive_types = " + partitions + ")");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the log view " + view + " over " + root + ": " + e.getMessage(), e);
    }
  }

  /** The DuckDB type of a Hive column type in the DDL. */
  static String duckType(String hiveType) {
    return switch (hiveType) {
      case "string" -> "VARCHAR";
      case "int" -> "INTEGER";
      case "bigint" -> "BIGINT";
      default -> throw new IllegalArgumentException("no DuckDB type for Hive type " + hiveType);
    };
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
