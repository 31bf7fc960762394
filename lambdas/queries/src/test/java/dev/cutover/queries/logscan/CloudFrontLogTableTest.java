package dev.cutover.queries.logscan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.queries.duckdb.DuckDbQueries;
import dev.cutover.queries.logscan.CloudFrontLogTable.Column;
import dev.cutover.queries.support.CloudFrontLogs.Client;
import dev.cutover.queries.support.CloudFrontLogs.Request;
import dev.cutover.queries.support.CloudFrontLogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Glue table's DDL agrees with the log format and the log delivery: its columns are the 33
 * fields in log order, its projection template is the folder standard logging v2 files an hour
 * under, and its placeholders are filled safely.
 */
class CloudFrontLogTableTest {

  static final Map<String, String> VALUES =
      Map.of(
          "Database", "cutover_logs",
          "Table", "blue_cloudfront",
          "LogsLocation", "s3://legacy-web-assets-logs/cloudfront-v2/",
          "DistributionIds", "E2QWRUHAPOMQZL",
          "ProjectionYears", "2026,2046");

  @TempDir Path logs;

  @Test
  void the_columns_are_the_33_standard_log_fields_in_log_order_all_strings() {
    assertThat(CloudFrontLogTable.columns()).extracting(Column::name)
        .containsExactlyElementsOf(CloudFrontLogs.FIELDS.stream().map(CloudFrontLogs::columnName).toList())
        .hasSize(33)
        .contains("cs_host", "cs_uri_stem", "cs_user_agent", "x_edge_detailed_result_type");
    assertThat(CloudFrontLogTable.columns()).extracting(Column::type).containsOnly("string");
    assertThat(CloudFrontLogTable.partitionKeys())
        .containsExactly(
            new Column("distributionid", "string"), new Column("year", "int"), new Column("month", "int"),
            new Column("day", "int"), new Column("hour", "int"));
  }

  @Test
  void each_field_of_a_generated_log_line_lands_in_its_column_of_the_duckdb_stand_in() throws Exception {
    Instant at = Instant.parse("2026-11-24T09:07:05Z");
    Request request = Request.of(at, "E2QWRUHAPOMQZL", "GET", 200, "static/a b.js", Client.BROWSER);
    CloudFrontLogs.write(logs, List.of(request), 10, 7);
    Path file;
    try (var files = Files.walk(logs)) {
      file = files.filter(f -> f.toString().endsWith(".gz")).findFirst().orElseThrow();
    }
    assertThat(logs.relativize(file).toString())
        .matches("distributionid=E2QWRUHAPOMQZL/year=2026/month=11/day=24/hour=09/E2QWRUHAPOMQZL\\.2026-11-24-09\\.[0-9a-f]{8}\\.gz");
    List<String> lines;
    try (var in = new GZIPInputStream(Files.newInputStream(file))) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    assertThat(lines.get(0)).isEqualTo("#Version: 1.0");
    assertThat(lines.get(1)).isEqualTo("#Fields: " + String.join(" ", CloudFrontLogs.FIELDS));
    String[] fields = lines.get(2).split("\t", -1);
    assertThat(fields).hasSize(33);

    try (DuckDbQueries duck = DuckDbQueries.inMemory()) {
      duck.createCloudFrontLogView("cloudfront_logs", logs);
      try (Statement statement = duck.connection().createStatement();
          ResultSet rows = statement.executeQuery("SELECT * FROM cloudfront_logs ORDER BY \"time\" NULLS FIRST")) {
        List<List<String>> read = new ArrayList<>();
        while (rows.next()) {
          List<String> row = new ArrayList<>();
          for (int c = 1; c <= rows.getMetaData().getColumnCount(); c++) {
            row.add(rows.getString(c));
          }
          read.add(row);
        }
        // Two header lines (text in `date`, the rest NULL), then the request.
        assertThat(read).hasSize(3);
        assertThat(read.get(0).get(0)).startsWith("#");
        assertThat(read.get(0).subList(1, 33)).containsOnlyNulls();
        List<String> data = read.get(2);
        for (int i = 0; i < 33; i++) {
          assertThat(data.get(i)).as(CloudFrontLogTable.columns().get(i).name()).isEqualTo(fields[i]);
        }
        assertThat(data.subList(33, 38)).containsExactly("E2QWRUHAPOMQZL", "2026", "11", "24", "9");
        assertThat(data.get(7)).isEqualTo("/static/a%2520b.js");
      }
    }
  }

  @Test
  void render_fills_the_five_placeholders_and_leaves_athenas_projection_variables() {
    String ddl = CloudFrontLogTable.render(VALUES);

    assertThat(ddl).startsWith("CREATE EXTERNAL TABLE IF NOT EXISTS `cutover_logs`.`blue_cloudfront` (");
    assertThat(ddl).doesNotContain("--").doesNotContain("${Database}").doesNotContain("${LogsLocation}");
    assertThat(ddl).contains("LOCATION 's3://legacy-web-assets-logs/cloudfront-v2/'").contains("FIELDS TERMINATED BY '\\t'");
    Set<String> left = new java.util.TreeSet<>();
    Matcher m = Pattern.compile("\\$\\{([A-Za-z]+)}").matcher(ddl);
    while (m.find()) {
      left.add(m.group(1));
    }
    assertThat(left).containsExactlyInAnyOrderElementsOf(CloudFrontLogTable.partitionKeys().stream().map(Column::name).toList());
    assertThat(CloudFrontLogTable.placeholdersInText())
        .containsExactlyInAnyOrder("Database", "Table", "LogsLocation", "DistributionIds", "ProjectionYears", "distributionid", "year", "month", "day", "hour");
    assertThat(CloudFrontLogTable.text()).contains("-- placeholders: " + String.join(", ", CloudFrontLogTable.PLACEHOLDERS));
  }

  @Test
  void the_projection_template_is_the_folder_the_v2_delivery_files_an_hour_under() {
    Map<String, String> properties = CloudFrontLogTable.properties(VALUES);
    assertThat(properties)
        .containsEntry("projection.enabled", "true")
        .containsEntry("projection.distributionid.values", "E2QWRUHAPOMQZL")
        .containsEntry("projection.year.range", "2026,2046")
        .containsEntry("projection.hour.range", "0,23");
    Instant hour = Instant.parse("2026-03-05T07:00:00Z");
    Map<String, String> partition = new HashMap<>();
    partition.put("distributionid", "E2QWRUHAPOMQZL");
    partition.put("year", "2026");
    partition.put("month", "3");
    partition.put("day", "5");
    partition.put("hour", "7");
    String location = properties.get("storage.location.template");
    for (var key : partition.entrySet()) {
      String digits = properties.get("projection." + key.getKey() + ".digits");
      String value = digits == null ? key.getValue() : "%0" + digits + "d";
      value = digits == null ? value : value.formatted(Integer.parseInt(key.getValue()));
      location = location.replace("${" + key.getKey() + "}", value);
    }

    assertThat(location).isEqualTo(VALUES.get("LogsLocation") + CloudFrontLogs.partitionPath("E2QWRUHAPOMQZL", hour));
  }

  @Test
  void render_refuses_every_missing_unknown_or_unsafe_value_by_name() {
    Map<String, String> values = new HashMap<>(VALUES);
    values.remove("ProjectionYears");
    values.put("Table", "blue'; DROP TABLE x; --");
    values.put("LogsLocation", "s3://legacy-web-assets-logs/no-slash");
    values.put("Bucket", "x");

    assertThatThrownBy(() -> CloudFrontLogTable.render(values))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ProjectionYears is missing")
        .hasMessageContaining("Table is \"blue'; DROP TABLE x; --\"")
        .hasMessageContaining("LogsLocation is \"s3://legacy-web-assets-logs/no-slash\"")
        .hasMessageContaining("Bucket is not a placeholder");
    assertThatThrownBy(() -> CloudFrontLogTable.render(with("ProjectionYears", "2046,2026"))).hasMessageContaining("ProjectionYears");
    assertThatThrownBy(() -> CloudFrontLogTable.render(with("DistributionIds", "E2QWRUHAPOMQZL, E3ABC"))).hasMessageContaining("DistributionIds");
    assertThat(CloudFrontLogTable.render(with("DistributionIds", "E2QWRUHAPOMQZL,E3ABCDEF123456")))
        .contains("'projection.distributionid.values' = 'E2QWRUHAPOMQZL,E3ABCDEF123456'");
  }

  private static Map<String, String> with(String name, String value) {
    Map<String, String> values = new HashMap<>(VALUES);
    values.put(name, value);
    return values;
  }
}
