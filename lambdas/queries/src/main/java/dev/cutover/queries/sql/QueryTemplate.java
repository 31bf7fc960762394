package dev.cutover.queries.sql;

import dev.cutover.queries.port.Query;
import dev.cutover.queries.port.SqlValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQL file from {@code sql/} with its two kinds of blanks filled in, so the text an engine
 * receives is exactly the file's text with names substituted, whichever engine it is.
 *
 * <p>The file's header declares both kinds:
 *
 * <pre>
 * -- tables: blue_inventory, green_inventory
 * -- parameters: prefix, keys_url_encoded, blue_dt
 * </pre>
 *
 * <ul>
 *   <li><b>Parameters</b> are {@code ?} placeholders, which Athena's {@code ExecutionParameters}
 *       and JDBC both bind by position. The header names them in the order the placeholders
 *       appear (a name may repeat), so callers bind by name; the count is checked against the
 *       placeholders in the text (outside strings, quoted names and comments).
 *   <li><b>Tables</b> are {@code {{name}}} blanks: a table name cannot be a parameter in either
 *       engine, so it is written into the text, only as a {@link TableName} (validated, quoted).
 * </ul>
 */
public final class QueryTemplate {

  /** The inventory diff (blue against green) over two S3 Inventory tables. */
  public static final String INVENTORY_DIFF = "sql/inventory-diff.sql";

  /** The newest delivery (dt partition) of one S3 Inventory table. */
  public static final String INVENTORY_LATEST_DT = "sql/inventory-latest-dt.sql";

  /** The keys users requested from blue's distribution, ranked, from its CloudFront logs. */
  public static final String LOGSCAN_TOP_KEYS = "sql/logscan-top-keys.sql";

  private static final Pattern TABLES_LINE = Pattern.compile("(?m)^-- tables:(.*)$");
  private static final Pattern PARAMETERS_LINE = Pattern.compile("(?m)^-- parameters:(.*)$");
  private static final Pattern TABLE_BLANK = Pattern.compile("\\{\\{([a-z_][a-z0-9_]*)}}");

  private final String name;
  private final String text;
  private final List<String> parameterNames;
  private final Set<String> tableNames;

  private QueryTemplate(String name, String text) {
    this.name = name;
    this.text = text;
    this.parameterNames = names(PARAMETERS_LINE, "parameters");
    this.tableNames = new LinkedHashSet<>(names(TABLES_LINE, "tables"));
    String code = Sql.withoutCommentsAndLiterals(text);
    int placeholders = (int) code.chars().filter(c -> c == '?').count();
    if (placeholders != parameterNames.size()) {
      throw new IllegalStateException(
          name + " declares " + parameterNames.size() + " parameters " + parameterNames + " but has "
              + placeholders + " ? placeholders");
    }
    Set<String> blanks = new TreeSet<>();
    Matcher m = TABLE_BLANK.matcher(code);
    while (m.find()) {
      blanks.add(m.group(1));
    }
    if (!blanks.equals(new TreeSet<>(tableNames))) {
      throw new IllegalStateException(name + " declares tables " + tableNames + " but its text uses " + blanks);
    }
  }

  /** The SQL file {@code resource} (e.g. {@link #INVENTORY_DIFF}) from the class path. */
  public static QueryTemplate load(String resource) {
    String file = resource.substring(resource.lastIndexOf('/') + 1);
    return new QueryTemplate(file.endsWith(".sql") ? file.substring(0, file.length() - 4) : file, SqlResources.read(resource));
  }

  /** The file's name without {@code .sql}, e.g. {@code inventory-diff}. */
  public String name() {
    return name;
  }

  /** The file's text, blanks and all. */
  public String text() {
    return text;
  }

  /** The parameters, one per {@code ?}, in order. */
  public List<String> parameterNames() {
    return parameterNames;
  }

  /** The table blanks the text has. */
  public Set<String> tableNames() {
    return Set.copyOf(tableNames);
  }

  /**
   * The text with every table blank filled in.
   *
   * @param tables a table for every declared blank, and nothing else
   */
  public String render(Map<String, TableName> tables) {
    if (!tables.keySet().equals(tableNames)) {
      throw new IllegalArgumentException(name + " needs the tables " + tableNames + "; given " + tables.keySet());
    }
    Matcher m = TABLE_BLANK.matcher(text);
    StringBuilder sql = new StringBuilder();
    while (m.find()) {
      TableName table = tables.get(m.group(1));
      m.appendReplacement(sql, Matcher.quoteReplacement(table == null ? m.group() : table.quoted()));
    }
    m.appendTail(sql);
    return sql.toString();
  }

  /**
   * The parameter values in placeholder order.
   *
   * @param values a value for every declared parameter, and nothing else
   */
  public List<SqlValue> bind(Map<String, SqlValue> values) {
    if (!values.keySet().equals(new LinkedHashSet<>(parameterNames))) {
      throw new IllegalArgumentException(name + " takes the parameters " + new LinkedHashSet<>(parameterNames) + "; given " + values.keySet());
    }
    List<SqlValue> bound = new ArrayList<>();
    for (String parameter : parameterNames) {
      bound.add(values.get(parameter));
    }
    return bound;
  }

  /** The query to run: rendered text, bound parameters, and the token it runs under. */
  public Query query(Map<String, TableName> tables, Map<String, SqlValue> values, String idempotencyToken) {
    return new Query(name, render(tables), bind(values), idempotencyToken);
  }

  private List<String> names(Pattern line, String what) {
    Matcher m = line.matcher(text);
    if (!m.find()) {
      throw new IllegalStateException(name + " has no \"-- " + what + ":\" header line");
    }
    List<String> names = new ArrayList<>();
    for (String part : m.group(1).split(",")) {
      if (!part.isBlank()) {
        names.add(part.strip());
      }
    }
    return List.copyOf(names);
  }
}
