package dev.cutover.queries.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.queries.duckdb.DuckDbQueries;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The DuckDB macros give the Trino functions their Trino meaning: each case is an example from
 * Trino's documentation (functions/*.md) or its function tests (TestUrlFunctions), with Trino's
 * answer.
 */
class TrinoCompatTest {

  private final DuckDbQueries duck = DuckDbQueries.inMemory();

  @AfterEach
  void close() {
    duck.close();
  }

  @Test
  void regexp_like_matches_any_part_of_the_string() throws SQLException {
    // regexp.md: SELECT regexp_like('1a 2b 14m', '\d+b'); -- true
    assertThat(value("SELECT regexp_like('1a 2b 14m', '\\d+b')")).isEqualTo(true);
    assertThat(value("SELECT regexp_like('1a 2c 14m', '\\d+b')")).isEqualTo(false);
  }

  @Test
  void url_decode_reads_plus_as_a_space_and_percent_sequences_as_utf8() throws SQLException {
    // TestUrlFunctions.testUrlDecode
    assertThat(value("SELECT url_decode('http%3A%2F%2Ftest')")).isEqualTo("http://test");
    assertThat(value("SELECT url_decode('http%3A%2F%2Ftest%3Fa%3Db%26c%3Dd')")).isEqualTo("http://test?a=b&c=d");
    assertThat(value("SELECT url_decode('http%3A%2F%2F%E3%83%86%E3%82%B9%E3%83%88')")).isEqualTo("http://\u30c6\u30b9\u30c8");
    assertThat(value("SELECT url_decode('%7E%40%3A.-*_%2B+%E2%98%83')")).isEqualTo("~@:.-*_+ \u2603");
    assertThat(value("SELECT url_decode('test')")).isEqualTo("test");
  }

  @Test
  void url_decode_of_bytes_that_are_not_utf8_is_null_instead_of_failing_the_query() throws SQLException {
    // Trino (URLDecoder) gives U+FFFD for them; DuckDB's url_decode would fail the whole query.
    assertThat(value("SELECT url_decode('a%FFb')")).isNull();
    assertThat(value("SELECT url_decode('%E6%97')")).isNull();
    assertThat(value("SELECT url_decode('%E6%97%A5')")).isEqualTo("\u65e5");
  }

  @Test
  void url_extract_path_is_the_decoded_path_or_empty_or_null_for_what_is_not_a_uri() throws SQLException {
    // TestUrlFunctions.testUrlExtract
    assertThat(path("http://example.com/path1/p.php?k1=v1&k2=v2#Ref1")).isEqualTo("/path1/p.php");
    assertThat(path("http://example.com/path1/p.php?")).isEqualTo("/path1/p.php");
    assertThat(path("http://example.com/path1/p.php")).isEqualTo("/path1/p.php");
    assertThat(path("http://example.com:8080/path1/p.php?k1=v1&k2=v2#Ref1")).isEqualTo("/path1/p.php");
    assertThat(path("https://username@example.com")).isEqualTo("");
    assertThat(path("https://username:password@example.com")).isEqualTo("");
    assertThat(path("mailto:test@example.com")).isEqualTo("");
    assertThat(path("foo")).isEqualTo("foo");
    assertThat(path("http://example.com/^")).isNull();
    // java.net.URI#getPath, which Trino returns: %-sequences decoded, '+' kept.
    assertThat(path("https://assets.example.com/static/a%20b+c.js?v=1")).isEqualTo("/static/a b+c.js");
    assertThat(path("https://assets.example.com/bad%zzpercent")).isNull();
  }

  @Test
  void date_parse_reads_mysql_style_formats() throws SQLException {
    // datetime.md: SELECT date_parse('2022/10/20/05', '%Y/%m/%d/%H'); -- 2022-10-20 05:00:00.000
    assertThat(timestamp("SELECT date_parse('2022/10/20/05', '%Y/%m/%d/%H')")).isEqualTo(LocalDateTime.parse("2022-10-20T05:00:00"));
    // %i minutes, %s seconds, %T = %H:%i:%s, %k/%e/%c without padding, %M month name, %r 12-hour time.
    assertThat(timestamp("SELECT date_parse('2026-11-24 09:07:05', '%Y-%m-%d %H:%i:%s')")).isEqualTo(LocalDateTime.parse("2026-11-24T09:07:05"));
    assertThat(timestamp("SELECT date_parse('2026-11-24 09:07:05', '%Y-%m-%d %T')")).isEqualTo(LocalDateTime.parse("2026-11-24T09:07:05"));
    assertThat(timestamp("SELECT date_parse('5/1/2024 7:08:09', '%e/%c/%Y %k:%i:%s')")).isEqualTo(LocalDateTime.parse("2024-01-05T07:08:09"));
    assertThat(timestamp("SELECT date_parse('March 3 2024 07:08:09 PM', '%M %e %Y %r')")).isEqualTo(LocalDateTime.parse("2024-03-03T19:08:09"));
    assertThat(timestamp("SELECT date_parse('2024-03-03 11:12:13.456', '%Y-%m-%d %T.%f')")).isEqualTo(LocalDateTime.parse("2024-03-03T11:12:13.456"));
    // datetime.md, %y: "70" is 1970 but "69" is 2069.
    assertThat(timestamp("SELECT date_parse('70', '%y')")).isEqualTo(LocalDateTime.parse("1970-01-01T00:00:00"));
    assertThat(timestamp("SELECT date_parse('69', '%y')")).isEqualTo(LocalDateTime.parse("2069-01-01T00:00:00"));
    assertThat(timestamp("SELECT date_parse('1969', '%Y')")).isEqualTo(LocalDateTime.parse("1969-01-01T00:00:00"));
  }

  @Test
  void date_parse_reads_a_column_of_cloudfront_log_dates_and_times() throws SQLException {
    assertThat(
            value(
                "SELECT count(*) FROM (VALUES ('2026-11-24', '09:07:05'), ('2026-11-23', '23:59:59')) AS t (d, t)"
                    + " WHERE date_parse(d || ' ' || t, '%Y-%m-%d %H:%i:%s') >= TIMESTAMP '2026-11-24 00:00:00'"))
        .isEqualTo(1L);
  }

  @Test
  void from_iso8601_timestamp_keeps_an_offset_and_otherwise_uses_the_session_time_zone() throws SQLException {
    execute("SET TimeZone = 'America/Vancouver'");
    // datetime.md: from_iso8601_timestamp('2020-05-11T11:15:05.055+01:00') -- 2020-05-11 11:15:05.055 +01:00
    assertThat(instant("SELECT from_iso8601_timestamp('2020-05-11T11:15:05.055+01:00')")).isEqualTo(Instant.parse("2020-05-11T10:15:05.055Z"));
    // datetime.md: from_iso8601_timestamp('2020-05-11T11:15:05') -- 2020-05-11 11:15:05.000 America/Vancouver (PDT, UTC-7)
    assertThat(instant("SELECT from_iso8601_timestamp('2020-05-11T11:15:05')")).isEqualTo(Instant.parse("2020-05-11T18:15:05Z"));
    // datetime.md: from_iso8601_timestamp('2020-05-11') -- 2020-05-11 00:00:00.000 America/Vancouver
    assertThat(instant("SELECT from_iso8601_timestamp('2020-05-11')")).isEqualTo(Instant.parse("2020-05-11T07:00:00Z"));
  }

  @Test
  void approx_distinct_counts_distinct_non_null_values_and_zero_for_none() throws SQLException {
    // aggregate.md: "Zero is returned if all input values are null."
    assertThat(value("SELECT approx_distinct(x) FROM (VALUES (1), (2), (2), (NULL), (3)) AS t (x)")).isEqualTo(3L);
    assertThat(value("SELECT approx_distinct(x) FROM (VALUES (CAST(NULL AS INTEGER))) AS t (x)")).isEqualTo(0L);
    assertThat(value("SELECT approx_distinct(x) FROM range(10000) AS t (x)")).isEqualTo(10000L);
  }

  @Test
  void every_statement_in_the_macro_file_is_a_macro() {
    assertThat(TrinoCompat.statements())
        .isNotEmpty()
        .allMatch(s -> s.startsWith("CREATE OR REPLACE MACRO "));
  }

  private String path(String url) throws SQLException {
    return (String) value("SELECT url_extract_path('" + url.replace("'", "''") + "')");
  }

  private LocalDateTime timestamp(String sql) throws SQLException {
    return ((java.sql.Timestamp) value(sql)).toLocalDateTime();
  }

  private Instant instant(String sql) throws SQLException {
    return ((OffsetDateTime) value(sql)).toInstant();
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = duck.connection().createStatement()) {
      statement.execute(sql);
    }
  }

  private Object value(String sql) throws SQLException {
    try (Statement statement = duck.connection().createStatement(); ResultSet result = statement.executeQuery(sql)) {
      assertThat(result.next()).isTrue();
      return result.getObject(1);
    }
  }
}
