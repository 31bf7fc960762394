package dev.cutover.logscan.aws;

import dev.cutover.aws.AwsClients;
import dev.cutover.logscan.port.BucketRef;
import dev.cutover.logscan.port.ReportBucket;
import dev.cutover.logscan.port.ReportLocation;
import dev.cutover.reports.S3ReportWriter;
import java.nio.file.Path;
import java.util.function.Function;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link ReportBucket} on the report bucket ({@link S3ReportWriter}: CRC32 checksums, expected
 * owner). One PutObject: the ranked list stays far below its 5 GB.
 */
public final class S3ReportBucket implements ReportBucket {

  private final S3ReportWriter reports;

  /**
   * @param expectedOwner the account that must own the report bucket; {@code null} to not check
   */
  public S3ReportBucket(S3Client s3, String bucket, String expectedOwner) {
    this(new S3ReportWriter(s3, bucket, expectedOwner));
  }

  private S3ReportBucket(S3ReportWriter reports) {
    this.reports = reports;
  }

  /**
   * Opens report buckets with clients from {@link AwsClients}: one client per role, session and
   * region, built on first use and kept for the life of the container.
   */
  public static Function<BucketRef, ReportBucket> opener(AwsClients aws) {
    S3ReportWriter.Opener writers = S3ReportWriter.opener(aws);
    return ref -> new S3ReportBucket(writers.open(ref.bucket(), ref.region(), ref.roleArn(), ref.sessionName(), ref.expectedOwner()));
  }

  @Override
  public ReportLocation put(String key, Path file, String contentType) {
    reports.put(key, file, contentType);
    return new ReportLocation(reports.bucket(), key);
  }
}
