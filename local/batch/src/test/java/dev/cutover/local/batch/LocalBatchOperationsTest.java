package dev.cutover.local.batch;

import static dev.cutover.local.batch.Fixtures.bucket;
import static dev.cutover.local.batch.Fixtures.put;
import static dev.cutover.local.batch.Fixtures.putRich;
import static dev.cutover.local.batch.Fixtures.s3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.batch.CompletionReport;
import dev.cutover.batch.ManifestCsv;
import dev.cutover.json.Json;
import dev.cutover.testing.EmbeddedS3;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3control.model.BadRequestException;
import software.amazon.awssdk.services.s3control.model.CreateJobRequest;
import software.amazon.awssdk.services.s3control.model.JobManifestFieldName;
import software.amazon.awssdk.services.s3control.model.JobManifestFormat;
import software.amazon.awssdk.services.s3control.model.JobOperation;
import software.amazon.awssdk.services.s3control.model.JobReportScope;
import software.amazon.awssdk.services.s3control.model.S3Tag;

/** The executor itself, over CSV manifests: operations, report rows, job states, bounds. */
@ExtendWith(EmbeddedS3.class)
class LocalBatchOperationsTest {

  static final String ACCOUNT = "111122223333";
  static final String REPORTS = "lbo-reports";

  LocalBatchOperations batch;

  @AfterEach
  void close() {
    if (batch != null) {
      batch.close();
    }
  }

  LocalBatchOperations batch(Consumer<LocalBatchOperations.Builder> settings) {
    LocalBatchOperations.Builder builder = LocalBatchOperations.builder(s3()).retryBackoff(Duration.ZERO).concurrency(4);
    settings.accept(builder);
    batch = builder.build();
    return batch;
  }

  /** Writes a CSV manifest listing {@code keys} of {@code bucket}; returns its ARN and ETag. */
  static String[] manifest(String name, String bucket, List<String> keys) {
    EmbeddedS3.bucket(REPORTS);
    StringBuilder csv = new StringBuilder();
    keys.forEach(k -> csv.append(ManifestCsv.row(bucket, k)));
    String key = "manifests/" + name + ".csv";
    String eTag = s3().putObject(r -> r.bucket(REPORTS).key(key), RequestBody.fromString(csv.toString(), StandardCharsets.UTF_8)).eTag();
    return new String[] {"arn:aws:s3:::" + REPORTS + "/" + key, eTag.replace("\"", "")};
  }

  static CreateJobRequest job(String token, String[] manifest, JobOperation operation, JobReportScope scope, String prefix) {
    return CreateJobRequest.builder()
        .accountId(ACCOUNT)
        .clientRequestToken(token)
        .confirmationRequired(false)
        .priority(10)
        .roleArn("arn:aws:iam::111122223333:role/batch")
        .operation(operation)
        .manifest(m -> m.spec(s -> s.format(JobManifestFormat.S3_BATCH_OPERATIONS_CSV_20180820).fields(JobManifestFieldName.BUCKET, JobManifestFieldName.KEY))
            .location(l -> l.objectArn(manifest[0]).eTag(manifest[1])))
        .report(r -> r.enabled(true).bucket("arn:aws:s3:::" + REPORTS).prefix(prefix).format("Report_CSV_20180820").reportScope(scope))
        .build();
  }

  /** Every row of the job's report, read the way the project's own reader reads it. */
  static List<CompletionReport.Task> report(String prefix, String jobId) throws Exception {
    String folder = prefix + "/job-" + jobId + "/";
    List<CompletionReport.Task> rows = new ArrayList<>();
    List<CompletionReport.ResultFile> files;
    try (InputStream manifest = s3().getObject(r -> r.bucket(REPORTS).key(folder + "manifest.json"))) {
      files = CompletionReport.resultFiles(manifest, folder);
    }
    for (CompletionReport.ResultFile file : files) {
      assertThat(file.key()).startsWith(folder + "results/");
      try (InputStream csv = s3().getObject(r -> r.bucket(file.bucket()).key(file.key()))) {
        CompletionReport.readTasks(csv, file, file.key(), rows::add);
      }
      assertThat(file.succeeded()).isEqualTo(rows.getLast().succeeded());
    }
    return rows;
  }

  static Map<String, CompletionReport.Task> byKey(List<CompletionReport.Task> rows) {
    Map<String, CompletionReport.Task> map = new HashMap<>();
    rows.forEach(t -> map.put(t.key(), t));
    return map;
  }

  JobProgress run(CreateJobRequest request) throws InterruptedException {
    String id = batch.createJob(request);
    JobProgress done = batch.awaitFinished(id, Duration.ofSeconds(20));
    assertThat(done.finished()).as("job ended").isTrue();
    return done;
  }

  @Test
  void compute_checksum_reports_each_object_checksum_as_the_verify_comparison_reads_it() throws Exception {
    String blue = bucket("lbo-sum-blue");
    putRich(blue, "static/app.js", "console.log('checksummed')");
    put(blue, "static/hero banner.png", "png bytes");
    String[] manifest = manifest("sum", blue, List.of("static/app.js", "static/hero banner.png", "static/gone.js"));
    batch(b -> {});

    String crc64Job = batch.createJob(job("t-crc64", manifest,
        JobOperation.builder().s3ComputeObjectChecksum(c -> c.checksumAlgorithm("CRC64NVME").checksumType("FULL_OBJECT")).build(),
        JobReportScope.ALL_TASKS, "sum"));
    String crc32Job = batch.createJob(job("t-crc32", manifest,
        JobOperation.builder().s3ComputeObjectChecksum(c -> c.checksumAlgorithm("CRC32").checksumType("FULL_OBJECT")).build(),
        JobReportScope.ALL_TASKS, "sum"));
    batch.awaitFinished(crc64Job, Duration.ofSeconds(20));
    batch.awaitFinished(crc32Job, Duration.ofSeconds(20));

    Map<String, CompletionReport.Task> crc64 = byKey(report("sum", crc64Job));
    Map<String, CompletionReport.Task> crc32 = byKey(report("sum", crc32Job));
    JsonNode app = Json.mapper().readTree(crc64.get("static/app.js").resultMessage());
    Crc64Nvme expected = new Crc64Nvme();
    byte[] content = "console.log('checksummed')".getBytes(StandardCharsets.UTF_8);
    expected.update(content, 0, content.length);
    assertThat(app.path("checksum_base64").asText()).isEqualTo(Base64.getEncoder().encodeToString(expected.bytes()));
    assertThat(app.path("checksum_hex").asText()).isEqualToIgnoringCase(java.util.HexFormat.of().formatHex(expected.bytes()));
    assertThat(app.path("checksumAlgorithm").asText()).isEqualTo("CRC64NVME");
    assertThat(app.path("checksumType").asText()).isEqualTo("FULL_OBJECT");

    String stored = s3().headObject(r -> r.bucket(blue).key("static/app.js").checksumMode(ChecksumMode.ENABLED)).checksumCRC32();
    assertThat(Json.mapper().readTree(crc32.get("static/app.js").resultMessage()).path("checksum_base64").asText())
        .as("the CRC32 S3 stored at upload, computed again by reading the object")
        .isEqualTo(stored);

    CompletionReport.Task gone = crc64.get("static/gone.js");
    assertThat(gone.failed()).isTrue();
    assertThat(gone.httpStatus()).isEqualTo("404");
    assertThat(gone.errorCode()).isEqualTo("NoSuchKey");
    assertThat(batch.describeJob(crc64Job).progressSummary().numberOfTasksFailed()).isEqualTo(1);
    assertThat(batch.describeJob(crc64Job).statusAsString()).as("failed tasks do not fail the job").isEqualTo("Complete");
  }

  @Test
  void tagging_and_copy_operations_change_the_objects_and_failed_tasks_only_reports_failures() throws Exception {
    String blue = bucket("lbo-ops-blue");
    String copies = bucket("lbo-ops-copies");
    put(blue, "static/a.js", "a");
    putRich(blue, "static/b.js", "b");
    String[] manifest = manifest("ops", blue, List.of("static/a.js", "static/b.js", "static/missing.js"));
    batch(b -> {});

    run(job("t-tag", manifest,
        JobOperation.builder().s3PutObjectTagging(t -> t.tagSet(S3Tag.builder().key("migrated").value("yes").build())).build(),
        JobReportScope.FAILED_TASKS_ONLY, "ops"));
    JobProgress copied = run(job("t-copy", manifest,
        JobOperation.builder().s3PutObjectCopy(c -> c.targetResource("arn:aws:s3:::" + copies).targetKeyPrefix("copied/")).build(),
        JobReportScope.FAILED_TASKS_ONLY, "ops"));

    assertThat(s3().getObjectTagging(r -> r.bucket(blue).key("static/a.js")).tagSet())
        .extracting(t -> t.key() + "=" + t.value()).containsExactly("migrated=yes");
    assertThat(Fixtures.body(copies, "copied/static/b.js")).isEqualTo("b");
    assertThat(s3().headObject(r -> r.bucket(copies).key("copied/static/b.js")).cacheControl())
        .isEqualTo("public, max-age=31536000, immutable");
    assertThat(copied.succeededTasks()).isEqualTo(2);
    String copyJob = batch.listJobs().stream().filter(j -> j.operationAsString().equals("S3PutObjectCopy")).findFirst().orElseThrow().jobId();
    assertThat(report("ops", copyJob))
        .extracting(t -> t.key() + " " + t.status() + " " + t.errorCode())
        .containsExactly("static/missing.js failed NoSuchKey");
  }

  @Test
  void lambda_invoke_sends_schema_2_events_and_maps_each_result_code_to_the_report() throws Exception {
    String blue = bucket("lbo-lambda-blue");
    List<String> keys = List.of("static/ok.js", "static/perm.js", "static/temp.js", "static/throws.js", "static/flaky.js", "static/c++/x y.js");
    keys.forEach(k -> put(blue, k, k));
    String[] manifest = manifest("lambda", blue, keys);
    List<JsonNode> events = new CopyOnWriteArrayList<>();
    AtomicInteger flaky = new AtomicInteger();
    LambdaFunction function = event -> {
      JsonNode request = Json.mapper().readTree(event);
      events.add(request);
      JsonNode task = request.path("tasks").get(0);
      String key = CompletionReport.decodeKey(task.path("s3Key").asText());
      String code = switch (key) {
        case "static/perm.js" -> "PermanentFailure";
        case "static/temp.js" -> "TemporaryFailure";
        case "static/flaky.js" -> flaky.incrementAndGet() < 3 ? "TemporaryFailure" : "Succeeded";
        case "static/throws.js" -> throw new IllegalStateException("boom");
        default -> "Succeeded";
      };
      return Json.mapper().writeValueAsString(Map.of(
          "invocationSchemaVersion", "2.0", "treatMissingKeysAs", "PermanentFailure",
          "invocationId", request.path("invocationId").asText(),
          "results", List.of(Map.of("taskId", task.path("taskId").asText(), "resultCode", code, "resultString", "checked " + key))));
    };
    batch(b -> b.function("arn:aws:lambda:us-east-1:111122223333:function:verify-batch", function).maxTaskAttempts(3));

    JobProgress done = run(job("t-lambda", manifest,
        JobOperation.builder().lambdaInvoke(l -> l.functionArn("arn:aws:lambda:us-east-1:111122223333:function:verify-batch")
            .invocationSchemaVersion("2.0").userArguments(Map.of("sampleRate", "1"))).build(),
        JobReportScope.ALL_TASKS, "lambda"));

    String jobId = batch.listJobs().getFirst().jobId();
    Map<String, CompletionReport.Task> rows = byKey(report("lambda", jobId));
    assertThat(rows.get("static/ok.js").succeeded()).isTrue();
    assertThat(rows.get("static/ok.js").resultMessage()).isEqualTo("checked static/ok.js");
    assertThat(rows.get("static/c++/x y.js").succeeded()).isTrue();
    assertThat(rows.get("static/flaky.js").succeeded()).as("temporary failures are retried").isTrue();
    assertThat(rows.get("static/perm.js").errorCode()).isEqualTo("PermanentFailure");
    assertThat(rows.get("static/perm.js").httpStatus()).isEqualTo("200");
    assertThat(rows.get("static/temp.js").errorCode()).as("still temporary after every attempt").isEqualTo("TemporaryFailure");
    assertThat(rows.get("static/throws.js").resultMessage()).startsWith("Lambda returned function error").contains("boom");
    assertThat(done.succeededTasks()).isEqualTo(3);
    assertThat(done.failedTasks()).isEqualTo(3);

    JsonNode first = events.getFirst();
    assertThat(first.path("invocationSchemaVersion").asText()).isEqualTo("2.0");
    assertThat(first.at("/job/id").asText()).isEqualTo(jobId);
    assertThat(first.at("/job/userArguments/sampleRate").asText()).isEqualTo("1");
    assertThat(first.at("/tasks/0/s3Bucket").asText()).isEqualTo(blue);
    assertThat(events).extracting(e -> e.at("/tasks/0/s3Key").asText()).contains("static/c%2B%2B/x%20y.js");
    assertThat(events.stream().filter(e -> e.at("/tasks/0/s3Key").asText().equals("static/temp.js"))).hasSize(3);
  }

  @Test
  void the_same_token_with_the_same_request_is_one_job_and_with_another_is_an_idempotency_error() {
    String blue = bucket("lbo-token-blue");
    put(blue, "static/a.js", "a");
    String[] manifest = manifest("token", blue, List.of("static/a.js"));
    batch(b -> {});
    JobOperation tagging = JobOperation.builder().s3PutObjectTagging(t -> t.tagSet(List.of())).build();

    String first = batch.createJob(job("same", manifest, tagging, JobReportScope.ALL_TASKS, "token"));
    String again = batch.createJob(job("same", manifest, tagging, JobReportScope.ALL_TASKS, "token"));

    assertThat(again).isEqualTo(first);
    assertThatThrownBy(() -> batch.createJob(job("same", manifest, tagging, JobReportScope.FAILED_TASKS_ONLY, "token")))
        .isInstanceOf(software.amazon.awssdk.services.s3control.model.IdempotencyException.class)
        .satisfies(e -> assertThat(((software.amazon.awssdk.awscore.exception.AwsServiceException) e).statusCode()).isEqualTo(409));
    assertThatThrownBy(() -> batch.createJob(job("other", manifest,
            JobOperation.builder().s3ComputeObjectChecksum(c -> c.checksumAlgorithm("CRC64NVME").checksumType("COMPOSITE")).build(),
            JobReportScope.ALL_TASKS, "token")))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("FULL_OBJECT");
  }

  @Test
  void a_manifest_changed_since_the_job_was_created_fails_the_job_before_any_task() throws Exception {
    String blue = bucket("lbo-etag-blue");
    put(blue, "static/a.js", "a");
    String[] manifest = manifest("etag", blue, List.of("static/a.js"));
    batch(b -> {});

    JobProgress done = run(job("t-etag", new String[] {manifest[0], "0123456789abcdef0123456789abcdef"},
        JobOperation.builder().s3PutObjectTagging(t -> t.tagSet(List.of())).build(), JobReportScope.ALL_TASKS, "etag"));

    assertThat(done.status()).isEqualTo("Failed");
    assertThat(done.totalTasks()).isZero();
    var descriptor = batch.describeJob(done.jobId());
    assertThat(descriptor.failureReasons()).extracting(f -> f.failureCode()).containsExactly("ManifestETagMismatch");
    assertThat(descriptor.terminationDate()).isNotNull();
    assertThat(s3().listObjectsV2(r -> r.bucket(REPORTS).prefix("etag/job-" + done.jobId())).contents())
        .as("no report when no task ran").isEmpty();
  }

  @Test
  void a_job_awaiting_confirmation_is_suspended_until_ready_and_can_be_cancelled() throws Exception {
    String blue = bucket("lbo-confirm-blue");
    put(blue, "static/a.js", "a");
    String[] manifest = manifest("confirm", blue, List.of("static/a.js"));
    batch(b -> {});
    JobOperation tagging = JobOperation.builder().s3PutObjectTagging(t -> t.tagSet(S3Tag.builder().key("k").value("v").build())).build();

    String confirmed = batch.createJob(job("c1", manifest, tagging, JobReportScope.ALL_TASKS, "confirm").toBuilder().confirmationRequired(true).build());
    String cancelled = batch.createJob(job("c2", manifest, tagging, JobReportScope.ALL_TASKS, "confirm").toBuilder().confirmationRequired(true).build());
    Await.until("both jobs suspended", () -> batch.progress(confirmed).status().equals("Suspended") && batch.progress(cancelled).status().equals("Suspended"));
    LocalS3Control control = new LocalS3Control(batch);
    control.updateJobStatus(r -> r.accountId(ACCOUNT).jobId(confirmed).requestedJobStatus("Ready"));
    control.updateJobStatus(r -> r.accountId(ACCOUNT).jobId(cancelled).requestedJobStatus("Cancelled"));

    assertThat(batch.awaitFinished(confirmed, Duration.ofSeconds(10)).status()).isEqualTo("Complete");
    assertThat(batch.awaitFinished(cancelled, Duration.ofSeconds(10)).status()).isEqualTo("Cancelled");
    assertThat(batch.progress(cancelled).succeededTasks()).isZero();
    assertThatThrownBy(() -> control.updateJobStatus(r -> r.accountId(ACCOUNT).jobId(cancelled).requestedJobStatus("Ready")))
        .isInstanceOf(software.amazon.awssdk.services.s3control.model.JobStatusException.class);
    assertThat(control.listJobs(r -> r.accountId(ACCOUNT).jobStatusesWithStrings("Cancelled")).jobs())
        .extracting(j -> j.jobId()).containsExactly(cancelled);
  }

  @Test
  void a_job_whose_tasks_mostly_fail_fails_once_enough_ran_and_progress_is_observable() throws Exception {
    String blue = bucket("lbo-threshold-blue");
    List<String> keys = List.of("static/1.js", "static/2.js", "static/3.js", "static/4.js");
    String[] manifest = manifest("threshold", blue, keys);
    List<JobProgress> seen = new CopyOnWriteArrayList<>();
    batch(b -> b.failureThresholdMinTasks(2).concurrency(1));
    batch.onProgress(seen::add);

    JobProgress done = run(job("t-threshold", manifest,
        JobOperation.builder().s3PutObjectTagging(t -> t.tagSet(List.of())).build(), JobReportScope.ALL_TASKS, "threshold"));

    assertThat(done.status()).isEqualTo("Failed");
    assertThat(done.failedTasks()).as("stops starting tasks once over the threshold").isLessThan(4);
    assertThat(batch.describeJob(done.jobId()).failureReasons()).extracting(f -> f.failureCode()).containsExactly("TaskFailureThresholdExceeded");
    assertThat(seen).extracting(JobProgress::status).containsSubsequence("Preparing", "Active", "Failing", "Failed");
    assertThat(seen).filteredOn(p -> p.status().equals("Active")).extracting(JobProgress::failedTasks).contains(1L, 2L);
    assertThat(report("threshold", done.jobId())).as("the tasks that ran are reported").hasSize((int) done.failedTasks());
  }

  @Test
  void tasks_run_concurrently_but_never_more_than_the_bound() throws Exception {
    String blue = bucket("lbo-bound-blue");
    List<String> keys = List.of("static/1.js", "static/2.js", "static/3.js", "static/4.js", "static/5.js", "static/6.js");
    String[] manifest = manifest("bound", blue, keys);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CyclicBarrier pairs = new CyclicBarrier(2);
    LambdaFunction function = event -> {
      most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        pairs.await(10, TimeUnit.SECONDS); // proves two run at once: a lone task would wait here
        JsonNode task = Json.mapper().readTree(event).path("tasks").get(0);
        return "{\"invocationSchemaVersion\":\"2.0\",\"treatMissingKeysAs\":\"PermanentFailure\",\"invocationId\":\"x\","
            + "\"results\":[{\"taskId\":\"" + task.path("taskId").asText() + "\",\"resultCode\":\"Succeeded\",\"resultString\":\"ok\"}]}";
      } finally {
        inFlight.decrementAndGet();
      }
    };
    batch(b -> b.concurrency(2).function("arn:aws:lambda:us-east-1:111122223333:function:f", function));

    JobProgress done = run(job("t-bound", manifest,
        JobOperation.builder().lambdaInvoke(l -> l.functionArn("arn:aws:lambda:us-east-1:111122223333:function:f").invocationSchemaVersion("2.0")).build(),
        JobReportScope.FAILED_TASKS_ONLY, "bound"));

    assertThat(done.succeededTasks()).isEqualTo(6);
    assertThat(most.get()).isEqualTo(2);
    assertThat(report("bound", done.jobId())).as("FailedTasksOnly and nothing failed").isEmpty();
  }
}
