package dev.cutover.backfill;

import static dev.cutover.backfill.port.ObjectReplicationStatus.FAILED;
import static dev.cutover.backfill.port.ObjectReplicationStatus.NONE;

import dev.cutover.backfill.port.BatchJob;
import dev.cutover.backfill.port.BatchJobs;
import dev.cutover.backfill.port.ObjectReplicationStatus;
import dev.cutover.backfill.port.ReplicationJobSpec;
import dev.cutover.backfill.port.ReportObjects;
import dev.cutover.batch.CompletionReport.ResultFile;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.errors.TransientException;
import dev.cutover.json.Json;
import dev.cutover.plan.Arn;
import dev.cutover.plan.Plan;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 3 of the migration: copy the objects that existed before the replication rule, with an S3
 * Batch Replication job whose manifest S3 generates, then follow it and read what failed.
 *
 * <p>Nothing here writes to the source bucket: the job replicates from it, and everything cutover
 * writes goes to the report bucket under {@code {batch.reportPrefix}{migrationId}/backfill/}.
 */
public final class BackfillStep {

  /** The environment variable holding the role S3 Batch Operations assumes to run the job. */
  public static final String BATCH_ROLE_VARIABLE = "CUTOVER_BATCH_ROLE_ARN";

  static final int MAX_EXAMPLES = 20;
  static final int MAX_MESSAGE_CHARS = 300;
  static final int MAX_ERROR_CODES = 20;
  static final int MAX_FAILURE_REASONS = 5;
  static final String FAILED_KEYS_FILE = "failed-keys.jsonl";

  private static final Pattern ROLE_RESOURCE = Pattern.compile("role/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");
  private static final Logger LOG = LoggerFactory.getLogger(BackfillStep.class);

  private final BatchJobs batchJobs;
  private final ReportObjects reports;
  private final String batchRoleArn;

  /**
   * @param batchRoleArn the value of {@value #BATCH_ROLE_VARIABLE}; checked when a job is created
   */
  public BackfillStep(BatchJobs batchJobs, ReportObjects reports, String batchRoleArn) {
    this.batchJobs = batchJobs;
    this.reports = reports;
    this.batchRoleArn = batchRoleArn;
  }

  /**
   * Creates the backfill job: every object under the plan's prefix that is eligible for
   * replication and was never replicated ({@code NONE}) or failed to ({@code FAILED}).
   *
   * @param stateName with {@code executionId} and {@code attempt}, names the job for idempotency
   */
  public BackfillStarted start(Plan plan, String executionId, String stateName, int attempt) {
    return create(BackfillAction.START, List.of(NONE, FAILED), plan, executionId, stateName, attempt);
  }

  /** Creates a job for the objects whose replication {@code FAILED} only, once the cause is fixed. */
  public BackfillStarted redrive(Plan plan, String executionId, String stateName, int attempt) {
    return create(BackfillAction.REDRIVE, List.of(FAILED), plan, executionId, stateName, attempt);
  }

  /** The job's status mapped for the workflow's Choice, with its task counts. */
  public BackfillProgress describe(Plan plan, String jobId) {
    BatchJob job = batchJobs.describeJob(plan.source().accountId(), jobId);
    JobOutcome outcome = JobOutcome.of(job.status(), job.failedTasks());
    LOG.info(
        "Backfill job {} is {} ({}): {} of {} tasks succeeded, {} failed",
        jobId, job.status(), outcome, job.succeededTasks(), job.totalTasks(), job.failedTasks());
    return new BackfillProgress(
        jobId,
        job.status(),
        outcome,
        job.totalTasks(),
        job.succeededTasks(),
        job.failedTasks(),
        job.failureReasons().stream().limit(MAX_FAILURE_REASONS).toList(),
        job.statusUpdateReason());
  }

  /**
   * Reads the job's completion report and returns what failed: counts, the first few objects, and
   * the S3 location of the full list, which it writes as JSON lines next to the report.
   */
  public BackfillReport report(Plan plan, String jobId) {
    String bucket = plan.batch().reportBucket();
    String jobFolder = reportPrefix(plan) + "/job-" + jobId + "/";
    String manifestLocation = s3Uri(bucket, jobFolder + "manifest.json");
    Path failedKeys = null;
    try {
      List<ResultFile> files;
      try (InputStream manifest =
          reports
              .open(bucket, jobFolder + "manifest.json")
              .orElseThrow(() -> noReport(jobId, manifestLocation))) {
        files = CompletionReport.failedResultFiles(manifest, manifestLocation);
      }
      failedKeys = Files.createTempFile("cutover-failed-keys", ".jsonl");
      Tally tally = new Tally();
      try (Writer out = Files.newBufferedWriter(failedKeys, StandardCharsets.UTF_8)) {
        for (ResultFile file : files) {
          String location = s3Uri(file.bucket(), file.key());
          try (InputStream csv =
              reports
                  .open(file.bucket(), file.key())
                  .orElseThrow(() -> missingResultFile(location, manifestLocation))) {
            CompletionReport.readFailedTasks(csv, file, location, task -> tally.add(task, out));
          }
        }
      }
      String failedKeysKey = jobFolder + FAILED_KEYS_FILE;
      reports.put(bucket, failedKeysKey, failedKeys, "application/x-ndjson");
      LOG.info("Backfill job {}: {} failed tasks in its completion report", jobId, tally.failed);
      return new BackfillReport(
          jobId,
          manifestLocation,
          tally.failed,
          tally.byErrorCode(),
          List.copyOf(tally.examples),
          tally.failed > tally.examples.size(),
          s3Uri(bucket, failedKeysKey));
    } catch (IOException | UncheckedIOException e) {
      throw new TransientException(
          "Reading the completion report of backfill job " + jobId + " (" + manifestLocation
              + ") failed: " + e.getMessage() + ". The step is retried.",
          e);
    } finally {
      deleteQuietly(failedKeys);
    }
  }

  private BackfillStarted create(
      BackfillAction action,
      List<ObjectReplicationStatus> statuses,
      Plan plan,
      String executionId,
      String stateName,
      int attempt) {
    String role = batchRole(plan);
    String partition = partition(plan);
    String token = ClientRequestTokens.of(action, executionId, stateName, attempt);
    String folder = reportPrefix(plan);
    ReplicationJobSpec spec =
        new ReplicationJobSpec(
            plan.source().accountId(),
            token,
            "cutover " + plan.migrationId() + ": " + action.name().toLowerCase(Locale.ROOT),
            role,
            plan.batch().priority(),
            bucketArn(partition, plan.source().bucket()),
            plan.source().prefix(),
            statuses,
            bucketArn(partition, plan.batch().reportBucket()),
            plan.target().accountId(),
            folder + "/manifests",
            folder);
    String jobId = batchJobs.createReplicationJob(spec);
    LOG.info("Backfill job {} ({}) for objects with replication status {}", jobId, action, statuses);
    return new BackfillStarted(
        jobId, token, statuses, s3Uri(plan.batch().reportBucket(), folder + "/job-" + jobId + "/"));
  }

  /**
   * The report prefix without a trailing slash: S3 writes a completion report at {@code
   * <prefix>/job-<job id>/}, so a trailing slash would make an empty path segment.
   */
  private static String reportPrefix(Plan plan) {
    return plan.batch().reportPrefix() + plan.migrationId() + "/backfill";
  }

  private String batchRole(Plan plan) {
    String account = plan.source().accountId();
    if (batchRoleArn == null || batchRoleArn.isBlank()) {
      throw new PreconditionFailedException(
          BATCH_ROLE_VARIABLE + " is not set. Set it on the backfill Lambda to the ARN of the IAM"
              + " role S3 Batch Operations assumes to replicate objects, a role in the source account "
              + account + "; nothing was changed.");
    }
    String role = batchRoleArn.strip();
    Arn arn = Arn.parse(role).orElse(null);
    if (arn == null || !arn.service().equals("iam") || !ROLE_RESOURCE.matcher(arn.resource()).matches()) {
      throw new PreconditionFailedException(
          BATCH_ROLE_VARIABLE + " is \"" + role + "\", not an IAM role ARN; set it to"
              + " arn:" + partition(plan) + ":iam::" + account + ":role/NAME, the role S3 Batch"
              + " Operations assumes."
              + " Nothing was changed.");
    }
    if (!arn.accountId().equals(account)) {
      throw new PreconditionFailedException(
          BATCH_ROLE_VARIABLE + " names a role in account " + arn.accountId() + ", but the backfill"
              + " job runs in the source account " + account + ", and S3 Batch Operations only"
              + " assumes a role of the account that owns the job. Point it at a role in " + account
              + "; nothing was changed.");
    }
    return role;
  }

  /** The partition from the source role's ARN, which the plan has already checked. */
  private static String partition(Plan plan) {
    return Arn.parse(plan.source().roleArn())
        .map(Arn::partition)
        .orElseThrow(() -> new IllegalStateException("a parsed plan has a valid source.roleArn"));
  }

  private static String bucketArn(String partition, String bucket) {
    return "arn:" + partition + ":s3:::" + bucket;
  }

  private static String s3Uri(String bucket, String key) {
    return "s3://" + bucket + "/" + key;
  }

  private static PreconditionFailedException noReport(String jobId, String location) {
    return new PreconditionFailedException(
        "Backfill job " + jobId + " has no completion report at " + location + ". S3 writes one"
            + " only once the job has ended and at least one task ran: describe the job first, and"
            + " if it failed before running any task, fix what its failure reasons name (often the"
            + " Batch Operations role's permissions) and start the backfill again.");
  }

  private static PreconditionFailedException missingResultFile(String location, String manifest) {
    return new PreconditionFailedException(
        location + ", listed in " + manifest + ", does not exist: the completion report is"
            + " incomplete (was part of it deleted?). Read the job's outcome in the S3 console.");
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Could not delete the temporary file {}: {}", file, e.toString());
    }
  }

  /** Counts failed tasks and keeps what fits in a payload, writing each to the full list. */
  private static final class Tally {

    private long failed;
    private final List<FailedTask> examples = new ArrayList<>();
    private final Map<String, Long> codes = new HashMap<>();

    void add(FailedTask task, Writer out) {
      failed++;
      if (examples.size() < MAX_EXAMPLES) {
        examples.add(task.withMessageAtMost(MAX_MESSAGE_CHARS));
      }
      codes.merge(task.errorCode() == null ? "(none)" : task.errorCode(), 1L, Long::sum);
      try {
        out.write(Json.write(task));
        out.write('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Map<String, Long> byErrorCode() {
      Map<String, Long> top = new LinkedHashMap<>();
      codes.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
              .thenComparing(Map.Entry.comparingByKey()))
          .limit(MAX_ERROR_CODES)
          .forEach(e -> top.put(e.getKey(), e.getValue()));
      return top;
    }
  }
}
