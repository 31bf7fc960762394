package dev.cutover.local.batch;

import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.CreateJobRequest;
import software.amazon.awssdk.services.s3control.model.CreateJobResponse;
import software.amazon.awssdk.services.s3control.model.DescribeJobRequest;
import software.amazon.awssdk.services.s3control.model.DescribeJobResponse;
import software.amazon.awssdk.services.s3control.model.ListJobsRequest;
import software.amazon.awssdk.services.s3control.model.ListJobsResponse;
import software.amazon.awssdk.services.s3control.model.UpdateJobPriorityRequest;
import software.amazon.awssdk.services.s3control.model.UpdateJobPriorityResponse;
import software.amazon.awssdk.services.s3control.model.UpdateJobStatusRequest;
import software.amazon.awssdk.services.s3control.model.UpdateJobStatusResponse;

/**
 * The Batch Operations calls of an {@link S3ControlClient} answered in process by {@link
 * LocalBatchOperations}: {@code CreateJob}, {@code DescribeJob}, {@code ListJobs}, {@code
 * UpdateJobStatus}, {@code UpdateJobPriority}. The project's S3 Control adapters take an {@code
 * S3ControlClient}, so they run on the local stand-in exactly as they run on AWS, with the same
 * request building, status mapping and error translation (S3 Control's own exceptions, with their
 * HTTP status and error code). Every other call is S3 Control's default: unsupported.
 */
public final class LocalS3Control implements S3ControlClient {

  private final LocalBatchOperations batch;

  public LocalS3Control(LocalBatchOperations batch) {
    this.batch = batch;
  }

  @Override
  public CreateJobResponse createJob(CreateJobRequest request) {
    return CreateJobResponse.builder().jobId(batch.createJob(request)).build();
  }

  @Override
  public DescribeJobResponse describeJob(DescribeJobRequest request) {
    return DescribeJobResponse.builder().job(batch.describeJob(request.accountId(), request.jobId())).build();
  }

  @Override
  public ListJobsResponse listJobs(ListJobsRequest request) {
    var jobs = batch.listJobs().stream()
        .filter(j -> !request.hasJobStatuses() || request.jobStatusesAsStrings().contains(j.statusAsString()))
        .toList();
    return ListJobsResponse.builder().jobs(jobs).build();
  }

  @Override
  public UpdateJobStatusResponse updateJobStatus(UpdateJobStatusRequest request) {
    String status = batch.updateJobStatus(request.jobId(), request.requestedJobStatusAsString());
    return UpdateJobStatusResponse.builder().jobId(request.jobId()).status(status).build();
  }

  @Override
  public UpdateJobPriorityResponse updateJobPriority(UpdateJobPriorityRequest request) {
    batch.updateJobPriority(request.jobId(), request.priority());
    return UpdateJobPriorityResponse.builder().jobId(request.jobId()).priority(request.priority()).build();
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  /** The jobs outlive the client: closing it stops nothing. */
  @Override
  public void close() {}
}
