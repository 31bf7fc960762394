package dev.cutover.verify;

import static dev.cutover.verify.BatchInvocation.PERMANENT_FAILURE;
import static dev.cutover.verify.BatchInvocation.SUCCEEDED;
import static dev.cutover.verify.BatchInvocation.TEMPORARY_FAILURE;

import dev.cutover.errors.CutoverException;
import dev.cutover.errors.TransientException;
import dev.cutover.verify.BatchInvocation.Request;
import dev.cutover.verify.BatchInvocation.Response;
import dev.cutover.verify.BatchInvocation.Result;
import dev.cutover.verify.BatchInvocation.Task;
import dev.cutover.verify.ObjectVerifier.Verdict;
import dev.cutover.verify.port.BucketRef;
import dev.cutover.verify.port.Buckets;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-object comparison as one task of an S3 Batch Operations job: the job's manifest lists
 * blue's objects; each task compares one with the same key on green and answers {@code
 * Succeeded} (green provably equal, or content unverified but nothing differing), {@code
 * PermanentFailure} with the differing fields (a mismatch, bad arguments, access denied) or
 * {@code TemporaryFailure} (throttling or a transient error that outlasted the retries; Batch
 * Operations runs the task again).
 *
 * <p>Keys: Batch Operations passes {@code s3Key} as the manifest holds it, and manifests hold
 * keys URL-encoded ({@code +} or {@code %20} for a space, {@code %2B} for a plus). AWS's own
 * helpers decode it for both schema versions (Powertools for Python's {@code
 * S3BatchOperationTask.s3_key} applies {@code unquote_plus}). Because the documentation for
 * schema 2.0 does not spell the encoding out, a key is looked up decoded first and, when blue
 * and green have neither, as given: a plain key like {@code a+b.css} or {@code 100%.css} still
 * resolves.
 *
 * <p>{@code s3VersionId} is not used: green is compared with what blue serves now.
 */
final class BatchTaskStep {

  private static final Logger LOG = LoggerFactory.getLogger(BatchTaskStep.class);

  /** Completion report lines stay readable. */
  static final int MAX_RESULT_STRING = 1000;

  private final Buckets buckets;
  private final VerifySettings settings;
  private final Retrier.Sleeper sleeper;

  BatchTaskStep(Buckets buckets, VerifySettings settings, Retrier.Sleeper sleeper) {
    this.buckets = buckets;
    this.settings = settings;
    this.sleeper = sleeper;
  }

  Response run(Request request) {
    List<Task> tasks = request.tasks() == null ? List.of() : request.tasks();
    List<Result> results = new ArrayList<>();
    if (!"2.0".equals(request.invocationSchemaVersion())) {
      String message =
          "Invocation schema " + request.invocationSchemaVersion() + " is not supported: create the job with"
              + " InvocationSchemaVersion 2.0 and the UserArguments this function needs (targetBucket, …).";
      tasks.forEach(t -> results.add(new Result(t.taskId(), PERMANENT_FAILURE, message)));
      return response(request, results);
    }
    BatchArguments args;
    try {
      args = BatchArguments.parse(request.job() == null ? null : request.job().userArguments());
    } catch (IllegalArgumentException e) {
      tasks.forEach(t -> results.add(new Result(t.taskId(), PERMANENT_FAILURE, shorten("Job arguments: " + e.getMessage()))));
      return response(request, results);
    }
    for (Task task : tasks) {
      results.add(verify(task, args));
    }
    return response(request, results);
  }

  private Result verify(Task task, BatchArguments args) {
    if (task.s3Bucket() == null || task.s3Key() == null) {
      return new Result(task.taskId(), PERMANENT_FAILURE, "Task has no s3Bucket or s3Key.");
    }
    ObjectVerifier verifier =
        new ObjectVerifier(
            buckets.objects(new BucketRef(task.s3Bucket(), args.sourceRegion(), args.sourceRoleArn(), args.migrationId(), args.sourceAccountId())),
            buckets.objects(new BucketRef(args.targetBucket(), args.targetRegion(), args.targetRoleArn(), args.migrationId(), args.targetAccountId())),
            args.metadataFields(),
            new Retrier(settings.backoff(), sleeper));
    try {
      for (String key : candidateKeys(task.s3Key())) {
        Verdict verdict = verifier.verify(key);
        if (verdict.onSource() || verdict.onTarget()) {
          return result(task, verdict);
        }
      }
      return new Result(task.taskId(), SUCCEEDED, "Absent on both sides (deleted since the manifest was made).");
    } catch (TransientException e) {
      return new Result(task.taskId(), TEMPORARY_FAILURE, shorten(e.getMessage()));
    } catch (CutoverException e) {
      return new Result(task.taskId(), PERMANENT_FAILURE, shorten(e.getMessage()));
    } catch (RuntimeException e) {
      LOG.error("Task {} failed unexpectedly", task.taskId(), e);
      return new Result(task.taskId(), PERMANENT_FAILURE, shorten("Internal error: " + e));
    }
  }

  /** The key decoded as the manifest encodes it, then as given when that differs. */
  static List<String> candidateKeys(String s3Key) {
    Set<String> keys = new LinkedHashSet<>();
    try {
      keys.add(URLDecoder.decode(s3Key, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException notEncoded) {
      // A bare '%' not followed by two hex digits: the key cannot be URL-encoded.
    }
    keys.add(s3Key);
    return List.copyOf(keys);
  }

  private static Result result(Task task, Verdict verdict) {
    Finding finding = verdict.finding();
    if (finding == null) {
      return new Result(task.taskId(), SUCCEEDED, "Match: size, content (" + verdict.contentBasis() + ") and metadata.");
    }
    if (!finding.mismatch()) {
      return new Result(
          task.taskId(),
          SUCCEEDED,
          "Size and metadata match; content unverified: no checksum of the same algorithm on both sides and the ETag"
              + " is not a content hash (multipart or SSE-KMS).");
    }
    String what =
        switch (finding.categories().getFirst()) {
          case MISSING_ON_TARGET -> "missing on target";
          case EXTRA_ON_TARGET -> "not on source but present on target";
          default -> "differs: " + finding.fields().stream().collect(Collectors.joining(", "));
        };
    return new Result(task.taskId(), PERMANENT_FAILURE, shorten("Mismatch, " + what + "."));
  }

  private static Response response(Request request, List<Result> results) {
    return new Response(request.invocationSchemaVersion(), PERMANENT_FAILURE, request.invocationId(), results);
  }

  private static String shorten(String text) {
    return text.length() <= MAX_RESULT_STRING ? text : text.substring(0, MAX_RESULT_STRING - 1) + "…";
  }
}
