package dev.cutover.backfill.aws;

import dev.cutover.aws.AwsErrors;
import dev.cutover.backfill.port.ReportObjects;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * {@link ReportObjects} on S3. Every call names the account that must own the report bucket, so
 * a report is never read from, nor the failed-key list written to, a bucket someone else owns.
 */
public final class S3ReportObjects implements ReportObjects {

  private final S3Client s3;
  private final String expectedBucketOwner;

  /**
   * @param expectedBucketOwner the account that owns the report bucket (the target account)
   */
  public S3ReportObjects(S3Client s3, String expectedBucketOwner) {
    this.s3 = s3;
    this.expectedBucketOwner = expectedBucketOwner;
  }

  @Override
  public Optional<InputStream> open(String bucket, String key) {
    try {
      return Optional.of(
          s3.getObject(r -> r.bucket(bucket).key(key).expectedBucketOwner(expectedBucketOwner)));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "GetObject");
    }
  }

  @Override
  public void put(String bucket, String key, Path file, String contentType) {
    try {
      s3.putObject(
          r -> r.bucket(bucket).key(key).contentType(contentType).expectedBucketOwner(expectedBucketOwner),
          RequestBody.fromFile(file));
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "PutObject");
    }
  }
}
