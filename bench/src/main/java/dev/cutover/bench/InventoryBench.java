package dev.cutover.bench;

import dev.cutover.queries.inventory.DiffCategory;
import dev.cutover.queries.inventory.InventoryDiff;
import dev.cutover.queries.inventory.InventoryDiffResult;
import dev.cutover.queries.port.Queries;
import dev.cutover.queries.port.Query;
import dev.cutover.queries.port.ResultPage;
import dev.cutover.queries.port.Row;
import dev.cutover.queries.port.SqlValue;
import dev.cutover.queries.sql.QueryTokens;
import dev.cutover.queries.sql.TableName;
import dev.cutover.queries.sql.TrinoCompat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The inventory diff ({@code lambdas/queries/src/main/resources/sql/inventory-diff.sql}, the text
 * Athena runs) on DuckDB over two generated S3 Inventory tables of {@code --rows} rows each, with a
 * few per cent of differences in every category. Prints the time the diff took, rows per second
 * (both tables' rows over that time) and the process's peak resident memory (VmHWM: the JVM and
 * DuckDB's native memory together).
 *
 * <pre>
 * InventoryBench [--rows N] [--threads N] [--memory-limit SIZE] [--runs N]
 * </pre>
 *
 * <p>Generated: blue holds keys {@code static/<dir>/asset-<i>.js} for i in [0, N); green the same
 * keys but i % 100 == 1 (missing on green), plus N/100 keys of its own (extra); i % 100 == 2 is a
 * byte larger on green, 3 is STANDARD_IA on green, 4 has another ETag on green; one object in 10
 * is multipart and one in 7 SSE-KMS on both sides, so its content is unverified. The diff's counts
 * are checked against those rules before any figure is printed.
 */
public final class InventoryBench {

  private static final String DT = "2026-11-23-01-00";
  private static final double GOAL_SECONDS = 30.0;

  private InventoryBench() {}

  public static void main(String[] args) throws Exception {
    long rows = 10_000_000;
    int threads = Runtime.getRuntime().availableProcessors();
    String memoryLimit = null;
    int runs = 1;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Long.parseLong(args[++i].replace("_", ""));
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--memory-limit" -> memoryLimit = args[++i];
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("usage: InventoryBench [--rows N] [--threads N] [--memory-limit SIZE] [--runs N]");
          System.exit(2);
        }
      }
    }
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      execute(db, "SET threads = " + threads);
      if (memoryLimit != null) {
        execute(db, "SET memory_limit = '" + memoryLimit.replace("'", "") + "'");
      }
      for (String macro : TrinoCompat.statements()) {
        execute(db, macro);
      }
      long generateStart = System.nanoTime();
      generate(db, rows);
      double generateSeconds = (System.nanoTime() - generateStart) / 1e9;
      System.out.printf(Locale.ROOT, "generated 2 inventory tables of %,d + %,d rows in %.1f s (%d threads%s)%n",
          rows, rows - rows / 100 + rows / 100, generateSeconds, threads, memoryLimit == null ? "" : ", memory_limit " + memoryLimit);

      Queries duck = new JdbcQueries(db);
      InventoryDiff.Spec spec = new InventoryDiff.Spec(TableName.of("blue_inventory"), DT, TableName.of("green_inventory"), DT, "static/", false, false, 20);
      Map<DiffCategory, Long> expected = expected(rows);
      long tableRows = rows + (rows - rows / 100 + rows / 100);
      for (int run = 1; run <= runs; run++) {
        long start = System.nanoTime();
        InventoryDiffResult result = InventoryDiff.run(duck, spec, QueryTokens.of("bench", "InventoryBench", "run-" + run));
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!result.counts().equals(expected) || result.objectsCompared() != rows + rows / 100) {
          System.err.println("InventoryBench: wrong result. expected " + expected + ", got " + result.counts()
              + " over " + result.objectsCompared() + " keys");
          System.exit(1);
        }
        System.out.printf(Locale.ROOT, "run %d: diff of %,d x %,d rows in %.2f s = %,.0f rows/s; %,d keys compared, %,d mismatched; %s; peak RSS %s%n",
            run, rows, rows, seconds, tableRows / seconds, result.objectsCompared(), result.mismatchedObjects(),
            seconds <= GOAL_SECONDS ? "within the " + (int) GOAL_SECONDS + " s goal" : "OVER the " + (int) GOAL_SECONDS + " s goal",
            peakRss());
      }
      System.out.println("counts: " + expected);
    }
  }

  private static void generate(Connection db, long rows) throws SQLException {
    String columns =
        """
        'BUCKET' AS bucket,
        'static/' || lpad(CAST(i % 100000 AS VARCHAR), 5, '0') || '/asset-' || CAST(i AS VARCHAR) || '.js' AS key,
        'v' || CAST(i AS VARCHAR) AS version_id,
        true AS is_latest,
        false AS is_delete_marker,
        CAST(1000 + i % 50000 AS BIGINT) + SIZE_DELTA AS size,
        TIMESTAMP '2026-11-20 10:00:00' AS last_modified_date,
        md5(CAST(i AS VARCHAR) || ETAG_SALT) AS e_tag,
        STORAGE_CLASS AS storage_class,
        i % 10 = 0 AS is_multipart_uploaded,
        'COMPLETED' AS replication_status,
        CASE WHEN i % 7 = 0 THEN 'SSE-KMS' ELSE 'SSE-S3' END AS encryption_status,
        CAST(NULL AS BIGINT) AS object_lock_retain_until_date,
        CAST(NULL AS VARCHAR) AS object_lock_mode,
        CAST(NULL AS VARCHAR) AS object_lock_legal_hold_status,
        CAST(NULL AS VARCHAR) AS intelligent_tiering_access_tier,
        'DISABLED' AS bucket_key_status,
        'CRC64NVME' AS checksum_algorithm,
        CAST(NULL AS VARCHAR) AS object_access_control_list,
        '0123456789abcdef' AS object_owner,
        'DT' AS dt
        """.replace("'DT'", "'" + DT + "'");
    execute(db, "CREATE TABLE blue_inventory AS SELECT "
        + columns.replace("BUCKET", "legacy-web-assets").replace("SIZE_DELTA", "0").replace("ETAG_SALT", "''").replace("STORAGE_CLASS", "'STANDARD'")
        + " FROM range(" + rows + ") AS t (i)");
    execute(db, "CREATE TABLE green_inventory AS SELECT "
        + columns.replace("BUCKET", "platform-web-assets")
            .replace("SIZE_DELTA", "CASE WHEN i % 100 = 2 THEN 1 ELSE 0 END")
            .replace("ETAG_SALT", "CASE WHEN i % 100 = 4 THEN '-green' ELSE '' END")
            .replace("STORAGE_CLASS", "CASE WHEN i % 100 = 3 THEN 'STANDARD_IA' ELSE 'STANDARD' END")
        + " FROM range(" + (rows + rows / 100) + ") AS t (i) WHERE i >= " + rows + " OR i % 100 <> 1");
  }

  /** The counts the generation rules imply. */
  private static Map<DiffCategory, Long> expected(long rows) {
    Map<DiffCategory, Long> counts = new EnumMap<>(DiffCategory.class);
    for (DiffCategory c : DiffCategory.values()) {
      counts.put(c, 0L);
    }
    for (long i = 0; i < rows; i++) {
      long c = i % 100;
      if (c == 1) {
        counts.merge(DiffCategory.MISSING_ON_TARGET, 1L, Long::sum);
        continue;
      }
      if (c == 3) {
        counts.merge(DiffCategory.STORAGE_CLASS_DIFFERS, 1L, Long::sum);
      }
      if (c == 2) {
        counts.merge(DiffCategory.SIZE_DIFFERS, 1L, Long::sum);
      } else if (i % 10 == 0 || i % 7 == 0) {
        counts.merge(DiffCategory.CONTENT_UNVERIFIED, 1L, Long::sum);
      } else if (c == 4) {
        counts.merge(DiffCategory.CHECKSUM_DIFFERS, 1L, Long::sum);
      }
    }
    counts.put(DiffCategory.EXTRA_ON_TARGET, rows / 100);
    return counts;
  }

  private static String peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return String.format(Locale.ROOT, "%.2f GiB", kb / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux: no figure.
    }
    return "unknown";
  }

  private static void execute(Connection db, String sql) throws SQLException {
    try (Statement statement = db.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Queries on a JDBC connection, as the test adapter runs them: the text as given, parameters by position. */
  private record JdbcQueries(Connection db) implements Queries {
    @Override
    public String run(Query query, Consumer<ResultPage> pages) {
      try (PreparedStatement statement = db.prepareStatement(query.sql())) {
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
          List<String> columns = new ArrayList<>();
          for (int c = 1; c <= result.getMetaData().getColumnCount(); c++) {
            columns.add(result.getMetaData().getColumnLabel(c));
          }
          List<Row> rows = new ArrayList<>();
          while (result.next()) {
            List<String> values = new ArrayList<>();
            for (int c = 1; c <= columns.size(); c++) {
              values.add(result.getString(c));
            }
            rows.add(new Row(columns, values));
          }
          pages.accept(new ResultPage("duckdb", columns, rows));
        }
        return "duckdb";
      } catch (SQLException e) {
        throw new IllegalStateException(query.name() + " failed: " + e.getMessage(), e);
      }
    }
  }
}
