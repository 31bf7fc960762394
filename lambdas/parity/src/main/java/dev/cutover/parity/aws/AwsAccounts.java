package dev.cutover.parity.aws;

import dev.cutover.aws.AwsClients;
import dev.cutover.parity.port.AccountRef;
import dev.cutover.parity.port.Accounts;
import dev.cutover.parity.port.BucketRef;
import dev.cutover.parity.port.EdgeConfigs;
import dev.cutover.parity.port.KeyListing;
import dev.cutover.parity.port.ReportStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link Accounts} over clients from {@link AwsClients}: one per role and region, built on first
 * use and kept for the container's life. CloudFront is a global service: its clients use the
 * partition's global region ({@code aws-global}, signed for us-east-1; {@code aws-cn-global} in
 * China) whatever the side's bucket region.
 */
public final class AwsAccounts implements Accounts {

  private record ClientKey(String roleArn, String sessionName, String region) {}

  private final AwsClients aws;
  private final Map<ClientKey, CloudFrontClient> cloudFront = new ConcurrentHashMap<>();
  private final Map<ClientKey, S3Client> s3 = new ConcurrentHashMap<>();

  public AwsAccounts(AwsClients aws) {
    this.aws = aws;
  }

  /** The global region CloudFront is reached in for a side in {@code region}. */
  static Region cloudFrontRegion(String region) {
    return region.startsWith("cn-") ? Region.AWS_CN_GLOBAL : Region.AWS_GLOBAL;
  }

  @Override
  public EdgeConfigs edge(AccountRef account) {
    Region region = cloudFrontRegion(account.region());
    CloudFrontClient client =
        cloudFront.computeIfAbsent(
            new ClientKey(account.roleArn(), account.sessionName(), region.id()),
            k -> aws.forAccount(account.roleArn(), account.sessionName(), region).build(CloudFrontClient.builder(), "CloudFront"));
    return new CloudFrontEdgeConfigs(client, account.roleArn());
  }

  @Override
  public KeyListing keys(BucketRef bucket) {
    return new S3KeyListing(s3(bucket), bucket.bucket(), bucket.expectedOwner());
  }

  @Override
  public ReportStore reports(BucketRef bucket) {
    return new S3ReportStore(s3(bucket), bucket.bucket(), bucket.expectedOwner());
  }

  private S3Client s3(BucketRef ref) {
    return s3.computeIfAbsent(
        new ClientKey(ref.roleArn(), ref.sessionName(), ref.region()),
        k -> aws.forAccount(ref.roleArn(), ref.sessionName(), Region.of(ref.region()))
            .configure(S3Client.builder(), "S3")
            // A local S3 server is reached by path, not by bucket subdomain.
            .forcePathStyle(aws.endpointOverride("S3").isPresent())
            .build());
  }
}
