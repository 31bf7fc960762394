package dev.cutover.preflight.aws;

import dev.cutover.aws.AwsClients;
import dev.cutover.preflight.port.BucketFacts;
import dev.cutover.preflight.port.BucketRef;
import dev.cutover.preflight.port.Facts;
import dev.cutover.preflight.port.KeyFacts;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link Facts} over clients from {@link AwsClients}: for each side, S3 and KMS clients that
 * assume the side's role in the side's region, built on first use and kept for the life of the
 * container. S3 is addressed by path when a local endpoint is set.
 */
public final class AwsFacts implements Facts {

  private final AwsClients aws;
  private final Map<List<String>, S3Client> s3 = new ConcurrentHashMap<>();
  private final Map<List<String>, KmsClient> kms = new ConcurrentHashMap<>();

  public AwsFacts(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public BucketFacts bucket(BucketRef bucket) {
    S3Client client =
        s3.computeIfAbsent(key(bucket), k ->
            aws.forAccount(bucket.roleArn(), bucket.sessionName(), Region.of(bucket.region()))
                .configure(S3Client.builder(), "S3")
                .forcePathStyle(aws.endpointOverride("S3").isPresent())
                .build());
    return new S3BucketFacts(client, bucket.bucket(), bucket.expectedOwner());
  }

  @Override
  public KeyFacts keys(BucketRef bucket) {
    KmsClient client =
        kms.computeIfAbsent(key(bucket), k ->
            aws.forAccount(bucket.roleArn(), bucket.sessionName(), Region.of(bucket.region()))
                .build(KmsClient.builder(), "KMS"));
    return new KmsKeyFacts(client);
  }

  private static List<String> key(BucketRef bucket) {
    return List.of(String.valueOf(bucket.roleArn()), String.valueOf(bucket.sessionName()), bucket.region());
  }
}
