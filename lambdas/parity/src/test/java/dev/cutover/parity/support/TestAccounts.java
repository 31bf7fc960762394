package dev.cutover.parity.support;

import dev.cutover.parity.aws.CloudFrontEdgeConfigs;
import dev.cutover.parity.port.AccountRef;
import dev.cutover.parity.port.Accounts;
import dev.cutover.parity.port.BucketRef;
import dev.cutover.parity.port.EdgeConfigs;
import dev.cutover.parity.port.KeyListing;
import dev.cutover.parity.port.ReportLocation;
import dev.cutover.parity.port.ReportStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;

/**
 * Accounts for step tests: CloudFront is the real adapter against the WireMock fixtures; the
 * listing and the report bucket are in memory (their S3 adapters are tested against S3Mock).
 * Records which account and bucket each was opened for.
 */
public final class TestAccounts implements Accounts {

  public final List<AccountRef> edges = new ArrayList<>();
  public final List<BucketRef> listings = new ArrayList<>();
  public final List<BucketRef> reportBuckets = new ArrayList<>();
  public final Map<String, byte[]> written = new LinkedHashMap<>();
  private final CloudFrontClient cloudFront;
  private final List<String> listed;

  /** @param listed blue's keys, in listing order */
  public TestAccounts(CloudFrontClient cloudFront, List<String> listed) {
    this.cloudFront = cloudFront;
    this.listed = listed;
  }

  @Override
  public EdgeConfigs edge(AccountRef account) {
    edges.add(account);
    return new CloudFrontEdgeConfigs(cloudFront, account.roleArn());
  }

  @Override
  public KeyListing keys(BucketRef bucket) {
    listings.add(bucket);
    return (prefix, max) -> listed.stream().filter(k -> k.startsWith(prefix)).limit(max).toList();
  }

  @Override
  public ReportStore reports(BucketRef bucket) {
    reportBuckets.add(bucket);
    return new ReportStore() {
      @Override
      public ReportLocation put(String key, byte[] content, String contentType) {
        written.put(key, content);
        return new ReportLocation(bucket.bucket(), key);
      }
    };
  }
}
