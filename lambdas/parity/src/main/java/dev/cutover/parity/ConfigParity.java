package dev.cutover.parity;

import dev.cutover.parity.Tree.Leaf;
import dev.cutover.parity.Tree.Struct;
import dev.cutover.parity.port.DistributionSnapshot;
import dev.cutover.parity.port.EdgeConfigs;
import java.util.List;

/**
 * The configuration half of edge parity: reads both distributions, normalises each in its own
 * account ({@link Normalizer}), and diffs them ({@link ConfigDiff}) with the plan's allow-list
 * applied.
 *
 * @param blue blue's distribution as read
 * @param green green's distribution as read
 * @param blueConfig blue's normalised configuration, as compared
 * @param greenConfig green's normalised configuration, as compared
 * @param findings every difference, in blue's order
 */
record ConfigParity(
    DistributionSnapshot blue,
    DistributionSnapshot green,
    Struct blueConfig,
    Struct greenConfig,
    List<ConfigFinding> findings) {

  /** One side: its CloudFront, its distribution and the bucket its origin serves. */
  record Side(EdgeConfigs edge, String distributionId, String bucket) {}

  static ConfigParity compare(Side blue, Side green, List<String> allow) {
    DistributionSnapshot blueDistribution = blue.edge().distribution(blue.distributionId());
    DistributionSnapshot greenDistribution = green.edge().distribution(green.distributionId());
    Struct blueConfig = new Normalizer(blue.bucket(), blue.edge()).normalize(blueDistribution.config());
    Struct greenConfig = new Normalizer(green.bucket(), green.edge()).normalize(greenDistribution.config());
    String certificate = "ViewerCertificate";
    if (usesDefaultCertificate(blueConfig.get(certificate)) || usesDefaultCertificate(greenConfig.get(certificate))) {
      // The certificate is the cutover's to move; what it lets clients negotiate is not. With the
      // *.cloudfront.net default certificate CloudFront fixes the TLS policy, so there is nothing
      // to compare until both sides have their own.
      blueConfig = blueConfig.without(certificate);
      greenConfig = greenConfig.without(certificate);
    } else {
      blueConfig = withoutDefaultFlag(blueConfig, certificate);
      greenConfig = withoutDefaultFlag(greenConfig, certificate);
    }
    AllowList allowList = new AllowList(allow);
    List<ConfigFinding> findings = ConfigDiff.diff(blueConfig, greenConfig).stream().map(f -> f.allowedBy(allowList)).toList();
    return new ConfigParity(blueDistribution, greenDistribution, blueConfig, greenConfig, findings);
  }

  private static boolean usesDefaultCertificate(Tree certificate) {
    return certificate instanceof Struct s
        && s.get("CloudFrontDefaultCertificate") instanceof Leaf leaf
        && leaf.value().asBoolean(false);
  }

  private static Struct withoutDefaultFlag(Struct config, String name) {
    return config.get(name) instanceof Struct s ? config.with(name, s.without("CloudFrontDefaultCertificate")) : config;
  }
}
