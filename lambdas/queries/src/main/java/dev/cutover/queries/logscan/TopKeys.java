package dev.cutover.queries.logscan;

import dev.cutover.errors.InternalErrorException;
import dev.cutover.queries.port.Queries;
import dev.cutover.queries.port.Query;
import dev.cutover.queries.port.QueryRun;
import dev.cutover.queries.port.Row;
import dev.cutover.queries.port.SqlValue;
import dev.cutover.queries.sql.QueryTemplate;
import dev.cutover.queries.sql.TableName;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The log scan ({@code sql/logscan-top-keys.sql}) as a call: the keys users requested from blue's
 * distribution in a time window, ranked by requests, read from the CloudFront log table ({@link
 * CloudFrontLogTable}). Whatever engine runs it, the SQL text is the file's; the rows are handed
 * over one by one, so the ranked list (up to {@value #MAX_TOP_N} keys) never has to sit in memory.
 */
public final class TopKeys {

  /** The longest list the scan returns: the plan's {@code validation.logScanTopN} limit. */
  public static final int MAX_TOP_N = 100_000;

  /** Partitions read before the window: one hour, for a row filed under the hour before its own. */
  static final Duration PARTITIONS_BEFORE = Duration.ofHours(1);

  /**
   * Partitions read after the window: a day, because CloudFront may deliver a request's log up to
   * 24 hours late, and the partition hour may be the delivery's rather than the request's.
   */
  static final Duration PARTITIONS_AFTER = Duration.ofHours(24);

  private static final QueryTemplate TOP_KEYS = QueryTemplate.load(QueryTemplate.LOGSCAN_TOP_KEYS);
  private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HOUR_KEY = DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC);

  private TopKeys() {}

  /**
   * What to scan.
   *
   * @param logs the CloudFront log table
   * @param distributionId blue's distribution: its partition of the table
   * @param windowStart the first second counted (UTC), whole seconds
   * @param windowEnd the first second no longer counted, whole seconds, after {@code windowStart}
   * @param prefix only keys starting with this; empty for every key
   * @param defaultRootObject the key a request for {@code /} is served from; {@code null} to leave
   *     such requests out
   * @param topN the most keys returned, 1 to {@value #MAX_TOP_N}
   */
  public record Spec(
      TableName logs,
      String distributionId,
      Instant windowStart,
      Instant windowEnd,
      String prefix,
      String defaultRootObject,
      int topN) {

    public Spec {
      Objects.requireNonNull(logs, "logs");
      Objects.requireNonNull(distributionId, "distributionId");
      Objects.requireNonNull(prefix, "prefix");
      if (windowStart == null || windowEnd == null || !windowStart.isBefore(windowEnd)) {
        throw new IllegalArgumentException("a window starts before it ends; got " + windowStart + " to " + windowEnd);
      }
      if (windowStart.getNano() != 0 || windowEnd.getNano() != 0) {
        throw new IllegalArgumentException("the window is in whole seconds, as the log's times are");
      }
      if (defaultRootObject != null && defaultRootObject.isEmpty()) {
        throw new IllegalArgumentException("a default root object is a key; null for none");
      }
      if (topN < 1 || topN > MAX_TOP_N) {
        throw new IllegalArgumentException("1 to " + MAX_TOP_N + " keys; got " + topN);
      }
    }
  }

  /** A requested key and its place in the ranking (1 is the most requested). */
  public record RankedKey(long rank, String key, long requests) {}

  /**
   * What the scan found besides the keys.
   *
   * @param queryId the engine's id of the query
   * @param bytesScanned the data the engine read; {@code null} when it does not measure it
   * @param keys keys returned (at most {@code topN})
   * @param requests requests for the returned keys
   * @param distinctKeys keys under the prefix requested in the window, returned or not
   * @param allRequests their requests: {@code requests / allRequests} is the share of the traffic
   *     the returned keys cover
   */
  public record Summary(String queryId, Long bytesScanned, long keys, long requests, long distinctKeys, long allRequests) {}

  /** The scan's query, to run under {@code idempotencyToken}. */
  public static Query query(Spec spec, String idempotencyToken) {
    Instant firstPartition = spec.windowStart().minus(PARTITIONS_BEFORE);
    Instant lastPartition = spec.windowEnd().plus(PARTITIONS_AFTER);
    Map<String, SqlValue> values = new HashMap<>();
    values.put("distribution_id", SqlValue.text(spec.distributionId()));
    values.put("first_year", SqlValue.integer(firstPartition.atOffset(ZoneOffset.UTC).getYear()));
    values.put("last_year", SqlValue.integer(lastPartition.atOffset(ZoneOffset.UTC).getYear()));
    values.put("first_hour", SqlValue.integer(Long.parseLong(HOUR_KEY.format(firstPartition.truncatedTo(ChronoUnit.HOURS)))));
    values.put("last_hour", SqlValue.integer(Long.parseLong(HOUR_KEY.format(lastPartition.truncatedTo(ChronoUnit.HOURS)))));
    values.put("window_start", SqlValue.text(LOG_TIME.format(spec.windowStart())));
    values.put("window_end", SqlValue.text(LOG_TIME.format(spec.windowEnd())));
    values.put("default_root_object", SqlValue.text(spec.defaultRootObject() == null ? "" : spec.defaultRootObject()));
    values.put("prefix", SqlValue.text(spec.prefix()));
    values.put("top_n", SqlValue.integer(spec.topN()));
    return TOP_KEYS.query(Map.of("logs", spec.logs()), values, idempotencyToken);
  }

  /**
   * Runs the scan and hands each ranked key to {@code keys}, most requested first.
   *
   * @throws InternalErrorException if the engine returns more rows than {@code topN}, or rows out
   *     of order: a defect in the query, not data to pass on
   */
  public static Summary run(Queries queries, Spec spec, String idempotencyToken, Consumer<RankedKey> keys) {
    Query query = query(spec, idempotencyToken);
    long[] totals = new long[4]; // keys, requests, distinct keys, all requests
    QueryRun run =
        queries.execute(
            query,
            page -> {
              for (Row row : page.rows()) {
                RankedKey key = new RankedKey(number(row, "request_rank"), row.get("key"), number(row, "requests"));
                if (key.rank() != totals[0] + 1 || totals[0] >= spec.topN() || key.key() == null) {
                  throw new InternalErrorException(
                      "query " + query.name() + " (" + page.queryId() + ") returned row " + row + " after " + totals[0]
                          + " rows of at most " + spec.topN() + "; ranks must run 1, 2, 3... with a key each.");
                }
                totals[0]++;
                totals[1] += key.requests();
                totals[2] = number(row, "distinct_keys");
                totals[3] = number(row, "all_requests");
                keys.accept(key);
              }
            });
    return new Summary(run.queryId(), run.bytesScanned(), totals[0], totals[1], totals[2], totals[3]);
  }

  private static long number(Row row, String column) {
    Long value = row.longValue(column);
    if (value == null) {
      throw new InternalErrorException("query logscan-top-keys returned no " + column + " in row " + row);
    }
    return value;
  }
}
