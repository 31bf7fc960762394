package dev.cutover.queries.logscan;

import dev.cutover.queries.sql.SqlResources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Glue table over blue's CloudFront standard logs ({@value #RESOURCE}) that the log scan
 * query reads: the CDK app creates it from this text, the tests build its DuckDB stand-in from
 * the same column list, so the query, the table and the log format cannot drift apart unnoticed.
 *
 * <p>The file names five {@code ${CamelCase}} placeholders ({@link #PLACEHOLDERS}); {@link
 * #render} fills them in, checking each value, and leaves Athena's own {@code ${lowercase}}
 * partition projection variables alone. The file's header says which log delivery the table
 * assumes (standard logging v2 to S3, W3C with tabs, Hive-compatible hourly paths) and why.
 */
public final class CloudFrontLogTable {

  /** The DDL on the class path. */
  public static final String RESOURCE = "sql/cloudfront-logs-table.ddl";

  /** The Glue database the table goes in. */
  public static final String DATABASE = "Database";
  /** The table's name. */
  public static final String TABLE = "Table";
  /** {@code s3://bucket/prefix/}: where the log delivery writes (its destination and prefix). */
  public static final String LOGS_LOCATION = "LogsLocation";
  /** The distribution ids whose logs are under the location, comma-separated. */
  public static final String DISTRIBUTION_IDS = "DistributionIds";
  /** {@code first,last}: the years partition projection enumerates. */
  public static final String PROJECTION_YEARS = "ProjectionYears";

  /** The placeholders {@link #render} fills, in the order the file's header lists them. */
  public static final List<String> PLACEHOLDERS = List.of(DATABASE, TABLE, LOGS_LOCATION, DISTRIBUTION_IDS, PROJECTION_YEARS);

  /** A column: its name and Hive type. */
  public record Column(String name, String type) {}

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z]+)}");
  private static final Pattern COLUMN = Pattern.compile("^\\s*`([a-z_]+)` ([a-z]+),?\\s*$");
  private static final Pattern PROPERTY = Pattern.compile("^\\s*'([^']+)' = '([^']*)',?\\s*$");
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,254}");
  private static final Pattern LOCATION = Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/([A-Za-z0-9!_.*()/-]*/)?");
  private static final Pattern DISTRIBUTIONS = Pattern.compile("E[A-Z0-9]{5,40}(,E[A-Z0-9]{5,40})*");
  private static final Pattern YEARS = Pattern.compile("(\\d{4}),(\\d{4})");

  private CloudFrontLogTable() {}

  /** The file as shipped, comments and placeholders included. */
  public static String text() {
    return SqlResources.read(RESOURCE);
  }

  /**
   * The CREATE EXTERNAL TABLE statement with the placeholders filled, without the file's comment
   * lines, ready for Athena's StartQueryExecution.
   *
   * @param values a value for each of {@link #PLACEHOLDERS}, and nothing else
   * @throws IllegalArgumentException naming each value that is missing, unknown or malformed
   */
  public static String render(Map<String, String> values) {
    List<String> problems = new ArrayList<>();
    for (String name : values.keySet()) {
      if (!PLACEHOLDERS.contains(name)) {
        problems.add(name + " is not a placeholder of " + RESOURCE + "; it has " + PLACEHOLDERS);
      }
    }
    for (String name : PLACEHOLDERS) {
      String value = values.get(name);
      if (value == null) {
        problems.add(name + " is missing");
        continue;
      }
      switch (name) {
        case DATABASE, TABLE -> check(NAME.matcher(value).matches(), problems, name, value, "lower-case letters, digits and _, as Glue keeps names");
        case LOGS_LOCATION -> check(LOCATION.matcher(value).matches(), problems, name, value, "s3://bucket/ or s3://bucket/prefix/, ending with /");
        case DISTRIBUTION_IDS -> check(DISTRIBUTIONS.matcher(value).matches(), problems, name, value, "CloudFront distribution ids (E...), comma-separated without spaces");
        case PROJECTION_YEARS -> {
          Matcher years = YEARS.matcher(value);
          check(years.matches() && Integer.parseInt(years.group(1)) <= Integer.parseInt(years.group(2)), problems, name, value, "first,last year, e.g. 2026,2046");
        }
        default -> throw new IllegalStateException(name);
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("cannot render " + RESOURCE + ": " + String.join("; ", problems));
    }
    Matcher m = PLACEHOLDER.matcher(statement());
    StringBuilder rendered = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      // Athena's projection variables (${distributionid}, ${year}, ...) stay for Athena to fill.
      m.appendReplacement(rendered, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(rendered);
    return rendered.toString();
  }

  /** The data columns, in the order of the fields in a log line. */
  public static List<Column> columns() {
    return columnsIn(section("CREATE EXTERNAL TABLE", "PARTITIONED BY"));
  }

  /** The partition columns, in the order of the path segments. */
  public static List<Column> partitionKeys() {
    return columnsIn(section("PARTITIONED BY", "ROW FORMAT"));
  }

  /**
   * The table properties (partition projection) with the placeholders filled in, as a Glue
   * {@code TableInput.Parameters} map would hold them.
   */
  public static Map<String, String> properties(Map<String, String> values) {
    String rendered = render(values);
    Map<String, String> properties = new LinkedHashMap<>();
    boolean inside = false;
    for (String line : rendered.split("\n")) {
      if (line.startsWith("TBLPROPERTIES")) {
        inside = true;
        continue;
      }
      Matcher m = PROPERTY.matcher(line);
      if (inside && m.matches()) {
        properties.put(m.group(1), m.group(2));
      }
    }
    return properties;
  }

  /** The placeholders the statement (the file without its comments) uses: ours and Athena's. */
  static Set<String> placeholdersInText() {
    Set<String> names = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(statement());
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** The file without its whole-line comments: the statement, placeholders and all. */
  private static String statement() {
    StringBuilder statement = new StringBuilder();
    for (String line : text().split("\n", -1)) {
      if (!line.strip().startsWith("--")) {
        statement.append(line).append('\n');
      }
    }
    return statement.toString().strip();
  }

  private static String section(String from, String to) {
    String text = statement();
    int start = text.indexOf(from);
    int end = text.indexOf(to, start);
    if (start < 0 || end < 0) {
      throw new IllegalStateException(RESOURCE + " has no \"" + from + "\" ... \"" + to + "\" section");
    }
    return text.substring(start, end);
  }

  private static List<Column> columnsIn(String section) {
    List<Column> columns = new ArrayList<>();
    for (String line : section.split("\n")) {
      Matcher m = COLUMN.matcher(line);
      if (m.matches()) {
        columns.add(new Column(m.group(1), m.group(2)));
      }
    }
    return List.copyOf(columns);
  }

  private static void check(boolean ok, List<String> problems, String name, String value, String expected) {
    if (!ok) {
      problems.add(name + " is \"" + Objects.toString(value) + "\", not " + expected);
    }
  }
}
