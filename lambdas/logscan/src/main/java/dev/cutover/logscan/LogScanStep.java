package dev.cutover.logscan;

import dev.cutover.errors.InternalErrorException;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.json.Json;
import dev.cutover.logscan.LogScanResult.KeyRequests;
import dev.cutover.logscan.LogScanResult.KeysFrom;
import dev.cutover.logscan.port.ReportBucket;
import dev.cutover.logscan.port.ReportLocation;
import dev.cutover.plan.Plan;
import dev.cutover.queries.logscan.TopKeys;
import dev.cutover.queries.port.Queries;
import dev.cutover.queries.sql.QueryTokens;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The log scan (DESIGN.md §1 step 6): the keys users requested from blue's distribution in the
 * plan's window, ranked by requests ({@link TopKeys}, {@code sql/logscan-top-keys.sql}), written
 * in full to the report bucket as JSON lines for the verify step to check on green.
 *
 * <ul>
 *   <li><b>Window.</b> The {@code logScanWindowDays} days before {@code windowEnd} (the
 *       execution's start time when the state passes it; otherwise the start of the current
 *       hour), in whole seconds, UTC as the logs are.
 *   <li><b>Idempotent.</b> The query's token is derived from the execution id, the state name
 *       and the query's name with the window's end: a retried task with the same window finds the
 *       query it started, and one with another window (no {@code windowEnd}, a retry in a later
 *       hour) starts its own instead of being refused by Athena for a changed query. The list's
 *       key is named after the execution, so a retry overwrites it.
 *   <li><b>Nothing found is an error.</b> No request at all in the window means the table, the
 *       log delivery or the projection's years are wrong, not that users requested nothing; a
 *       scan that proves nothing must not pass as one that found nothing missing.
 * </ul>
 */
final class LogScanStep {

  /** The query's name in its token and in logs. */
  static final String QUERY_NAME = "logscan-top-keys";

  /** Keys returned in the result itself. */
  static final int EXAMPLES = 20;

  /** Keys per verify invocation: the verify step's limit for given keys. */
  static final int VERIFY_BATCH = 1000;

  static final String CONTENT_TYPE = "application/x-ndjson";

  private final Queries queries;
  private final ReportBucket reports;
  private final Clock clock;

  LogScanStep(Queries queries, ReportBucket reports, Clock clock) {
    this.queries = queries;
    this.reports = reports;
    this.clock = clock;
  }

  LogScanResult run(LogScanInput input) {
    Plan plan = input.plan();
    int days = plan.validation().logScanWindowDays();
    int topN = plan.validation().logScanTopN();
    Instant end =
        input.windowEnd() != null
            ? input.windowEnd().truncatedTo(ChronoUnit.SECONDS)
            : clock.instant().truncatedTo(ChronoUnit.HOURS);
    Instant start = end.minus(Duration.ofDays(days));
    TopKeys.Spec spec =
        new TopKeys.Spec(
            input.logs().table(), plan.source().distributionId(), start, end, plan.source().prefixOrEmpty(),
            input.logs().defaultRootObject(), topN);
    String token = QueryTokens.of(input.executionId(), input.stateName(), QUERY_NAME + "@" + end);

    Path file = temporaryFile();
    try {
      List<KeyRequests> examples = new ArrayList<>();
      TopKeys.Summary summary;
      try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        summary =
            TopKeys.run(
                queries,
                spec,
                token,
                key -> {
                  KeyRequests line = new KeyRequests(key.key(), key.requests());
                  if (examples.size() < EXAMPLES) {
                    examples.add(line);
                  }
                  write(out, Json.write(line));
                });
      } catch (IOException e) {
        throw new InternalErrorException("cannot write the ranked keys to " + file + ": " + e.getMessage(), e);
      }
      if (summary.allRequests() == 0) {
        throw new PreconditionFailedException(
            "The log scan found no request for a key under \"" + spec.prefix() + "\" that distribution "
                + spec.distributionId() + " answered with 2xx or 3xx from " + start + " to " + end + " in table "
                + input.logs().database() + "." + input.logs().table() + " (Athena query " + summary.queryId()
                + "), so it proves nothing about green. Check that blue's standard logging (v2) delivers to the"
                + " table's location as sql/cloudfront-logs-table.ddl describes, that the table's"
                + " projection.distributionid.values and projection.year.range cover this distribution and"
                + " window, and that the source prefix matches the paths users request; then start the step again.");
      }
      ReportLocation location = reports.put(reportKey(plan, input.executionId()), file, CONTENT_TYPE);
      return new LogScanResult(
          plan.migrationId(),
          spec.distributionId(),
          days,
          start.toString(),
          end.toString(),
          topN,
          summary.keys(),
          summary.requests(),
          summary.distinctKeys(),
          summary.allRequests(),
          List.copyOf(examples),
          location,
          windows(location, summary.keys()),
          summary.queryId(),
          summary.bytesScanned());
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // /tmp is the container's; a leftover file is removed with it.
      }
    }
  }

  /** {@code {reportPrefix}{migrationId}/logscan/<execution name>/top-keys.jsonl}. */
  static String reportKey(Plan plan, String executionId) {
    return plan.batch().reportPrefix() + plan.migrationId() + "/logscan/" + runName(executionId) + "/top-keys.jsonl";
  }

  /** The execution's name (the ARN's last part), made safe for a key. */
  static String runName(String executionId) {
    String name = executionId.substring(executionId.lastIndexOf(':') + 1);
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "-");
    return safe.isEmpty() || safe.chars().allMatch(c -> c == '.') ? "run" : safe;
  }

  private static List<KeysFrom> windows(ReportLocation location, long keys) {
    List<KeysFrom> windows = new ArrayList<>();
    for (long offset = 0; offset < keys; offset += VERIFY_BATCH) {
      windows.add(new KeysFrom(location.uri(), offset, (int) Math.min(VERIFY_BATCH, keys - offset)));
    }
    return windows;
  }

  private static void write(BufferedWriter out, String line) {
    try {
      out.write(line);
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path temporaryFile() {
    try {
      return Files.createTempFile("cutover-top-keys-", ".jsonl");
    } catch (IOException e) {
      throw new InternalErrorException("cannot create a temporary file for the ranked keys: " + e.getMessage(), e);
    }
  }
}
