package dev.cutover.verify.aws;

import dev.cutover.reports.S3ReportWriter;
import dev.cutover.verify.port.ReportLocation;
import dev.cutover.verify.port.ReportStore;
import java.io.InputStream;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/** {@link ReportStore} on the report bucket ({@link S3ReportWriter}: CRC32 checksums, expected owner). */
public final class S3ReportStore implements ReportStore {

  private final S3ReportWriter reports;

  /**
   * @param expectedOwner the account that must own the report bucket; {@code null} to not check
   */
  public S3ReportStore(S3Client s3, String bucket, String expectedOwner) {
    this.reports = new S3ReportWriter(s3, bucket, expectedOwner);
  }

  @Override
  public ReportLocation put(String key, byte[] content, String contentType) {
    reports.put(key, content, contentType);
    return new ReportLocation(reports.bucket(), key);
  }

  @Override
  public Optional<InputStream> open(String key) {
    return reports.open(key);
  }

  @Override
  public Upload startUpload(String key, String contentType) {
    S3ReportWriter.Multipart upload = reports.startUpload(key, contentType);
    return new Upload() {
      @Override
      public void uploadPart(int partNumber, byte[] content) {
        upload.uploadPart(partNumber, content);
      }

      @Override
      public ReportLocation complete() {
        upload.complete();
        return new ReportLocation(reports.bucket(), key);
      }

      @Override
      public void abort() {
        upload.abort();
      }
    };
  }
}
