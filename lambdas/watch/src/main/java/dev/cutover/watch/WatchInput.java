package dev.cutover.watch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.plan.Plan;
import dev.cutover.task.TaskPayload;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The watch task's payload:
 *
 * <pre>{@code
 * {
 *   "executionId": "arn:aws:states:us-east-1:444455556666:execution:cutover:run-1",
 *   "plan": { ... the execution input ... },
 *   "hotKeys": ["static/app.js", "static/index.html"],   // optional, hottest first
 *   "since": "2026-11-24T10:15:00Z"                       // optional: when the cutover finished
 * }
 * }</pre>
 *
 * {@code hotKeys} are green's object keys to probe through the public hostname (the log scan's
 * hottest first, or a list of the operator's); the first {@code validation.probeSampleSize} are
 * probed, none when the field is left out. {@code since} is an ISO-8601 instant with a zone or an
 * offset; only metrics from whole minutes starting at or after it count, so traffic from before
 * the cutover never decides the sample. Every problem is reported at once with its field path
 * before anything is read.
 *
 * @param executionId the Step Functions execution ARN: the log correlation id
 * @param plan the parsed, validated plan
 * @param hotKeys keys to probe, or {@code null}
 * @param since when the cutover finished, or {@code null}
 */
record WatchInput(String executionId, Plan plan, List<String> hotKeys, Instant since) {

  static final int MAX_KEYS = 1000;

  /** How far ahead of the sample's clock {@code since} may be: clocks of two services, not a typo. */
  static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(1);

  private static final List<String> FIELDS = List.of("executionId", "plan", "hotKeys", "since");

  /**
   * Reads {@code node}; {@code now} is the sample's time, which {@code since} may not be after.
   *
   * @throws dev.cutover.errors.InvalidPlanException with every problem found
   */
  static WatchInput parse(JsonNode node, Instant now) {
    TaskPayload payload = TaskPayload.of(node, "watch", FIELDS);
    String executionId = payload.executionId();
    Plan plan = payload.plan();
    List<String> keys =
        payload.sourceKeys(
            "hotKeys",
            payload.sourcePrefix(plan),
            MAX_KEYS,
            "must be an array of 1 to " + MAX_KEYS + " object keys, hottest first (the log scan's), or left out to probe none.");
    Instant since = since(payload, now);
    payload.done();
    return new WatchInput(executionId, plan, keys, since);
  }

  private static Instant since(TaskPayload payload, Instant now) {
    JsonNode value = payload.node().get("since");
    if (value == null || value.isNull()) {
      return null;
    }
    String hint = "must be the ISO-8601 instant the cutover finished, with a zone or offset, e.g. \"2026-11-24T10:15:00Z\", or left out.";
    if (!value.isTextual()) {
      payload.problem("since", hint);
      return null;
    }
    Instant since;
    try {
      since = OffsetDateTime.parse(value.textValue()).toInstant();
    } catch (DateTimeParseException e) {
      payload.problem("since", "\"" + value.textValue() + "\" " + hint);
      return null;
    }
    if (since.isAfter(now.plus(CLOCK_TOLERANCE))) {
      payload.problem("since", "\"" + value.textValue() + "\" is in the future (it is " + now + "): pass the instant the cutover finished.");
      return null;
    }
    return since;
  }
}
