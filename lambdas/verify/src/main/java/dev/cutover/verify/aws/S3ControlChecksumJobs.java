package dev.cutover.verify.aws;

import dev.cutover.aws.AwsErrors;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.verify.port.ChecksumJob;
import dev.cutover.verify.port.ChecksumJobSpec;
import dev.cutover.verify.port.ChecksumJobs;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.S3ControlClientBuilder;
import software.amazon.awssdk.services.s3control.endpoints.S3ControlEndpointProvider;
import software.amazon.awssdk.services.s3control.model.CreateJobRequest;
import software.amazon.awssdk.services.s3control.model.IdempotencyException;
import software.amazon.awssdk.services.s3control.model.JobDescriptor;
import software.amazon.awssdk.services.s3control.model.JobManifest;
import software.amazon.awssdk.services.s3control.model.JobManifestFieldName;
import software.amazon.awssdk.services.s3control.model.JobManifestFormat;
import software.amazon.awssdk.services.s3control.model.JobManifestLocation;
import software.amazon.awssdk.services.s3control.model.JobManifestSpec;
import software.amazon.awssdk.services.s3control.model.JobOperation;
import software.amazon.awssdk.services.s3control.model.JobProgressSummary;
import software.amazon.awssdk.services.s3control.model.JobReport;
import software.amazon.awssdk.services.s3control.model.JobReportFormat;
import software.amazon.awssdk.services.s3control.model.JobReportScope;
import software.amazon.awssdk.services.s3control.model.S3ComputeObjectChecksumOperation;

/**
 * {@link ChecksumJobs} on S3 Control ({@code CreateJob}, {@code DescribeJob}), as the Amazon S3 API
 * Reference describes them: CreateJob
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_CreateJob.html) with the operation
 * {@code S3ComputeObjectChecksum}
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_S3ComputeObjectChecksumOperation.html)
 * over a CSV manifest ({@code S3BatchOperations_CSV_20180820}, fields {@code Bucket, Key}), and
 * DescribeJob (https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_DescribeJob.html).
 *
 * <p>The completion report covers {@code AllTasks}: for a Compute checksum job the checksums are
 * the result, and they are in the rows of succeeded tasks ("For Compute checksum jobs, the
 * completion report contains checksum values for every object", Amazon S3 User Guide, "Examples:
 * S3 Batch Operations completion reports").
 */
public final class S3ControlChecksumJobs implements ChecksumJobs {

  /** The element name of the Compute checksum operation in a job description. */
  public static final String COMPUTE_CHECKSUM = "S3ComputeObjectChecksum";

  private final S3ControlClient s3Control;

  public S3ControlChecksumJobs(S3ControlClient s3Control) {
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
  public String createComputeChecksumJob(ChecksumJobSpec spec) {
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
                    .s3ComputeObjectChecksum(
                        S3ComputeObjectChecksumOperation.builder()
                            .checksumAlgorithm(spec.checksumAlgorithm())
                            .checksumType(spec.checksumType())
                            .build())
                    .build())
            .manifest(
                JobManifest.builder()
                    .spec(
                        JobManifestSpec.builder()
                            .format(JobManifestFormat.S3_BATCH_OPERATIONS_CSV_20180820)
                            .fields(JobManifestFieldName.BUCKET, JobManifestFieldName.KEY)
                            .build())
                    .location(
                        JobManifestLocation.builder()
                            .objectArn(spec.manifestObjectArn())
                            .eTag(spec.manifestETag())
                            .build())
                    .build())
            .report(
                JobReport.builder()
                    .enabled(true)
                    .bucket(spec.reportBucketArn())
                    .expectedBucketOwner(spec.reportBucketOwner())
                    .format(JobReportFormat.REPORT_CSV_20180820)
                    .prefix(spec.reportPrefix())
                    .reportScope(JobReportScope.ALL_TASKS)
                    .build())
            .build();
    try {
      return s3Control.createJob(request).jobId();
    } catch (IdempotencyException e) {
      throw new PreconditionFailedException(
          "S3 already has a Batch Operations job created with ClientRequestToken "
              + spec.clientRequestToken() + " (this execution, state and side) but with other"
              + " settings: the findings, the plan or the Batch Operations role changed since it was"
              + " created. Start a new execution to compute checksums again. S3 said: "
              + e.awsErrorDetails().errorMessage(),
          e);
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "CreateJob");
    }
  }

  @Override
  public ChecksumJob describeJob(String accountId, String jobId) {
    JobDescriptor job;
    try {
      job = s3Control.describeJob(r -> r.accountId(accountId).jobId(jobId)).job();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "DescribeJob");
    }
    JobProgressSummary progress =
        job.progressSummary() == null ? JobProgressSummary.builder().build() : job.progressSummary();
    S3ComputeObjectChecksumOperation checksum =
        job.operation() == null ? null : job.operation().s3ComputeObjectChecksum();
    return new ChecksumJob(
        job.jobId(),
        job.statusAsString(),
        operationName(job.operation()),
        checksum == null ? null : checksum.checksumAlgorithmAsString(),
        checksum == null ? null : checksum.checksumTypeAsString(),
        job.manifest() == null || job.manifest().location() == null ? null : job.manifest().location().objectArn(),
        job.report() == null || !Boolean.TRUE.equals(job.report().enabled()) ? null : job.report().bucket(),
        job.report() == null ? null : job.report().prefix(),
        count(progress.totalNumberOfTasks()),
        count(progress.numberOfTasksSucceeded()),
        count(progress.numberOfTasksFailed()),
        job.failureReasons().stream()
            .map(f -> new ChecksumJob.JobFailure(f.failureCode(), f.failureReason()))
            .toList(),
        job.statusUpdateReason());
  }

  /** The XML element name of the one operation the job runs, e.g. {@code S3ComputeObjectChecksum}. */
  private static String operationName(JobOperation operation) {
    if (operation == null) {
      return null;
    }
    for (SdkField<?> field : operation.sdkFields()) {
      if (field.getValueOrDefault(operation) != null) {
        return field.locationName();
      }
    }
    return null;
  }

  private static long count(Long value) {
    return value == null ? 0 : value;
  }
}
