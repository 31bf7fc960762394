package dev.cutover.verify.aws;

import dev.cutover.aws.AwsErrors;
import dev.cutover.reports.S3ReportWriter;
import dev.cutover.verify.port.ReportFiles;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * {@link ReportFiles} on S3. Every call names the account that must own the report bucket, so
 * nothing is read from, nor written to, a bucket someone else owns.
 *
 * <p>Manifests are written with SSE-S3 ({@code x-amz-server-side-encryption: AES256}) whatever
 * the bucket's default encryption: "S3 Batch Operations does not support CSV manifest files that
 * are AWS KMS-encrypted" (Amazon S3 User Guide, "Creating an S3 Batch Operations job",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-create-job.html).
 */
public final class S3ReportFiles implements ReportFiles {

  private final S3Client s3;
  private final String bucket;
  private final String expectedOwner;
  private final S3ReportWriter reports;

  /**
   * @param expectedOwner the account that owns the report bucket (the target account); {@code
   *     null} to not check
   */
  public S3ReportFiles(S3Client s3, String bucket, String expectedOwner) {
    this.s3 = s3;
    this.bucket = bucket;
    this.expectedOwner = expectedOwner;
    this.reports = new S3ReportWriter(s3, bucket, expectedOwner);
  }

  @Override
  public String bucket() {
    return bucket;
  }

  @Override
  public Optional<InputStream> open(String key) {
    return reports.open(key);
  }

  @Override
  public String putManifest(String key, Path file) {
    String eTag;
    try {
      eTag =
          s3.putObject(
                  r ->
                      r.bucket(bucket)
                          .key(key)
                          .contentType("text/csv")
                          .serverSideEncryption(ServerSideEncryption.AES256)
                          .expectedBucketOwner(expectedOwner),
                  RequestBody.fromFile(file))
              .eTag();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "PutObject");
    }
    return eTag == null ? "" : eTag.replace("\"", "");
  }

  @Override
  public void put(String key, Path file, String contentType) {
    reports.put(key, file, contentType);
  }
}
