package dev.cutover.parity.aws;

import dev.cutover.parity.port.ReportLocation;
import dev.cutover.parity.port.ReportStore;
import dev.cutover.reports.S3ReportWriter;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link ReportStore} on the report bucket ({@link S3ReportWriter}: CRC32 checksums, expected
 * owner). The parity report is bounded by two distribution configurations and the probe sample,
 * so one PutObject does.
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

  @Override
  public ReportLocation put(String key, byte[] content, String contentType) {
    reports.put(key, content, contentType);
    return new ReportLocation(reports.bucket(), key);
  }
}
