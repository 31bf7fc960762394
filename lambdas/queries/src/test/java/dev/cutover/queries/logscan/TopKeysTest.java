package dev.cutover.queries.logscan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.queries.duckdb.DuckDbQueries;
import dev.cutover.queries.logscan.TopKeys.RankedKey;
import dev.cutover.queries.logscan.TopKeys.Spec;
import dev.cutover.queries.logscan.TopKeys.Summary;
import dev.cutover.queries.port.Query;
import dev.cutover.queries.port.SqlValue;
import dev.cutover.queries.sql.QueryTemplate;
import dev.cutover.queries.sql.TableName;
import dev.cutover.queries.support.CloudFrontLogs.Client;
import dev.cutover.queries.support.CloudFrontLogs.Request;
import dev.cutover.queries.support.CloudFrontLogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logscan-top-keys.sql} on DuckDB over standard log files generated in CloudFront's format
 * and layout: skewed popularity, keys with spaces, {@code +}, {@code %}, {@code #}, {@code ?} and
 * non-ASCII characters requested by different kinds of clients, errors, other methods, another
 * distribution, requests outside the window and late deliveries. The expected ranking is counted
 * here from the keys the requests were generated for, never from the log text.
 */
class TopKeysTest {

  static final String BLUE = "E2QWRUHAPOMQZL";
  static final String OTHER = "E3ABCDEF123456";
  static final Instant END = Instant.parse("2026-11-24T09:00:00Z");
  static final Instant START = END.minus(Duration.ofDays(7));
  static final TableName LOGS = TableName.of("cloudfront_logs");
  static final String TOKEN = "0123456789abcdef0123456789abcdef";
  static final String OTHER_TOKEN = "fedcba9876543210fedcba9876543210";

  /** Eligible requests per key: the popularity the scan must find, ties included on purpose. */
  static final Map<String, Integer> POPULARITY = new LinkedHashMap<>();

  static {
    POPULARITY.put("static/app.3f9c2e.js", 300);
    POPULARITY.put("static/vendor.91ab07.js", 200);
    POPULARITY.put("static/styles/main.css", 150);
    POPULARITY.put("static/img/logo.svg", 90);
    POPULARITY.put("static/a b.js", 60);
    POPULARITY.put("static/a+b.js", 60);
    POPULARITY.put("static/c++/lib.js", 45);
    POPULARITY.put("static/100%.txt", 40);
    POPULARITY.put("static/ünïcødé/日本語.css", 40);
    POPULARITY.put("static/literal%20name.js", 30);
    POPULARITY.put("static/#hash?.js", 25);
    POPULARITY.put("static/fonts/inter.woff2", 20);
    POPULARITY.put("static/emoji/\uD83D\uDE00.png", 20);
    POPULARITY.put("static/x~y(1)[2].js", 12);
    POPULARITY.put("static/\uD83D\uDE00.js", 10);
    POPULARITY.put("static/\uFFFD.js", 10);
    POPULARITY.put("static/z.js", 10);
    for (int i = 0; i < 40; i++) {
      POPULARITY.put("static/tail/file-%03d.js".formatted(i), 1 + i % 3);
    }
    // Outside the prefix "static/": never listed, however popular.
    POPULARITY.put("favicon.ico", 500);
    POPULARITY.put("staticx/a.js", 20);
    POPULARITY.put("Static/case.js", 20);
  }

  /** A request and the key it was for ({@code ""} for "/", {@code null} when it names none). */
  record Sent(Request request, String key) {}

  /** The generated traffic's log files, shared by the tests (written once: it takes a while). */
  @TempDir static Path traffic;

  @TempDir Path logs;

  private static final List<Sent> SENT = new ArrayList<>();
  private static final Random RANDOM = new Random(20261124);

  private DuckDbQueries duck;

  @BeforeAll
  static void generate() {
    generateTraffic();
    List<Request> requests = new ArrayList<>(SENT.stream().map(Sent::request).toList());
    Collections.shuffle(requests, RANDOM);
    CloudFrontLogs.write(traffic, requests, 200, 42);
  }

  @BeforeEach
  void open() throws SQLException {
    duck = DuckDbQueries.inMemory();
    duck.createCloudFrontLogView(LOGS.name(), traffic);
  }

  @AfterEach
  void close() {
    duck.close();
  }

  @Test
  void the_top_keys_are_the_most_requested_keys_under_the_prefix_in_rank_order() throws SQLException {
    List<RankedKey> expected = expected("static/", null, 12);
    List<RankedKey> all = expected("static/", null, Integer.MAX_VALUE);
    // The cut falls inside a tie of 20 requests each, which the key's bytes decide:
    // "static/emoji/..." is in, "static/fonts/..." is out.
    assertThat(all.get(11)).isEqualTo(new RankedKey(12, "static/emoji/\uD83D\uDE00.png", 20));
    assertThat(all.get(12)).isEqualTo(new RankedKey(13, "static/fonts/inter.woff2", 20));

    List<RankedKey> got = new ArrayList<>();
    Summary summary = TopKeys.run(duck, spec("static/", null, 12), TOKEN, got::add);

    assertThat(got).containsExactlyElementsOf(expected);
    assertThat(got.get(0)).isEqualTo(new RankedKey(1, "static/app.3f9c2e.js", 300));
    assertThat(got).extracting(RankedKey::key).contains("static/a b.js", "static/a+b.js", "static/100%.txt", "static/literal%20name.js", "static/#hash?.js");
    assertThat(summary.keys()).isEqualTo(12);
    assertThat(summary.requests()).isEqualTo(expected.stream().mapToLong(RankedKey::requests).sum());
    assertThat(summary.distinctKeys()).isEqualTo(all.size()).isEqualTo(57);
    assertThat(summary.allRequests()).isEqualTo(all.stream().mapToLong(RankedKey::requests).sum());
    assertThat(summary.bytesScanned()).as("DuckDB measures no scan").isNull();
    assertThat(summary.queryId()).startsWith("duckdb-");
  }

  @Test
  void with_a_large_enough_top_n_every_requested_key_is_listed_once_and_tied_keys_come_in_utf8_order() throws SQLException {
    List<RankedKey> got = new ArrayList<>();
    Summary summary = TopKeys.run(duck, spec("", null, 1000), TOKEN, got::add);

    List<RankedKey> expected = expected("", null, 1000);
    assertThat(got).containsExactlyElementsOf(expected);
    assertThat(got).extracting(RankedKey::key).contains("favicon.ico", "staticx/a.js", "Static/case.js").doesNotHaveDuplicates();
    // Tied at 10: U+FFFD (UTF-8 EF BF BD) before U+1F600 (F0 9F 98 80), though UTF-16 sorts the
    // emoji's surrogate D83D first.
    assertThat(got).extracting(RankedKey::key).containsSubsequence("static/\uFFFD.js", "static/\uD83D\uDE00.js");
    assertThat(got.stream().filter(k -> k.key().equals("static/\uFFFD.js")).findFirst().orElseThrow().requests()).isEqualTo(10);
    assertThat(summary.keys()).isEqualTo(expected.size());
    assertThat(summary.distinctKeys()).isEqualTo(expected.size());
  }

  @Test
  void a_request_for_the_root_counts_as_the_default_root_object_or_not_at_all() throws SQLException {

    List<RankedKey> withRoot = new ArrayList<>();
    TopKeys.run(duck, spec("static/", "static/index.html", 5), TOKEN, withRoot::add);
    List<RankedKey> withoutRoot = new ArrayList<>();
    TopKeys.run(duck, spec("static/", null, 5), OTHER_TOKEN, withoutRoot::add);

    assertThat(withRoot).containsExactlyElementsOf(expected("static/", "static/index.html", 5));
    assertThat(withRoot.get(2)).isEqualTo(new RankedKey(3, "static/index.html", 170));
    assertThat(withoutRoot).containsExactlyElementsOf(expected("static/", null, 5));
    assertThat(withoutRoot).extracting(RankedKey::key).doesNotContain("static/index.html", "");
  }

  @Test
  void cs_uri_stem_values_written_as_cloudfront_writes_them_decode_to_their_keys() throws SQLException {
    List<Request> requests = new ArrayList<>();
    // Hand-written log values, independent of the generator's encoder.
    Map<String, String> stems = new LinkedHashMap<>();
    stems.put("/static/a%2520b.js", "static/a b.js");
    stems.put("/static/a+b.js", "static/a+b.js");
    stems.put("/static/a%252Bb.js", "static/a+b.js");
    stems.put("/static/100%2525.txt", "static/100%.txt");
    stems.put("/static/%25E6%2597%25A5.css", "static/日.css");
    stems.put("/static/%E6%97%A5.css", "static/日.css");
    stems.put("/static/literal%252520.js", "static/literal%20.js");
    stems.put("/static/q%253F%2523.js", "static/q?#.js");
    stems.put("/static/%7Etilde%2520x.js", "static/~tilde x.js");
    stems.put("/static/bad%25zz.js", null);
    stems.put("/static/bad%25e.js", null);
    stems.put("/static/bad%zz.js", null);
    // Not UTF-8 once decoded: S3 has no such key, but an error page served as 200 logs them so.
    // DuckDB counts no key (Trino would count one with U+FFFD, which verify finds on neither side).
    stems.put("/static/bad%25FF.js", null);
    stems.put("/static/bad%FF.js", null);
    Instant at = START.plus(Duration.ofHours(5));
    for (String stem : stems.keySet()) {
      requests.add(new Request(at, at, BLUE, "GET", 200, stem));
    }
    CloudFrontLogs.write(logs, requests, 100, 1);
    duck.createCloudFrontLogView(LOGS.name(), logs);

    List<RankedKey> got = new ArrayList<>();
    TopKeys.run(duck, spec("", null, 100), TOKEN, got::add);

    assertThat(got.stream().collect(Collectors.toMap(RankedKey::key, RankedKey::requests)))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("static/a b.js", 1L, "static/a+b.js", 2L, "static/100%.txt", 1L, "static/日.css", 2L,
                "static/literal%20.js", 1L, "static/q?#.js", 1L, "static/~tilde x.js", 1L));
  }

  @Test
  void nothing_requested_from_the_distribution_in_the_window_is_an_empty_result() throws SQLException {
    List<RankedKey> got = new ArrayList<>();
    Spec spec = new Spec(LOGS, "E9NOTHINGHERE", START, END, "", null, 10);

    Summary summary = TopKeys.run(duck, spec, TOKEN, got::add);

    assertThat(got).isEmpty();
    assertThat(summary).isEqualTo(new Summary("duckdb-1", null, 0, 0, 0, 0));
  }

  @Test
  void the_engine_runs_the_files_text_with_the_partitions_and_window_as_parameters() {
    Query query = TopKeys.query(spec("static/", "static/index.html", 1000), TOKEN);

    assertThat(query.name()).isEqualTo("logscan-top-keys");
    assertThat(query.sql()).isEqualTo(QueryTemplate.load(QueryTemplate.LOGSCAN_TOP_KEYS).render(Map.of("logs", LOGS)));
    assertThat(query.sql()).contains("FROM \"cloudfront_logs\" AS l");
    assertThat(query.parameters())
        .containsExactly(
            SqlValue.text(BLUE),
            SqlValue.integer(2026),
            SqlValue.integer(2026),
            // An hour before the window, a day after it.
            SqlValue.integer(2026111708),
            SqlValue.integer(2026112509),
            SqlValue.text("2026-11-17 09:00:00"),
            SqlValue.text("2026-11-24 09:00:00"),
            SqlValue.text("static/index.html"),
            SqlValue.text("static/"),
            SqlValue.integer(1000));
    assertThat(query.idempotencyToken()).isEqualTo(TOKEN);
  }

  // ---- the generated traffic ------------------------------------------------------------------

  /**
   * The traffic: eligible requests per POPULARITY and for "/", and every kind that must not count.
   */
  private static void generateTraffic() {
    POPULARITY.forEach((key, count) -> {
      for (int i = 0; i < count; i++) {
        eligible(key, randomClient());
      }
      // Noise around each key that must not count: errors, other methods, other distribution,
      // outside the window, on either side.
      for (int status : new int[] {404, 403, 500, 503, 400}) {
        add(request(inWindow(), BLUE, "GET", status, key), key);
      }
      add(request(inWindow(), BLUE, "POST", 200, key), key);
      add(request(inWindow(), BLUE, "OPTIONS", 204, key), key);
      add(request(inWindow(), OTHER, "GET", 200, key), key);
      add(request(START.minusSeconds(1 + RANDOM.nextInt(3 * 86_400)), BLUE, "GET", 200, key), key);
      add(request(END.plusSeconds(RANDOM.nextInt(86_400)), BLUE, "GET", 200, key), key);
    });
    // Heavy traffic elsewhere: on top if the distribution filter failed.
    for (int i = 0; i < 400; i++) {
      add(request(inWindow(), OTHER, "GET", 200, "static/other-only.js"), "static/other-only.js");
    }
    // Before the window but filed under an hour inside it; inside but filed a day later.
    for (int i = 0; i < 350; i++) {
      Instant before = START.minusSeconds(60 + RANDOM.nextInt(600));
      add(request(before, BLUE, "GET", 200, "static/too-early.js").filedUnder(START.plus(Duration.ofHours(2))), "static/too-early.js");
    }
    for (int i = 0; i < 5; i++) {
      Instant late = END.minusSeconds(1 + RANDOM.nextInt(600));
      add(request(late, BLUE, "GET", 200, "static/z.js").filedUnder(END.plus(Duration.ofHours(20))), "static/z.js");
    }
    // The window's edges: its first second counts, its end does not.
    add(request(START, BLUE, "HEAD", 200, "static/z.js"), "static/z.js");
    add(request(END.minusSeconds(1), BLUE, "GET", 304, "static/z.js"), "static/z.js");
    add(request(END, BLUE, "GET", 200, "static/z.js"), "static/z.js");
    add(request(START.minusSeconds(1), BLUE, "GET", 200, "static/z.js"), "static/z.js");
    // Requests that name no key: a malformed escape on the wire, logged with "%" as %25.
    for (int i = 0; i < 300; i++) {
      Instant at = inWindow();
      SENT.add(new Sent(new Request(at, at, BLUE, "GET", 200, "/static/bad%25zz.js"), null));
    }
    // The root: the default root object's requests when the distribution has one.
    for (int i = 0; i < 170; i++) {
      eligible("", randomClient());
    }
  }

  private static void eligible(String key, Client client) {
    String method = RANDOM.nextInt(10) == 0 ? "HEAD" : "GET";
    int status = List.of(200, 200, 200, 200, 200, 304, 206, 301).get(RANDOM.nextInt(8));
    SENT.add(new Sent(Request.of(inWindow(), BLUE, method, status, key, client), key));
  }

  private static Request request(Instant at, String distribution, String method, int status, String key) {
    return Request.of(at, distribution, method, status, key, randomClient());
  }

  private static void add(Request request, String key) {
    SENT.add(new Sent(request, key));
  }

  private static Client randomClient() {
    return Client.values()[RANDOM.nextInt(Client.values().length)];
  }

  private static Instant inWindow() {
    return START.plusSeconds(RANDOM.nextLong(Duration.between(START, END).toSeconds()));
  }

  // ---- the expected answer, from the generated keys --------------------------------------------

  /** The ranking counted from {@link #SENT}: what the scan must return. */
  private static List<RankedKey> expected(String prefix, String defaultRootObject, int topN) {
    Map<String, Long> counts = new TreeMap<>();
    for (Sent s : SENT) {
      Request r = s.request();
      boolean counted =
          r.distributionId().equals(BLUE)
              && !r.at().isBefore(START)
              && r.at().isBefore(END)
              && (r.method().equals("GET") || r.method().equals("HEAD"))
              && r.status() >= 200
              && r.status() <= 399
              && s.key() != null;
      if (!counted) {
        continue;
      }
      String key = s.key().isEmpty() ? defaultRootObject : s.key();
      if (key != null && key.startsWith(prefix)) {
        counts.merge(key, 1L, Long::sum);
      }
    }
    Comparator<Map.Entry<String, Long>> byRequests = Map.Entry.<String, Long>comparingByValue().reversed();
    Function<String, byte[]> utf8 = k -> k.getBytes(StandardCharsets.UTF_8);
    List<Map.Entry<String, Long>> ranked =
        counts.entrySet().stream()
            .sorted(byRequests.thenComparing(e -> utf8.apply(e.getKey()), Arrays::compareUnsigned))
            .limit(topN)
            .toList();
    List<RankedKey> expected = new ArrayList<>();
    for (int i = 0; i < ranked.size(); i++) {
      expected.add(new RankedKey(i + 1, ranked.get(i).getKey(), ranked.get(i).getValue()));
    }
    return expected;
  }

  private static Spec spec(String prefix, String defaultRootObject, int topN) {
    return new Spec(LOGS, BLUE, START, END, prefix, defaultRootObject, topN);
  }
}
