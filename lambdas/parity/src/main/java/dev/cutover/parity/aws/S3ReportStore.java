package dev.cutover.parity.aws;

import dev.cutover.aws.AwsErrors;
import dev.cutover.parity.port.ReportLocation;
import dev.cutover.parity.port.ReportStore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;

/**
 * {@link ReportStore} as one PutObject with a CRC32 checksum. The parity report is bounded by the
 * size of two distribution configurations and {@code validation.probeSampleSize} probes, so it
 * never needs a multipart upload.
 */
public final class S3ReportStore implements ReportStore {

  private final S3Client s3;
  private final String bucket;
  private final String expectedOwner;

  /** @param expectedOwner the account that must own the report bucket; {@code null} to not check */
  public S3ReportStore(S3Client s3, String bucket, String expectedOwner) {
    this.s3 = s3;
    this.bucket = bucket;
    this.expectedOwner = expectedOwner;
  }

  @Override
  public ReportLocation put(String key, byte[] content, String contentType) {
    try {
      s3.putObject(
          r -> r.bucket(bucket)
              .key(key)
              .contentType(contentType)
              .checksumAlgorithm(ChecksumAlgorithm.CRC32)
              .expectedBucketOwner(expectedOwner),
          RequestBody.fromBytes(content));
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "PutObject");
    }
    return new ReportLocation(bucket, key);
  }
}
