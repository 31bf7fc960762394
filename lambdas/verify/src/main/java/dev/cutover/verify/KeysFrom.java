package dev.cutover.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.errors.TransientException;
import dev.cutover.json.Json;
import dev.cutover.plan.PlanProblem;
import dev.cutover.task.TaskPayload;
import dev.cutover.verify.port.ReportStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The task input's {@code keysFrom}: a window of a key list in the report bucket, instead of the
 * keys themselves. The log scan writes its ranked list of requested keys there (one {@code
 * {"key": ..., "requests": ...}} per line, up to 100 000 lines) and returns the windows of
 * {@value VerifyInput#MAX_KEYS} lines a verify invocation takes, so the workflow can Map over them:
 *
 * <pre>{@code
 * "keysFrom": {"uri": "s3://platform-cutover-reports/cutover/<migration>/logscan/<run>/top-keys.jsonl",
 *              "offset": 1000, "limit": 1000}
 * }</pre>
 *
 * Only an object of the plan's report bucket under {@code {reportPrefix}{migrationId}/} is read,
 * and every key in the window is checked as a given key is (under the source prefix, listed
 * once), each problem named by its line.
 *
 * @param uri the list's {@code s3://bucket/key}
 * @param key the list's key in the report bucket
 * @param offset the lines skipped before the window
 * @param limit the lines in the window, 1 to {@value VerifyInput#MAX_KEYS}
 */
record KeysFrom(String uri, String key, long offset, int limit) {

  private static final List<String> FIELDS = List.of("uri", "offset", "limit");
  private static final Pattern S3_URI = Pattern.compile("s3://([^/]+)/(.+)");

  /**
   * Reads {@code keysFrom} from the payload, adding its problems.
   *
   * @param reportBucket the plan's report bucket, or {@code null} when the plan is wrong
   * @param reportRoot {@code {reportPrefix}{migrationId}/}, or {@code null} when the plan is wrong
   * @return the window, or {@code null} when there is none or it has problems
   */
  static KeysFrom parse(JsonNode node, String reportBucket, String reportRoot, List<PlanProblem> problems) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      problems.add(new PlanProblem("keysFrom", "must be {\"uri\": \"s3://<report bucket>/<key list>\", \"offset\": 0, \"limit\": 1000}, as the log scan's verifyKeysFrom lists it."));
      return null;
    }
    int before = problems.size();
    node.fieldNames().forEachRemaining(name -> {
      if (!FIELDS.contains(name)) {
        problems.add(new PlanProblem("keysFrom." + name, "is not a field of keysFrom; it has " + String.join(", ", FIELDS) + "."));
      }
    });
    JsonNode uriNode = node.get("uri");
    Matcher uri = uriNode != null && uriNode.isTextual() ? S3_URI.matcher(uriNode.asText()) : null;
    String key = null;
    if (uri == null || !uri.matches()) {
      problems.add(new PlanProblem("keysFrom.uri", "is required: the key list's S3 URI, s3://<report bucket>/<key>, as the log scan returns it."));
    } else if (reportBucket != null && !uri.group(1).equals(reportBucket)) {
      problems.add(new PlanProblem("keysFrom.uri", "\"" + uriNode.asText() + "\" is not in the plan's report bucket \"" + reportBucket + "\"; the step reads key lists from there only."));
    } else if (reportRoot != null && !uri.group(2).startsWith(reportRoot)) {
      problems.add(new PlanProblem("keysFrom.uri", "\"" + uriNode.asText() + "\" is not under this migration's reports, s3://" + reportBucket + "/" + reportRoot + "; pass the log scan's list of this migration."));
    } else {
      key = uri.group(2);
    }
    long offset = number(node, "offset", 0, 0, Long.MAX_VALUE, "must be a whole number of lines to skip, from 0, or left out for 0.", problems);
    long limit = number(node, "limit", VerifyInput.MAX_KEYS, 1, VerifyInput.MAX_KEYS, "must be a whole number of keys from 1 to " + VerifyInput.MAX_KEYS + ", or left out for " + VerifyInput.MAX_KEYS + ".", problems);
    return problems.size() > before ? null : new KeysFrom(uriNode.asText(), key, offset, (int) limit);
  }

  /**
   * The keys of the window, read from {@code reports}: the {@code limit} lines after the first
   * {@code offset} (fewer at the end of the list).
   *
   * @throws InvalidPlanException naming {@code keysFrom.uri} (no such list, a line that is not a
   *     key entry, a key not under {@code prefix} or listed twice) or {@code keysFrom.offset}
   *     (past the end of the list)
   */
  List<String> read(ReportStore reports, String prefix) {
    InputStream in =
        reports.open(key).orElseThrow(() -> invalid("keysFrom.uri", "\"" + uri + "\" names no object in the report bucket; pass the log scan's result unchanged, after it has run."));
    List<PlanProblem> problems = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long lines = 0;
    long taken = 0;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while (taken < limit && (line = reader.readLine()) != null) {
        lines++;
        if (lines <= offset) {
          continue;
        }
        taken++;
        String where = "line " + lines + " of " + uri + ": ";
        String entry = keyOf(line);
        if (entry == null) {
          problems.add(new PlanProblem("keysFrom.uri", where + "is not {\"key\": \"...\", ...}; the list is one JSON object per line, as the log scan writes it."));
          continue;
        }
        String problem = TaskPayload.keyProblem(entry, prefix, seen);
        if (problem != null) {
          problems.add(new PlanProblem("keysFrom.uri", where + problem));
        } else {
          keys.add(entry);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw new TransientException("reading " + uri + " failed after " + lines + " lines: " + e.getMessage() + "; a retry reads it again.", e);
    }
    if (taken == 0) {
      problems.add(new PlanProblem("keysFrom.offset", "is " + offset + " but " + uri + " has " + lines + " lines; the window must start inside the list."));
    }
    if (!problems.isEmpty()) {
      throw new InvalidPlanException(problems);
    }
    return List.copyOf(keys);
  }

  private static String keyOf(String line) {
    try {
      JsonNode entry = Json.mapper().readTree(line);
      JsonNode key = entry == null ? null : entry.get("key");
      return key != null && key.isTextual() ? key.asText() : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static long number(JsonNode node, String field, long absent, long min, long max, String message, List<PlanProblem> problems) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return absent;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
      problems.add(new PlanProblem("keysFrom." + field, message));
      return absent;
    }
    return value.asLong();
  }

  private static InvalidPlanException invalid(String field, String message) {
    return new InvalidPlanException(List.of(new PlanProblem(field, message)));
  }
}
