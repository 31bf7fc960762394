package dev.cutover.logscan;

import dev.cutover.logscan.port.ReportLocation;
import java.util.List;

/**
 * What the log scan step returns to the workflow: counts, the first keys, and where the full
 * ranked list is. Small by construction; the verify step reads the list itself, a window of
 * {@value LogScanStep#VERIFY_BATCH} keys at a time ({@code verifyKeysFrom}).
 *
 * @param migrationId the plan's migration id
 * @param distributionId blue's distribution, whose logs were read
 * @param windowDays the plan's {@code validation.logScanWindowDays}
 * @param windowStart the first second counted, ISO 8601 UTC
 * @param windowEnd the first second not counted, ISO 8601 UTC
 * @param topN the plan's {@code validation.logScanTopN}
 * @param keys keys in the ranked list (at most {@code topN})
 * @param requests requests for those keys
 * @param distinctKeys keys under the source prefix requested in the window, listed or not
 * @param allRequests their requests: {@code requests / allRequests} is the traffic the list covers
 * @param examples the first {@value LogScanStep#EXAMPLES} keys of the list
 * @param topKeys the ranked list in the report bucket: one {@code {"key", "requests"}} per line,
 *     most requested first
 * @param verifyKeysFrom the list cut into the verify step's {@code keysFrom} windows, for a Map
 *     state to hand one each to the verify step
 * @param queryId Athena's id of the query, to find it in the console
 * @param bytesScanned the data the query read (what Athena bills); {@code null} when the engine
 *     does not say
 */
record LogScanResult(
    String migrationId,
    String distributionId,
    int windowDays,
    String windowStart,
    String windowEnd,
    int topN,
    long keys,
    long requests,
    long distinctKeys,
    long allRequests,
    List<KeyRequests> examples,
    ReportLocation topKeys,
    List<KeysFrom> verifyKeysFrom,
    String queryId,
    Long bytesScanned) {

  /** A key and its requests in the window: a line of the list, and an example. */
  record KeyRequests(String key, long requests) {}

  /**
   * A window of the list, as the verify step's {@code keysFrom} takes it.
   *
   * @param uri the list's {@code s3://} URI
   * @param offset the lines skipped before the window
   * @param limit the lines in the window
   */
  record KeysFrom(String uri, long offset, int limit) {}
}
