package dev.cutover.verify.aws;

import dev.cutover.aws.AwsClients;
import dev.cutover.verify.port.BucketRef;
import dev.cutover.verify.port.Buckets;
import dev.cutover.verify.port.ObjectStore;
import dev.cutover.verify.port.ReportStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * {@link Buckets} over S3 clients from {@link AwsClients}: one client per role and region, built
 * on first use and kept for the life of the container.
 */
public final class S3Buckets implements Buckets {

  private record ClientKey(String roleArn, String sessionName, String region) {}

  private final Function<BucketRef, S3Client> clientFactory;
  private final Map<ClientKey, S3Client> clients = new ConcurrentHashMap<>();

  /** For the Lambda runtime: clients for the role in each bucket reference. */
  public S3Buckets(AwsClients aws) {
    this(ref -> s3Client(aws, ref));
  }

  /** With another way to build the client for a bucket (tests: an embedded S3 server). */
  public S3Buckets(Function<BucketRef, S3Client> clientFactory) {
    this.clientFactory = clientFactory;
  }

  @Override
  public ObjectStore objects(BucketRef bucket) {
    return new S3ObjectStore(client(bucket), bucket.bucket(), bucket.expectedOwner());
  }

  @Override
  public ReportStore reports(BucketRef bucket) {
    return new S3ReportStore(client(bucket), bucket.bucket(), bucket.expectedOwner());
  }

  private S3Client client(BucketRef ref) {
    return clients.computeIfAbsent(
        new ClientKey(ref.roleArn(), ref.sessionName(), ref.region()), k -> clientFactory.apply(ref));
  }

  private static S3Client s3Client(AwsClients aws, BucketRef ref) {
    S3ClientBuilder builder =
        aws.forAccount(ref.roleArn(), ref.sessionName(), Region.of(ref.region()))
            .configure(S3Client.builder(), "S3");
    // A local S3 server is reached by path, not by bucket subdomain.
    return builder.forcePathStyle(aws.endpointOverride("S3").isPresent()).build();
  }
}
