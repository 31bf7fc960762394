package dev.cutover.replication.aws;

import dev.cutover.aws.AwsErrors;
import dev.cutover.errors.InternalErrorException;
import dev.cutover.replication.port.Bucket;
import dev.cutover.replication.port.BucketReplication;
import dev.cutover.replication.port.Versioning;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ReplicationConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@link BucketReplication} over the S3 API: GetBucketVersioning, GetBucketReplication,
 * PutBucketReplication and DeleteBucketReplication, each with {@code x-amz-expected-bucket-owner}
 * so a mistyped bucket in another account is refused rather than changed.
 */
public final class S3BucketReplication implements BucketReplication {

  /** GetBucketReplication's answer for a bucket without a configuration (HTTP 404). */
  static final String NOT_FOUND = "ReplicationConfigurationNotFoundError";

  /**
   * What the SDK marshals (it insists on the required members) before {@link RawXmlBodies} sends
   * the real bytes in its place.
   */
  private static final ReplicationConfiguration REPLACED_BY_RAW_BODY =
      ReplicationConfiguration.builder().role("").rules(List.of()).build();

  private final S3Clients clients;

  public S3BucketReplication(S3Clients clients) {
    this.clients = clients;
  }

  @Override
  public Versioning versioning(Bucket bucket) {
    String status;
    try {
      status =
          s3(bucket)
              .getBucketVersioning(r -> r.bucket(bucket.name()).expectedBucketOwner(bucket.accountId()))
              .statusAsString();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "GetBucketVersioning");
    }
    if (status == null || status.isEmpty()) {
      return Versioning.NEVER_ENABLED;
    }
    return switch (status) {
      case "Enabled" -> Versioning.ENABLED;
      case "Suspended" -> Versioning.SUSPENDED;
      default ->
          throw new InternalErrorException(
              "GetBucketVersioning on " + bucket.name() + " returned an unknown status \"" + status + "\"");
    };
  }

  @Override
  public Optional<byte[]> configuration(Bucket bucket) {
    AtomicReference<byte[]> body = new AtomicReference<>();
    try {
      s3(bucket)
          .getBucketReplication(
              r ->
                  r.bucket(bucket.name())
                      .expectedBucketOwner(bucket.accountId())
                      .overrideConfiguration(o -> o.putExecutionAttribute(RawXmlBodies.RECEIVED, body)));
    } catch (S3Exception e) {
      if (e.awsErrorDetails() != null && NOT_FOUND.equals(e.awsErrorDetails().errorCode())) {
        return Optional.empty();
      }
      throw AwsErrors.translate(e, "GetBucketReplication");
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "GetBucketReplication");
    }
    if (body.get() == null) {
      throw new InternalErrorException("GetBucketReplication on " + bucket.name() + " answered without a body");
    }
    return Optional.of(body.get());
  }

  @Override
  public void putConfiguration(Bucket bucket, byte[] xml) {
    try {
      s3(bucket)
          .putBucketReplication(
              r ->
                  r.bucket(bucket.name())
                      .expectedBucketOwner(bucket.accountId())
                      .replicationConfiguration(REPLACED_BY_RAW_BODY)
                      .overrideConfiguration(o -> o.putExecutionAttribute(RawXmlBodies.SEND, xml)));
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "PutBucketReplication");
    }
  }

  @Override
  public void deleteConfiguration(Bucket bucket) {
    try {
      s3(bucket)
          .deleteBucketReplication(r -> r.bucket(bucket.name()).expectedBucketOwner(bucket.accountId()));
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "DeleteBucketReplication");
    }
  }

  private S3Client s3(Bucket bucket) {
    S3Client client = clients.forBucket(bucket);
    if (!RawXmlBodies.isInstalled(client)) {
      // Without it an empty configuration would be put and the original could not be recorded.
      throw new IllegalStateException("the S3 client lacks RawXmlBodies; build it with RawXmlBodies.install");
    }
    return client;
  }
}
