package dev.cutover.verify.aws;

import dev.cutover.aws.AwsErrors;
import dev.cutover.verify.port.ReportLocation;
import dev.cutover.verify.port.ReportStore;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * {@link ReportStore} over PutObject and the multipart upload calls, with CRC32 checksums, and
 * GetObject to read a report back.
 */
public final class S3ReportStore implements ReportStore {

  private final S3Client s3;
  private final String bucket;
  private final String expectedOwner;

  /**
   * @param expectedOwner the account that must own the report bucket; {@code null} to not check
   */
  public S3ReportStore(S3Client s3, String bucket, String expectedOwner) {
    this.s3 = s3;
    this.bucket = bucket;
    this.expectedOwner = expectedOwner;
  }

  @Override
  public Optional<InputStream> open(String key) {
    try {
      return Optional.of(s3.getObject(r -> r.bucket(bucket).key(key).expectedBucketOwner(expectedOwner)));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "GetObject");
    }
  }

  @Override
  public ReportLocation put(String key, byte[] content, String contentType) {
    try {
      s3.putObject(
          r ->
              r.bucket(bucket)
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

  @Override
  public Upload startUpload(String key, String contentType) {
    String uploadId;
    try {
      uploadId =
          s3.createMultipartUpload(
                  r ->
                      r.bucket(bucket)
                          .key(key)
                          .contentType(contentType)
                          .checksumAlgorithm(ChecksumAlgorithm.CRC32)
                          .expectedBucketOwner(expectedOwner))
              .uploadId();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "CreateMultipartUpload");
    }
    return new S3Upload(key, uploadId);
  }

  private final class S3Upload implements Upload {

    private final String key;
    private final String uploadId;
    private final ConcurrentMap<Integer, CompletedPart> parts = new ConcurrentHashMap<>();

    S3Upload(String key, String uploadId) {
      this.key = key;
      this.uploadId = uploadId;
    }

    @Override
    public void uploadPart(int partNumber, byte[] content) {
      UploadPartResponse part;
      try {
        part =
            s3.uploadPart(
                r ->
                    r.bucket(bucket)
                        .key(key)
                        .uploadId(uploadId)
                        .partNumber(partNumber)
                        .checksumAlgorithm(ChecksumAlgorithm.CRC32)
                        .expectedBucketOwner(expectedOwner),
                RequestBody.fromBytes(content));
      } catch (SdkException e) {
        throw AwsErrors.translate(e, "UploadPart");
      }
      parts.put(
          partNumber,
          CompletedPart.builder()
              .partNumber(partNumber)
              .eTag(part.eTag())
              .checksumCRC32(part.checksumCRC32())
              .build());
    }

    @Override
    public ReportLocation complete() {
      List<CompletedPart> ordered =
          parts.values().stream().sorted(Comparator.comparing(CompletedPart::partNumber)).toList();
      try {
        s3.completeMultipartUpload(
            r ->
                r.bucket(bucket)
                    .key(key)
                    .uploadId(uploadId)
                    .multipartUpload(m -> m.parts(ordered))
                    .expectedBucketOwner(expectedOwner));
      } catch (SdkException e) {
        throw AwsErrors.translate(e, "CompleteMultipartUpload");
      }
      return new ReportLocation(bucket, key);
    }

    @Override
    public void abort() {
      try {
        s3.abortMultipartUpload(
            r -> r.bucket(bucket).key(key).uploadId(uploadId).expectedBucketOwner(expectedOwner));
      } catch (SdkException e) {
        throw AwsErrors.translate(e, "AbortMultipartUpload");
      }
    }
  }
}
