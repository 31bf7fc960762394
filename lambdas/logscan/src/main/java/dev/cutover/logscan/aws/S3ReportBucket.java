package dev.cutover.logscan.aws;

import dev.cutover.aws.AwsClients;
import dev.cutover.aws.AwsErrors;
import dev.cutover.logscan.port.BucketRef;
import dev.cutover.logscan.port.ReportBucket;
import dev.cutover.logscan.port.ReportLocation;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;

/**
 * {@link ReportBucket} over PutObject from a file, with a CRC32 checksum S3 checks on arrival and
 * the bucket owner the plan names. One request: the list stays far below PutObject's 5 GB.
 */
public final class S3ReportBucket implements ReportBucket {

  private final S3Client s3;
  private final String bucket;
  private final String expectedOwner;

  /**
   * @param expectedOwner the account that must own the report bucket; {@code null} to not check
   */
  public S3ReportBucket(S3Client s3, String bucket, String expectedOwner) {
    this.s3 = s3;
    this.bucket = bucket;
    this.expectedOwner = expectedOwner;
  }

  @Override
  public ReportLocation put(String key, Path file, String contentType) {
    try {
      s3.putObject(
          r ->
              r.bucket(bucket)
                  .key(key)
                  .contentType(contentType)
                  .checksumAlgorithm(ChecksumAlgorithm.CRC32)
                  .expectedBucketOwner(expectedOwner),
          RequestBody.fromFile(file));
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "PutObject");
    }
    return new ReportLocation(bucket, key);
  }

  /**
   * Opens report buckets with clients from {@link AwsClients}: one client per role, session and
   * region, built on first use and kept for the life of the container.
   */
  public static Function<BucketRef, ReportBucket> opener(AwsClients aws) {
    Map<ClientKey, S3Client> clients = new ConcurrentHashMap<>();
    return ref -> {
      S3Client client =
          clients.computeIfAbsent(new ClientKey(ref.roleArn(), ref.sessionName(), ref.region()), k -> client(aws, ref));
      return new S3ReportBucket(client, ref.bucket(), ref.expectedOwner());
    };
  }

  private record ClientKey(String roleArn, String sessionName, String region) {}

  private static S3Client client(AwsClients aws, BucketRef ref) {
    return aws.forAccount(ref.roleArn(), ref.sessionName(), Region.of(ref.region()))
        .configure(S3Client.builder(), "S3")
        // A local S3 server is reached by path, not by bucket subdomain.
        .forcePathStyle(aws.endpointOverride("S3").isPresent())
        .build();
  }
}
