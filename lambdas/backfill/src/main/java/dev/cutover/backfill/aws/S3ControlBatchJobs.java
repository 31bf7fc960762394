package dev.cutover.backfill.aws;

import dev.cutover.aws.AwsErrors;
import dev.cutover.backfill.port.BatchJob;
import dev.cutover.backfill.port.BatchJobs;
import dev.cutover.backfill.port.ReplicationJobSpec;
import dev.cutover.errors.PreconditionFailedException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.S3ControlClientBuilder;
import software.amazon.awssdk.services.s3control.model.CreateJobRequest;
import software.amazon.awssdk.services.s3control.model.GeneratedManifestFormat;
import software.amazon.awssdk.services.s3control.model.IdempotencyException;
import software.amazon.awssdk.services.s3control.model.JobDescriptor;
import software.amazon.awssdk.services.s3control.model.JobManifestGenerator;
import software.amazon.awssdk.services.s3control.model.JobManifestGeneratorFilter;
import software.amazon.awssdk.services.s3control.model.JobOperation;
import software.amazon.awssdk.services.s3control.model.JobProgressSummary;
import software.amazon.awssdk.services.s3control.model.JobReport;
import software.amazon.awssdk.services.s3control.model.JobReportFormat;
import software.amazon.awssdk.services.s3control.model.JobReportScope;
import software.amazon.awssdk.services.s3control.model.KeyNameConstraint;
import software.amazon.awssdk.services.s3control.model.ReplicationStatus;
import software.amazon.awssdk.services.s3control.model.S3JobManifestGenerator;
import software.amazon.awssdk.services.s3control.model.S3ManifestOutputLocation;
import software.amazon.awssdk.services.s3control.model.S3ReplicateObjectOperation;
import software.amazon.awssdk.services.s3control.endpoints.S3ControlEndpointProvider;

/**
 * {@link BatchJobs} on S3 Control ({@code CreateJob}, {@code DescribeJob}).
 *
 * <p>The completion report is {@code FailedTasksOnly}: the backfill only needs to know what
 * failed (the verify step proves separately that green equals blue), and a report of every task
 * would list every key of the bucket, millions of rows to write, store and read back for nothing.
 */
public final class S3ControlBatchJobs implements BatchJobs {

  private final S3ControlClient s3Control;

  public S3ControlBatchJobs(S3ControlClient s3Control) {
    this.s3Control = s3Control;
  }

  /**
   * Builds the client, pointed at {@code localEndpoint} when there is one. S3 Control puts the
   * account id in front of the host ({@code 111122223333.s3-control.…}), which an endpoint
   * override keeps doing and a local stand-in cannot answer; an endpoint provider returning the
   * stand-in's URL as it is replaces that resolution.
   *
   * @param configured a builder with credentials, region and HTTP settings (AwsClients)
   */
  public static S3ControlClient client(S3ControlClientBuilder configured, Optional<URI> localEndpoint) {
    localEndpoint.ifPresent(uri -> configured.endpointProvider(fixed(uri)));
    return configured.build();
  }

  private static S3ControlEndpointProvider fixed(URI uri) {
    Endpoint endpoint = Endpoint.builder().url(uri).build();
    return params -> CompletableFuture.completedFuture(endpoint);
  }

  @Override
  public String createReplicationJob(ReplicationJobSpec spec) {
    JobManifestGeneratorFilter.Builder filter =
        JobManifestGeneratorFilter.builder()
            .eligibleForReplication(true)
            .objectReplicationStatuses(
                spec.replicationStatuses().stream()
                    .map(s -> ReplicationStatus.fromValue(s.name()))
                    .toList());
    if (spec.keyPrefix() != null) {
      filter.keyNameConstraint(KeyNameConstraint.builder().matchAnyPrefix(spec.keyPrefix()).build());
    }
    CreateJobRequest request =
        CreateJobRequest.builder()
            .accountId(spec.accountId())
            .clientRequestToken(spec.clientRequestToken())
            .confirmationRequired(false)
            .description(spec.description())
            .priority(spec.priority())
            .roleArn(spec.roleArn())
            .operation(
                JobOperation.builder()
                    .s3ReplicateObject(S3ReplicateObjectOperation.builder().build())
                    .build())
            .manifestGenerator(
                JobManifestGenerator.fromS3JobManifestGenerator(
                    S3JobManifestGenerator.builder()
                        .sourceBucket(spec.sourceBucketArn())
                        .enableManifestOutput(true)
                        .manifestOutputLocation(
                            S3ManifestOutputLocation.builder()
                                .bucket(spec.reportBucketArn())
                                .expectedManifestBucketOwner(spec.reportBucketOwner())
                                .manifestPrefix(spec.manifestPrefix())
                                .manifestFormat(GeneratedManifestFormat.S3_INVENTORY_REPORT_CSV_20211130)
                                .build())
                        .filter(filter.build())
                        .build()))
            .report(
                JobReport.builder()
                    .enabled(true)
                    .bucket(spec.reportBucketArn())
                    .expectedBucketOwner(spec.reportBucketOwner())
                    .format(JobReportFormat.REPORT_CSV_20180820)
                    .prefix(spec.reportPrefix())
                    .reportScope(JobReportScope.FAILED_TASKS_ONLY)
                    .build())
            .build();
    try {
      return s3Control.createJob(request).jobId();
    } catch (IdempotencyException e) {
      throw new PreconditionFailedException(
          "S3 already has a Batch Operations job created with ClientRequestToken "
              + spec.clientRequestToken() + " (this execution and state) but with other settings:"
              + " the plan or the Batch Operations role changed since it was created. Start a"
              + " new execution, or pass a higher attempt number to create another job. S3 said: "
              + e.awsErrorDetails().errorMessage(),
          e);
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "CreateJob");
    }
  }

  @Override
  public BatchJob describeJob(String accountId, String jobId) {
    JobDescriptor job;
    try {
      job = s3Control.describeJob(r -> r.accountId(accountId).jobId(jobId)).job();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "DescribeJob");
    }
    JobProgressSummary progress =
        job.progressSummary() == null ? JobProgressSummary.builder().build() : job.progressSummary();
    return new BatchJob(
        job.jobId(),
        job.statusAsString(),
        count(progress.totalNumberOfTasks()),
        count(progress.numberOfTasksSucceeded()),
        count(progress.numberOfTasksFailed()),
        job.failureReasons().stream()
            .map(f -> new BatchJob.JobFailure(f.failureCode(), f.failureReason()))
            .toList(),
        job.statusUpdateReason());
  }

  private static long count(Long value) {
    return value == null ? 0 : value;
  }
}
