package dev.cutover.local.batch;

import static dev.cutover.local.batch.Fixtures.assertSameAsVerifySeesIt;
import static dev.cutover.local.batch.Fixtures.bucket;
import static dev.cutover.local.batch.Fixtures.exists;
import static dev.cutover.local.batch.Fixtures.put;
import static dev.cutover.local.batch.Fixtures.putRich;
import static dev.cutover.local.batch.Fixtures.s3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.backfill.BackfillProgress;
import dev.cutover.backfill.BackfillReport;
import dev.cutover.backfill.BackfillStarted;
import dev.cutover.backfill.BackfillStep;
import dev.cutover.backfill.JobOutcome;
import dev.cutover.backfill.aws.S3ReportObjects;
import dev.cutover.backfill.port.ObjectReplicationStatus;
import dev.cutover.backfill.port.ReplicationJobSpec;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Plans;
import dev.cutover.testing.EmbeddedS3;
import dev.cutover.testing.TestPlans;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The backfill step's own logic ({@link BackfillStep}: START, DESCRIBE, REPORT, REDRIVE) on the
 * local Batch Operations, through the S3 Control adapter it uses on AWS: the job S3 would run,
 * the objects it copies, the report it writes and the step reads back.
 */
@ExtendWith(EmbeddedS3.class)
class BackfillOnLocalBatchTest {

  static final String ROLE = "arn:aws:iam::111122223333:role/cutover-batch";

  final ReplicationConfigSource.InMemory configs = new ReplicationConfigSource.InMemory();
  final ReplicationStatuses statuses = new ReplicationStatuses();
  final Faults faults = new Faults(7);
  LocalBatchOperations batch;

  @AfterEach
  void close() {
    if (batch != null) {
      batch.close();
    }
  }

  LocalBatchOperations batch(int attempts) {
    batch = LocalBatchOperations.builder(s3())
        .replicationConfigs(configs)
        .replicationStatuses(statuses)
        .faults(faults)
        .concurrency(4)
        .maxTaskAttempts(attempts)
        .retryBackoff(Duration.ZERO)
        .build();
    return batch;
  }

  Plan plan(String blue, String green, String reports) {
    EmbeddedS3.bucket(reports);
    configs.put(blue, Fixtures.replicationConfig(green, "analytics-copy", true));
    return Plans.parse(TestPlans.json(blue, green, reports, "static/"));
  }

  BackfillStep step(LocalBatchOperations ops, Plan plan) {
    return new BackfillStep(new LocalBatchJobs(ops), new S3ReportObjects(s3(), plan.target().accountId()), ROLE);
  }

  BackfillProgress finish(BackfillStep step, Plan plan, String jobId) throws InterruptedException {
    assertThat(batch.awaitFinished(jobId, Duration.ofSeconds(20)).finished()).as("job " + jobId + " ended").isTrue();
    return step.describe(plan, jobId);
  }

  @Test
  void start_replicates_every_object_under_the_prefix_that_was_never_replicated_with_all_its_metadata() throws Exception {
    String blue = bucket("bf-copy-blue");
    String green = bucket("bf-copy-green");
    Plan plan = plan(blue, green, "bf-copy-reports");
    putRich(blue, "static/app.js", "console.log('blue')");
    put(blue, "static/img/hero banner.png", "png");
    put(blue, "static/c++/café menü.css", "body{}");
    put(blue, "static/already.js", "done");
    put(blue, "index.html", "<html>");
    statuses.record(blue, "static/already.js", ReplicationStatus.COMPLETED, "\"etag\"");
    BackfillStep step = step(batch(3), plan);

    BackfillStarted started = step.start(plan, TestPlans.EXECUTION_ID, "StartBackfill", 1);
    BackfillProgress progress = finish(step, plan, started.jobId());

    assertThat(progress.jobStatus()).isEqualTo("Complete");
    assertThat(progress.outcome()).isEqualTo(JobOutcome.SUCCEEDED);
    assertThat(progress.totalTasks()).as("NONE objects under static/ only").isEqualTo(3);
    assertThat(progress.succeededTasks()).isEqualTo(3);
    for (String key : List.of("static/app.js", "static/img/hero banner.png", "static/c++/café menü.css")) {
      assertSameAsVerifySeesIt(blue, green, key);
      assertThat(statuses.status(blue, key)).isEqualTo(ReplicationStatus.COMPLETED);
      assertThat(statuses.status(green, key)).isEqualTo(ReplicationStatus.REPLICA);
    }
    var greenHead = new dev.cutover.verify.aws.S3ObjectStore(s3(), green, null).head("static/app.js").orElseThrow();
    assertThat(greenHead.headers())
        .as("the rich object's fields arrived, not merely equal on both sides (S3Mock 5.2.0 does not store"
            + " the website redirect at all: ObjectReplicatorTest checks the copy carries it)")
        .containsEntry("Content-Encoding", "gzip")
        .containsEntry("Cache-Control", "public, max-age=31536000, immutable")
        .containsEntry("Content-Disposition", "inline; filename=\"app.js\"")
        .containsEntry("Content-Language", "en-GB")
        .containsKey("Expires");
    assertThat(greenHead.userMetadata()).containsEntry("build", "4711");
    assertThat(greenHead.checksum()).isNotNull();
    assertThat(greenHead.checksum().algorithm()).isEqualTo("CRC32");
    assertThat(exists(green, "static/already.js")).as("COMPLETED objects are not selected").isFalse();
    assertThat(exists(green, "index.html")).as("outside the prefix").isFalse();

    BackfillReport report = step.report(plan, started.jobId());
    assertThat(report.failedTasks()).isZero();
    String generated = s3().listObjectsV2(r -> r.bucket("bf-copy-reports").prefix("cutover/assets-to-platform-account/backfill/manifests/job-" + started.jobId()))
        .contents().stream().map(o -> o.key()).filter(k -> k.endsWith("manifest.json")).findFirst().orElseThrow();
    assertThat(batch.describeJob(started.jobId()).generatedManifestDescriptor().location().objectArn())
        .isEqualTo("arn:aws:s3:::bf-copy-reports/" + generated);
  }

  @Test
  void a_retried_start_finds_its_job_and_a_changed_request_under_the_same_token_is_refused() throws Exception {
    String blue = bucket("bf-token-blue");
    Plan plan = plan(blue, bucket("bf-token-green"), "bf-token-reports");
    put(blue, "static/a.js", "a");
    BackfillStep step = step(batch(3), plan);

    BackfillStarted started = step.start(plan, TestPlans.EXECUTION_ID, "StartBackfill", 1);
    String first = started.jobId();
    String firstToken = started.clientRequestToken();
    String retried = step.start(plan, TestPlans.EXECUTION_ID, "StartBackfill", 1).jobId();
    String another = step.start(plan, TestPlans.EXECUTION_ID, "StartBackfill", 2).jobId();

    assertThat(retried).isEqualTo(first);
    assertThat(another).isNotEqualTo(first);
    LocalBatchJobs jobs = new LocalBatchJobs(batch);
    ReplicationJobSpec changed = new ReplicationJobSpec(
        "111122223333", firstToken, "changed", ROLE, 10,
        "arn:aws:s3:::" + blue, "static/", List.of(ObjectReplicationStatus.FAILED),
        "arn:aws:s3:::bf-token-reports", "444455556666", "m", "r");
    assertThatThrownBy(() -> jobs.createReplicationJob(changed))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("other settings");
    assertThatThrownBy(() -> jobs.describeJob("444455556666", first))
        .as("a job belongs to the account that created it")
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("NoSuchJob");
    finish(step, plan, first);
    finish(step, plan, another);
  }

  @Test
  void failing_keys_fail_their_tasks_the_report_names_them_and_a_redrive_after_the_fix_copies_only_them() throws Exception {
    String blue = bucket("bf-fail-blue");
    String green = bucket("bf-fail-green");
    Plan plan = plan(blue, green, "bf-fail-reports");
    put(blue, "static/ok.js", "ok");
    put(blue, "static/denied one.js", "no");
    put(blue, "static/denied-two.css", "no");
    faults.failKey(blue, "static/denied one.js");
    faults.failKey(blue, "static/denied-two.css");
    BackfillStep step = step(batch(3), plan);

    BackfillStarted started = step.start(plan, TestPlans.EXECUTION_ID, "StartBackfill", 1);
    BackfillProgress progress = finish(step, plan, started.jobId());
    BackfillReport report = step.report(plan, started.jobId());

    assertThat(progress.jobStatus()).isEqualTo("Complete");
    assertThat(progress.outcome()).as("Complete with failed tasks is a failure").isEqualTo(JobOutcome.FAILED);
    assertThat(progress.failedTasks()).isEqualTo(2);
    assertThat(report.failedTasks()).isEqualTo(2);
    assertThat(report.failedTasksByErrorCode()).containsExactly(java.util.Map.entry("AccessDenied", 2L));
    assertThat(report.failedExamples())
        .extracting(t -> t.key() + " " + t.httpStatus() + " " + t.bucket())
        .containsExactlyInAnyOrder("static/denied one.js 403 " + blue, "static/denied-two.css 403 " + blue);
    assertThat(statuses.status(blue, "static/denied one.js")).isEqualTo(ReplicationStatus.FAILED);
    assertThat(exists(green, "static/denied one.js")).isFalse();

    faults.clearFailingKeys();
    BackfillStarted redrive = step.redrive(plan, TestPlans.EXECUTION_ID, "RedriveBackfill", 1);
    BackfillProgress redone = finish(step, plan, redrive.jobId());

    assertThat(redone.totalTasks()).as("FAILED objects only").isEqualTo(2);
    assertThat(redone.outcome()).isEqualTo(JobOutcome.SUCCEEDED);
    assertSameAsVerifySeesIt(blue, green, "static/denied one.js");
    assertSameAsVerifySeesIt(blue, green, "static/denied-two.css");
  }

  @Test
  void throttled_calls_are_retried_and_persistent_throttling_fails_tasks_with_slow_down() throws Exception {
    String blue = bucket("bf-slow-blue");
    String green = bucket("bf-slow-green");
    Plan plan = plan(blue, green, "bf-slow-reports");
    for (int i = 0; i < 6; i++) {
      put(blue, "static/" + i + ".js", "x" + i);
    }
    faults.throttle(0.3);
    BackfillStep step = step(batch(25), plan);

    BackfillStarted started = step.start(plan, TestPlans.EXECUTION_ID, "StartBackfill", 1);
    BackfillProgress progress = finish(step, plan, started.jobId());

    assertThat(faults.throttledCalls()).as("some calls were throttled").isPositive();
    assertThat(progress.outcome()).as("retries absorb 30%% throttling").isEqualTo(JobOutcome.SUCCEEDED);
    assertThat(progress.succeededTasks()).isEqualTo(6);

    put(blue, "static/late.js", "late");
    batch.close();
    faults.throttle(0);
    // Every copy into green is throttled: the task cannot get through its two attempts.
    faults.throttle(green, 1);
    LocalBatchOperations twoAttempts = batch(2);
    String late = step(twoAttempts, plan).start(plan, TestPlans.EXECUTION_ID, "StartBackfill", 2).jobId();
    BackfillProgress throttled = finish(step(twoAttempts, plan), plan, late);
    BackfillReport report = step(twoAttempts, plan).report(plan, late);

    assertThat(throttled.failedTasks()).isEqualTo(1);
    assertThat(report.failedTasksByErrorCode()).containsOnlyKeys("SlowDown");
    assertThat(report.failedExamples().getFirst().httpStatus()).isEqualTo("503");
    assertThat(statuses.status(blue, "static/late.js")).as("given up after retries").isEqualTo(ReplicationStatus.FAILED);
  }
}
