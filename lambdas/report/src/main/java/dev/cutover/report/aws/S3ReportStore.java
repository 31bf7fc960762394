package dev.cutover.report.aws;

import dev.cutover.aws.AwsClients;
import dev.cutover.report.port.BucketRef;
import dev.cutover.report.port.ReportLocation;
import dev.cutover.report.port.ReportStore;
import dev.cutover.reports.S3ReportWriter;
import java.util.function.Function;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link ReportStore} on the report bucket ({@link S3ReportWriter}: CRC32 checksums, expected
 * owner).
 */
public final class S3ReportStore implements ReportStore {

  private final S3ReportWriter reports;

  /**
   * @param expectedOwner the account that must own the report bucket; {@code null} to not check
   */
  public S3ReportStore(S3Client s3, String bucket, String expectedOwner) {
    this(new S3ReportWriter(s3, bucket, expectedOwner));
  }

  private S3ReportStore(S3ReportWriter reports) {
    this.reports = reports;
  }

  /**
   * Opens report buckets with clients from {@link AwsClients}: one client per role, session and
   * region, built on first use and kept for the life of the container.
   */
  public static Function<BucketRef, ReportStore> opener(AwsClients aws) {
    S3ReportWriter.Opener writers = S3ReportWriter.opener(aws);
    return ref -> new S3ReportStore(writers.open(ref.bucket(), ref.region(), ref.roleArn(), ref.sessionName(), ref.expectedOwner()));
  }

  @Override
  public ReportLocation put(String key, byte[] content, String contentType) {
    reports.put(key, content, contentType);
    return new ReportLocation(reports.bucket(), key);
  }
}
