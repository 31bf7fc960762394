package dev.cutover.verify;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.aws.AwsClients;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.json.Json;
import dev.cutover.logging.StepLogging;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanProblem;
import dev.cutover.plan.Side;
import dev.cutover.task.TaskPayload;
import dev.cutover.verify.aws.S3Buckets;
import dev.cutover.verify.port.BucketRef;
import dev.cutover.verify.port.Buckets;
import dev.cutover.verify.port.Progress;
import dev.cutover.verify.port.ReportStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda entry of the "verify objects" step (DESIGN.md §1 step 4). Input: {@link VerifyInput}.
 * Output: {@link VerifyResult}.
 *
 * <p>Mismatches are returned, not thrown: {@code passed} is false and the workflow's Choice
 * stops at the gate with the evidence in hand. Errors (bad input, a role that cannot read,
 * throttling that outlasts every retry) are thrown as the error contract.
 *
 * <p>The full findings list goes to {@code {batch.reportPrefix}{migrationId}/verify/<execution
 * name>/findings.jsonl} in the report bucket ({@code keys-<hash>.jsonl} for a run over given keys),
 * so a retried task overwrites its own report rather than adding one.
 *
 * <p>Given keys come in the payload ({@code keys}) or as a window of a key list in the report
 * bucket ({@code keysFrom}, the log scan's ranked list of requested keys): the window is read and
 * its keys checked before any object is.
 *
 * <p>A listing verification stops taking new keys {@link #TIME_RESERVE} before the invocation's
 * timeout and returns {@code complete: false} with the last key it compared; the workflow invokes
 * the step again with that result as {@code resume}, and the next invocation lists only the keys
 * after it (its findings go to {@code findings-0002.jsonl}, and so on). The last invocation's
 * result covers the whole bucket.
 */
public final class VerifyHandler implements RequestStreamHandler {

  private static final Logger LOG = LoggerFactory.getLogger(VerifyHandler.class);

  /**
   * Time kept back from the invocation's timeout to finish the comparisons in flight and the
   * findings file once the listing stops taking new keys.
   */
  static final Duration TIME_RESERVE = Duration.ofMinutes(2);

  /** A log line every this many objects. */
  static final long PROGRESS_LOG_EVERY = 10_000;

  private final Buckets buckets;
  private final Supplier<VerifySettings> settings;
  private final Retrier.Sleeper sleeper;

  /** For the Lambda runtime: real S3 clients, built once per container. */
  public VerifyHandler() {
    this(new S3Buckets(new AwsClients()), () -> VerifySettings.fromEnvironment(System.getenv()), Retrier.Sleeper.REAL);
  }

  /**
   * For the local runtime ({@code cutover rehearse}): the same step on other ports.
   * {@code environment} stands in for the process environment: the same variables the Lambda reads.
   */
  public static VerifyHandler local(Buckets buckets, Map<String, String> environment) {
    return new VerifyHandler(buckets, () -> VerifySettings.fromEnvironment(environment), Retrier.Sleeper.REAL);
  }

  VerifyHandler(Buckets buckets, Supplier<VerifySettings> settings, Retrier.Sleeper sleeper) {
    this.buckets = buckets;
    this.settings = settings;
    this.sleeper = sleeper;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode payload = TaskPayload.read(input);
    Deadline deadline = Deadline.of(context::getRemainingTimeInMillis, TIME_RESERVE);
    VerifyResult result =
        StepLogging.handle(context, payload == null ? Map.of() : payload, () -> verify(payload, deadline));
    output.write(Json.write(result).getBytes(StandardCharsets.UTF_8));
  }

  private VerifyResult verify(JsonNode payload, Deadline deadline) {
    if (payload == null) {
      throw new InvalidPlanException(List.of(new PlanProblem("$", "the verify task input is not JSON.")));
    }
    VerifyInput input = VerifyInput.parse(payload);
    Plan plan = input.plan();
    String session = plan.migrationId();
    Side blue = plan.source();
    Side green = plan.target();
    // The report bucket is in green's account (PlanValidator keeps it apart from both buckets).
    ReportStore reports =
        buckets.reports(new BucketRef(plan.batch().reportBucket(), green.region(), green.roleArn(), session, green.accountId()));
    List<String> keys = input.keysFrom() == null ? input.keys() : input.keysFrom().read(reports, blue.prefixOrEmpty());
    if (input.keysFrom() != null) {
      LOG.info(
          "Read {} keys from lines {} to {} of {}", keys.size(), input.keysFrom().offset() + 1,
          input.keysFrom().offset() + keys.size(), input.keysFrom().uri());
    }
    VerifyJob job =
        new VerifyJob(
            plan.migrationId(),
            buckets.objects(new BucketRef(blue.bucket(), blue.region(), blue.roleArn(), session, blue.accountId())),
            buckets.objects(new BucketRef(green.bucket(), green.region(), green.roleArn(), session, green.accountId())),
            blue.prefixOrEmpty(),
            Set.copyOf(plan.validation().metadataFields()),
            plan.validation().mismatchTolerance(),
            reports,
            reportKey(plan, input.executionId(), keys),
            keys,
            input.resume());
    LOG.info(
        "Verifying s3://{}/{} against s3://{}/{} ({}), report to s3://{}/{}",
        blue.bucket(), job.prefix(), green.bucket(), job.prefix(),
        job.keys() == null ? "every key" : job.keys().size() + " given keys",
        plan.batch().reportBucket(), job.reportKey());
    VerifyResult result = new VerifyStep(settings.get(), sleeper).run(job, progress(), deadline);
    if (!result.complete()) {
      LOG.info(
          "Out of time after {} objects (invocation {}); stopped after \"{}\". Invoke again with this result as resume.",
          result.objectsCompared(), result.segment(), result.resumeAfter());
    }
    LOG.info(
        "Compared {} objects: {} mismatched (tolerance {}), complete={}, passed={}, counts {}, {} retries; findings at {}",
        result.objectsCompared(), result.mismatchedObjects(), result.mismatchTolerance(), result.complete(),
        result.passed(), result.counts(), result.retries(), result.report().uri());
    return result;
  }

  static String reportKey(Plan plan, String executionId, List<String> keys) {
    String run = TaskPayload.runName(executionId);
    String file = keys == null ? "findings.jsonl" : "keys-" + digest(keys) + ".jsonl";
    return plan.batch().reportPrefix() + plan.migrationId() + "/verify/" + run + "/" + file;
  }


  /** Names a set of keys so the same set maps to the same report on a retry. */
  private static String digest(List<String> keys) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      keys.forEach(k -> sha.update((k + "\n").getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static Progress progress() {
    return compared -> {
      if (compared % PROGRESS_LOG_EVERY == 0) {
        LOG.info("{} objects compared so far", compared);
      }
    };
  }
}
