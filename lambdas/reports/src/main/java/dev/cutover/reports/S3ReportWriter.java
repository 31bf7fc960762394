package dev.cutover.reports;

import dev.cutover.aws.AwsClients;
import dev.cutover.aws.AwsErrors;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The report bucket, as every step writes and reads it: puts and upload parts carry a CRC32
 * checksum S3 checks on arrival, and every call names the account that must own the bucket, so
 * nothing is read from, or written to, a bucket someone else owns. SDK errors leave as the error
 * contract ({@link AwsErrors#translate}). Each step's own report port is a thin adapter over this.
 */
public final class S3ReportWriter {

  /** Opens the report bucket as a given role: one S3 client per role, session and region. */
  @FunctionalInterface
  public interface Opener {
    /**
     * @param expectedOwner the account that must own the bucket; {@code null} to not check
     */
    S3ReportWriter open(String bucket, String region, String roleArn, String sessionName, String expectedOwner);
  }

  private final S3Client s3;
  private final String bucket;
  private final String expectedOwner;

  /**
   * @param expectedOwner the account that must own the report bucket; {@code null} to not check
   */
  public S3ReportWriter(S3Client s3, String bucket, String expectedOwner) {
    this.s3 = s3;
    this.bucket = bucket;
    this.expectedOwner = expectedOwner;
  }

  /**
   * Opens report buckets with clients from {@link AwsClients}, built on first use and kept for the
   * life of the container (path-style addressing when S3's endpoint is overridden, as a local S3
   * server needs).
   */
  public static Opener opener(AwsClients aws) {
    Map<String, S3Client> clients = new ConcurrentHashMap<>();
    return (bucket, region, roleArn, sessionName, expectedOwner) -> {
      S3Client client =
          clients.computeIfAbsent(
              roleArn + "\n" + sessionName + "\n" + region,
              k ->
                  aws.forAccount(roleArn, sessionName, Region.of(region))
                      .configure(S3Client.builder(), "S3")
                      .forcePathStyle(aws.endpointOverride("S3").isPresent())
                      .build());
      return new S3ReportWriter(client, bucket, expectedOwner);
    };
  }

  public String bucket() {
    return bucket;
  }

  /** Writes {@code content} at {@code key} in one PutObject. */
  public void put(String key, byte[] content, String contentType) {
    put(key, RequestBody.fromBytes(content), contentType);
  }

  /** Writes the file at {@code key} in one PutObject (up to S3's 5 GB). */
  public void put(String key, Path file, String contentType) {
    put(key, RequestBody.fromFile(file), contentType);
  }

  private void put(String key, RequestBody body, String contentType) {
    try {
      s3.putObject(
          r ->
              r.bucket(bucket)
                  .key(key)
                  .contentType(contentType)
                  .checksumAlgorithm(ChecksumAlgorithm.CRC32)
                  .expectedBucketOwner(expectedOwner),
          body);
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "PutObject");
    }
  }

  /** The object at {@code key}, to be closed by the caller; empty when there is none. */
  public Optional<InputStream> open(String key) {
    try {
      return Optional.of(s3.getObject(r -> r.bucket(bucket).key(key).expectedBucketOwner(expectedOwner)));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "GetObject");
    }
  }

  /** Starts a multipart upload at {@code key}, for reports written as they grow. */
  public Multipart startUpload(String key, String contentType) {
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
    return new Multipart(key, uploadId);
  }

  /** One multipart upload; parts may be uploaded from several threads, in any order. */
  public final class Multipart {

    private final String key;
    private final String uploadId;
    private final ConcurrentMap<Integer, CompletedPart> parts = new ConcurrentHashMap<>();

    private Multipart(String key, String uploadId) {
      this.key = key;
      this.uploadId = uploadId;
    }

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
          CompletedPart.builder().partNumber(partNumber).eTag(part.eTag()).checksumCRC32(part.checksumCRC32()).build());
    }

    /** Completes the upload with every part so far, in part-number order. */
    public void complete() {
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
    }

    /** Gives up the upload; S3 drops its parts. */
    public void abort() {
      try {
        s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId).expectedBucketOwner(expectedOwner));
      } catch (SdkException e) {
        throw AwsErrors.translate(e, "AbortMultipartUpload");
      }
    }
  }
}
