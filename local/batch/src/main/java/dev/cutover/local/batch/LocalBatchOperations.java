package dev.cutover.local.batch;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3control.model.CreateJobRequest;
import software.amazon.awssdk.services.s3control.model.IdempotencyException;
import software.amazon.awssdk.services.s3control.model.JobDescriptor;
import software.amazon.awssdk.services.s3control.model.JobFailure;
import software.amazon.awssdk.services.s3control.model.JobListDescriptor;
import software.amazon.awssdk.services.s3control.model.JobManifestFormat;
import software.amazon.awssdk.services.s3control.model.JobProgressSummary;
import software.amazon.awssdk.services.s3control.model.JobReport;
import software.amazon.awssdk.services.s3control.model.JobStatusException;
import software.amazon.awssdk.services.s3control.model.JobTimers;
import software.amazon.awssdk.services.s3control.model.NotFoundException;
import software.amazon.awssdk.services.s3control.model.S3GeneratedManifestDescriptor;
import software.amazon.awssdk.services.s3control.model.S3JobManifestGenerator;

/**
 * S3 Batch Operations on one laptop, over any S3 server: a job store and executor speaking S3
 * Control's own model ({@link CreateJobRequest} in, {@link JobDescriptor} out), so the project's
 * S3 Control adapters run on it unchanged through {@link LocalS3Control}.
 *
 * <p>A job is idempotent on its {@code ClientRequestToken}: the same token with the same request
 * returns the same job; with another request, S3 Control's {@link IdempotencyException}. It moves
 * through S3's states — {@code New}, ({@code Suspended} while awaiting confirmation), {@code
 * Preparing} (reading or generating the manifest), {@code Active}, then {@code Complete}, or
 * {@code Failing}/{@code Failed} (the manifest could not be read, the report could not be written,
 * or more than half the tasks failed once enough ran), or {@code Cancelling}/{@code Cancelled}.
 * Tasks run with bounded concurrency on a pool shared by every job; a task that fails temporarily
 * (throttling, 5xx, a Lambda {@code TemporaryFailure}) is retried before it counts as failed.
 * When the job ends, the completion report is written where the job asks, as S3 writes it (see
 * {@link CompletionReportWriter}), if at least one task ran.
 *
 * <p>Operations: {@code S3ReplicateObject} (by the source bucket's replication configuration),
 * {@code S3PutObjectCopy}, {@code S3PutObjectTagging}, {@code S3ComputeObjectChecksum} ({@code
 * FULL_OBJECT}, computed by reading the object) and {@code LambdaInvoke} (an in-process {@link
 * LambdaFunction}). What this stand-in does not check: IAM (the role is recorded, never assumed),
 * the expected bucket owners, and object sizes above one CopyObject (5 GB).
 */
public final class LocalBatchOperations implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalBatchOperations.class);

  private final S3Client s3;
  private final Faults faults;
  private final Operations operations;
  private final Manifests manifests;
  private final Executor jobExecutor;
  private final Executor taskExecutor;
  private final List<ExecutorService> owned = new ArrayList<>();
  private final int maxTaskAttempts;
  private final Duration retryBackoff;
  private final long failureThresholdMinTasks;
  private final Clock clock;
  private final String region;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final List<Consumer<JobProgress>> listeners = new CopyOnWriteArrayList<>();

  private LocalBatchOperations(Builder b) {
    this.s3 = Objects.requireNonNull(b.s3, "s3");
    this.faults = b.faults;
    this.operations = new Operations(s3, faults, b.configs, b.statuses, b.functions::get);
    this.manifests = new Manifests(s3, b.configs, b.statuses, this::retrying);
    this.maxTaskAttempts = b.maxTaskAttempts;
    this.retryBackoff = b.retryBackoff;
    this.failureThresholdMinTasks = b.failureThresholdMinTasks;
    this.clock = b.clock;
    this.region = b.region;
    if (b.taskExecutor != null) {
      this.taskExecutor = b.taskExecutor;
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(b.concurrency, Thread.ofPlatform().daemon().name("local-batch-task-", 0).factory());
      owned.add(pool);
      this.taskExecutor = pool;
    }
    if (b.jobExecutor != null) {
      this.jobExecutor = b.jobExecutor;
    } else {
      ExecutorService pool = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().name("local-batch-job-", 0).factory());
      owned.add(pool);
      this.jobExecutor = pool;
    }
  }

  /** A builder over {@code s3}, the client every S3 call of every job goes through. */
  public static Builder builder(S3Client s3) {
    return new Builder(s3);
  }

  /**
   * {@code CreateJob}: checks the request, stores the job and starts it.
   *
   * @return the job id; the existing job's for a token seen before with the same request
   * @throws IdempotencyException the token was used for another request
   * @throws software.amazon.awssdk.services.s3control.model.BadRequestException the request is
   *     not a job this stand-in can run
   */
  public String createJob(CreateJobRequest request) {
    String token = request.clientRequestToken();
    if (token == null || token.isEmpty()) {
      throw Operations.badRequest("ClientRequestToken is required");
    }
    CreateJobRequest spec = request.toBuilder().clientRequestToken(null).build();
    Job created;
    synchronized (tokens) {
      String existing = tokens.get(token);
      if (existing != null) {
        Job job = jobs.get(existing);
        if (job.spec.equals(spec)) {
          return existing;
        }
        throw (IdempotencyException)
            IdempotencyException.builder()
                .statusCode(409)
                .message("Idempotency token " + token + " was used for a different request")
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("IdempotencyException")
                        .errorMessage("The ClientRequestToken " + token + " was used for a different CreateJob request (job " + existing + ")")
                        .serviceName("S3Control")
                        .build())
                .build();
      }
      validate(request);
      String id = UUID.randomUUID().toString();
      created = new Job(id, request, spec, operations.of(request.operation(), id), clock.instant());
      jobs.put(id, created);
      tokens.put(token, id);
    }
    LOG.info("Batch job {} created: {}", created.id, request.description());
    jobExecutor.execute(() -> run(created));
    return created.id;
  }

  /**
   * {@code DescribeJob}.
   *
   * @throws NotFoundException there is no such job
   */
  public JobDescriptor describeJob(String jobId) {
    return job(jobId).descriptor();
  }

  /**
   * {@code DescribeJob} as an account: a job belongs to the account that created it, and another
   * account is told there is no such job, as S3 Control does.
   *
   * @throws NotFoundException there is no such job in {@code accountId}
   */
  public JobDescriptor describeJob(String accountId, String jobId) {
    Job job = job(jobId);
    if (accountId != null && !accountId.equals(job.request.accountId())) {
      return job(null).descriptor();
    }
    return job.descriptor();
  }

  /** {@code ListJobs}: every job, newest first. */
  public List<JobListDescriptor> listJobs() {
    return jobs.values().stream()
        .sorted(Comparator.comparing((Job j) -> j.created).reversed())
        .map(Job::listDescriptor)
        .toList();
  }

  /**
   * {@code UpdateJobStatus}: {@code Ready} confirms a job awaiting confirmation, {@code Cancelled}
   * cancels a job that has not ended (tasks already running finish; no new ones start).
   *
   * @return the job's status after the request
   * @throws JobStatusException the job cannot move to that status
   */
  public String updateJobStatus(String jobId, String requested) {
    Job job = job(jobId);
    synchronized (job) {
      if (job.progress().finished()) {
        throw jobStatus("job " + jobId + " is " + job.status + " and can no longer change");
      }
      switch (requested) {
        case "Ready" -> {
          if (!job.status.equals("Suspended")) {
            throw jobStatus("job " + jobId + " is " + job.status + ", not Suspended");
          }
          job.confirmed.countDown();
        }
        case "Cancelled" -> {
          job.cancelRequested = true;
          job.setStatus(this, "Cancelling", "CancelRequested");
          job.confirmed.countDown();
        }
        default -> throw Operations.badRequest("RequestedJobStatus is Ready or Cancelled, not " + requested);
      }
      return job.status;
    }
  }

  /** {@code UpdateJobPriority}. */
  public void updateJobPriority(String jobId, int priority) {
    job(jobId).priority = priority;
  }

  /** The job's status and task counts. */
  public JobProgress progress(String jobId) {
    return job(jobId).progress();
  }

  /** Calls {@code listener} on every status change and after every task of every job. */
  public void onProgress(Consumer<JobProgress> listener) {
    listeners.add(listener);
  }

  /**
   * Waits until the job has ended or {@code timeout} passes.
   *
   * @return the job's progress when the wait ended
   */
  public JobProgress awaitFinished(String jobId, Duration timeout) throws InterruptedException {
    Job job = job(jobId);
    job.done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return job.progress();
  }

  /** The faults every S3 call of every job goes through. */
  public Faults faults() {
    return faults;
  }

  /** Stops the pools this instance made; running tasks are interrupted. */
  @Override
  public void close() {
    owned.forEach(ExecutorService::shutdownNow);
  }

  // ------------------------------------------------------------------ running a job

  private void run(Job job) {
    try {
      if (Boolean.TRUE.equals(job.request.confirmationRequired())) {
        job.setStatus(this, "Suspended", "AwaitingConfirmation");
        job.confirmed.await();
      }
      if (job.cancelRequested) {
        job.end(this, "Cancelled", "JobCancelled");
        return;
      }
      job.setStatus(this, "Preparing", null);
      Manifests.Tasks tasks;
      try {
        tasks = job.request.manifestGenerator() != null
            ? manifests.generate(job.request.manifestGenerator().s3JobManifestGenerator(), job.id, job.request.accountId(), clock.instant())
            : manifests.fromCsv(job.request.manifest());
      } catch (Manifests.JobFailedException e) {
        job.failureReasons.add(JobFailure.builder().failureCode(e.code).failureReason(e.getMessage()).build());
        job.end(this, "Failed", "JobFailed");
        return;
      }
      job.generated = tasks.generated();
      job.total.set(tasks.tasks().size());
      job.setStatus(this, "Active", "JobStarted");
      JobReport report = job.request.report();
      boolean reporting = report != null && Boolean.TRUE.equals(report.enabled());
      boolean allTasks = reporting && "AllTasks".equals(report.reportScopeAsString());
      try (CompletionReportWriter writer = new CompletionReportWriter(job.id, allTasks)) {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (BatchTask task : tasks.tasks()) {
          running.add(CompletableFuture.runAsync(() -> runTask(job, task, writer), taskExecutor));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        String end;
        if (job.cancelRequested) {
          end = "Cancelled";
        } else if (job.thresholdExceeded) {
          job.setStatus(this, "Failing", "TaskFailureThresholdExceeded");
          job.failureReasons.add(JobFailure.builder()
              .failureCode("TaskFailureThresholdExceeded")
              .failureReason("More than 50% of the " + (job.succeeded.get() + job.failed.get()) + " tasks attempted failed")
              .build());
          end = "Failed";
        } else {
          job.setStatus(this, "Completing", null);
          end = "Complete";
        }
        if (reporting && job.succeeded.get() + job.failed.get() > 0) {
          String bucket = Operations.bucketOf(report.bucket());
          try {
            writer.write(bucket, report.prefix(), clock.instant(), (key, bytes) -> retrying(bucket, key, () -> s3.putObject(
                r -> r.bucket(bucket).key(key).contentType(key.endsWith(".json") ? "application/json" : "text/csv")
                    .serverSideEncryption(ServerSideEncryption.AES256),
                RequestBody.fromBytes(bytes))));
          } catch (IOException | RuntimeException e) {
            S3Failure failure = e instanceof RuntimeException r ? S3Failure.of(r) : new S3Failure(500, "InternalError", e.toString(), true);
            job.failureReasons.add(JobFailure.builder()
                .failureCode("ReportWriteFailed")
                .failureReason("Writing the completion report to " + report.bucket() + " failed: " + failure.errorCode() + " " + failure.message())
                .build());
            end = "Failed";
          }
        }
        job.end(this, end, end.equals("Complete") ? "JobComplete" : end.equals("Cancelled") ? "JobCancelled" : "JobFailed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      job.end(this, "Failed", "JobFailed");
    } catch (IOException | RuntimeException e) {
      LOG.warn("Batch job {} failed: {}", job.id, e.toString());
      job.failureReasons.add(JobFailure.builder().failureCode("InternalError").failureReason(e.toString()).build());
      job.end(this, "Failed", "JobFailed");
    }
  }

  private void runTask(Job job, BatchTask task, CompletionReportWriter writer) {
    if (job.cancelRequested || job.thresholdExceeded) {
      return;
    }
    BatchTask.Result result = null;
    for (int attempt = 1; attempt <= maxTaskAttempts; attempt++) {
      boolean last = attempt == maxTaskAttempts;
      try {
        result = job.operation.run(task, last);
      } catch (RuntimeException e) {
        result = BatchTask.Result.failure(S3Failure.of(e));
      }
      if (result.succeeded() || !result.temporary() || last) {
        break;
      }
      backoff(attempt);
    }
    writer.add(task, result);
    if (result.succeeded()) {
      job.succeeded.incrementAndGet();
    } else {
      job.failed.incrementAndGet();
      long attempted = job.succeeded.get() + job.failed.get();
      if (attempted >= failureThresholdMinTasks && job.failed.get() * 2 > attempted) {
        job.thresholdExceeded = true;
      }
    }
    notifyListeners(job.progress());
  }

  /** Runs an S3 call of the job itself (manifest, listing, report) with the task retries. */
  private <T> T retrying(String bucket, String key, Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        faults.check(bucket, key);
        return call.get();
      } catch (RuntimeException e) {
        if (attempt >= maxTaskAttempts || !S3Failure.of(e).temporary()) {
          throw e;
        }
        backoff(attempt);
      }
    }
  }

  private void backoff(int attempt) {
    long millis = retryBackoff.toMillis() * attempt;
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void notifyListeners(JobProgress progress) {
    for (Consumer<JobProgress> listener : listeners) {
      try {
        listener.accept(progress);
      } catch (RuntimeException e) {
        LOG.warn("A progress listener failed: {}", e.toString());
      }
    }
  }

  private void validate(CreateJobRequest request) {
    if (request.operation() == null) {
      throw Operations.badRequest("Operation is required");
    }
    if ((request.manifest() == null) == (request.manifestGenerator() == null)) {
      throw Operations.badRequest("give either Manifest or ManifestGenerator");
    }
    if (request.manifest() != null) {
      var spec = request.manifest().spec();
      if (spec == null || spec.format() != JobManifestFormat.S3_BATCH_OPERATIONS_CSV_20180820) {
        throw Operations.badRequest("the local Batch Operations reads S3BatchOperations_CSV_20180820 manifests only");
      }
      if (!spec.fieldsAsStrings().contains("Bucket") || !spec.fieldsAsStrings().contains("Key")) {
        throw Operations.badRequest("a CSV manifest's Fields must include Bucket and Key");
      }
      if (request.manifest().location() == null || request.manifest().location().objectArn() == null) {
        throw Operations.badRequest("Manifest.Location.ObjectArn is required");
      }
    } else {
      S3JobManifestGenerator generator = request.manifestGenerator().s3JobManifestGenerator();
      if (generator == null || generator.sourceBucket() == null) {
        throw Operations.badRequest("ManifestGenerator.S3JobManifestGenerator.SourceBucket is required");
      }
    }
    if (request.report() == null) {
      throw Operations.badRequest("Report is required (Enabled false for none)");
    }
    if (Boolean.TRUE.equals(request.report().enabled()) && request.report().bucket() == null) {
      throw Operations.badRequest("Report.Bucket is required when the report is enabled");
    }
    if (request.roleArn() == null) {
      throw Operations.badRequest("RoleArn is required");
    }
  }

  private Job job(String jobId) {
    Job job = jobId == null ? null : jobs.get(jobId);
    if (job == null) {
      throw (NotFoundException)
          NotFoundException.builder()
              .statusCode(404)
              .message("The specified job does not exist: " + jobId)
              .awsErrorDetails(AwsErrorDetails.builder().errorCode("NoSuchJob").errorMessage("The specified job does not exist").serviceName("S3Control").build())
              .build();
    }
    return job;
  }

  private static JobStatusException jobStatus(String message) {
    return (JobStatusException)
        JobStatusException.builder()
            .statusCode(400)
            .message(message)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidJobStatus").errorMessage(message).serviceName("S3Control").build())
            .build();
  }

  /** One job and where it stands. */
  private final class Job {
    final String id;
    final CreateJobRequest request;
    final CreateJobRequest spec;
    final Operations.Operation operation;
    final Instant created;
    final AtomicLong total = new AtomicLong();
    final AtomicLong succeeded = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final List<JobFailure> failureReasons = new CopyOnWriteArrayList<>();
    final CountDownLatch done = new CountDownLatch(1);
    final CountDownLatch confirmed = new CountDownLatch(1);
    volatile String status = "New";
    volatile String statusUpdateReason;
    volatile Instant activeSince;
    volatile Instant terminated;
    volatile S3GeneratedManifestDescriptor generated;
    volatile boolean cancelRequested;
    volatile boolean thresholdExceeded;
    volatile int priority;

    Job(String id, CreateJobRequest request, CreateJobRequest spec, Operations.Operation operation, Instant created) {
      this.id = id;
      this.request = request;
      this.spec = spec;
      this.operation = operation;
      this.created = created;
      this.priority = request.priority() == null ? 0 : request.priority();
    }

    synchronized void setStatus(LocalBatchOperations ops, String next, String reason) {
      if (progress().finished() || (status.equals("Cancelling") && !next.equals("Cancelled"))) {
        return;
      }
      status = next;
      statusUpdateReason = reason;
      if (next.equals("Active")) {
        activeSince = ops.clock.instant();
      }
      LOG.info("Batch job {} is {}", id, next);
      ops.notifyListeners(progress());
    }

    void end(LocalBatchOperations ops, String next, String reason) {
      synchronized (this) {
        if (!progress().finished()) {
          terminated = ops.clock.instant();
          status = next;
          statusUpdateReason = reason;
        }
      }
      LOG.info("Batch job {} is {}: {} of {} tasks succeeded, {} failed", id, next, succeeded.get(), total.get(), failed.get());
      ops.notifyListeners(progress());
      done.countDown();
    }

    JobProgress progress() {
      return new JobProgress(id, status, total.get(), succeeded.get(), failed.get());
    }

    JobDescriptor descriptor() {
      Instant end = terminated != null ? terminated : clock.instant();
      long activeSeconds = activeSince == null ? 0 : Math.max(0, Duration.between(activeSince, end).toSeconds());
      return JobDescriptor.builder()
          .jobId(id)
          .jobArn("arn:aws:s3:" + region + ":" + request.accountId() + ":job/" + id)
          .confirmationRequired(request.confirmationRequired())
          .description(request.description())
          .status(status)
          .statusUpdateReason(statusUpdateReason)
          .manifest(request.manifest())
          .manifestGenerator(request.manifestGenerator())
          .generatedManifestDescriptor(generated)
          .operation(request.operation())
          .priority(priority)
          .progressSummary(
              JobProgressSummary.builder()
                  .totalNumberOfTasks(total.get())
                  .numberOfTasksSucceeded(succeeded.get())
                  .numberOfTasksFailed(failed.get())
                  .timers(JobTimers.builder().elapsedTimeInActiveSeconds(activeSeconds).build())
                  .build())
          .failureReasons(List.copyOf(failureReasons))
          .report(request.report())
          .creationTime(created)
          .terminationDate(terminated)
          .roleArn(request.roleArn())
          .build();
    }

    JobListDescriptor listDescriptor() {
      return JobListDescriptor.builder()
          .jobId(id)
          .description(request.description())
          .operation(Operations.name(request.operation()))
          .priority(priority)
          .status(status)
          .creationTime(created)
          .terminationDate(terminated)
          .progressSummary(
              JobProgressSummary.builder()
                  .totalNumberOfTasks(total.get())
                  .numberOfTasksSucceeded(succeeded.get())
                  .numberOfTasksFailed(failed.get())
                  .build())
          .build();
    }
  }

  /** Settings of a {@link LocalBatchOperations}. */
  public static final class Builder {
    private final S3Client s3;
    private ReplicationConfigSource configs = new ReplicationConfigSource.InMemory();
    private ReplicationStatuses statuses = new ReplicationStatuses();
    private Faults faults = new Faults();
    private final Map<String, LambdaFunction> functions = new ConcurrentHashMap<>();
    private int concurrency = 8;
    private Executor taskExecutor;
    private Executor jobExecutor;
    private int maxTaskAttempts = 3;
    private Duration retryBackoff = Duration.ofMillis(100);
    private long failureThresholdMinTasks = 1000;
    private Clock clock = Clock.systemUTC();
    private String region = "us-east-1";

    private Builder(S3Client s3) {
      this.s3 = s3;
    }

    /** Where {@code S3ReplicateObject} and generated manifests read replication rules. */
    public Builder replicationConfigs(ReplicationConfigSource configs) {
      this.configs = configs;
      return this;
    }

    /** Replication statuses, shared with {@link LocalReplication}. */
    public Builder replicationStatuses(ReplicationStatuses statuses) {
      this.statuses = statuses;
      return this;
    }

    public Builder faults(Faults faults) {
      this.faults = faults;
      return this;
    }

    /** A function {@code LambdaInvoke} jobs can name by {@code functionArn}. */
    public Builder function(String functionArn, LambdaFunction function) {
      functions.put(functionArn, function);
      return this;
    }

    /** How many tasks run at once, over every job (default 8). */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1) {
        throw new IllegalArgumentException("concurrency must be at least 1");
      }
      this.concurrency = concurrency;
      return this;
    }

    /** Runs tasks on this executor instead of a pool of {@link #concurrency} threads. */
    public Builder taskExecutor(Executor executor) {
      this.taskExecutor = executor;
      return this;
    }

    /** Runs each job's coordinator on this executor instead of a thread of its own. */
    public Builder jobExecutor(Executor executor) {
      this.jobExecutor = executor;
      return this;
    }

    /** Attempts per task before a temporary failure counts as failed (default 3). */
    public Builder maxTaskAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1");
      }
      this.maxTaskAttempts = attempts;
      return this;
    }

    /** Wait before retry n: n times this (default 100 ms). */
    public Builder retryBackoff(Duration backoff) {
      this.retryBackoff = backoff;
      return this;
    }

    /** A job fails once more than half of at least this many attempted tasks failed (S3: 1 000). */
    public Builder failureThresholdMinTasks(long tasks) {
      this.failureThresholdMinTasks = tasks;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** The region job ARNs name (default us-east-1). */
    public Builder region(String region) {
      this.region = region;
      return this;
    }

    public LocalBatchOperations build() {
      return new LocalBatchOperations(this);
    }
  }
}
