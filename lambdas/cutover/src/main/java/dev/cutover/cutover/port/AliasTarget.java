package dev.cutover.cutover.port;

/**
 * Where a Route 53 alias record points.
 *
 * @param hostedZoneId the target's hosted zone; {@value #CLOUDFRONT_ZONE} for every CloudFront
 *     distribution
 * @param dnsName the target's name, e.g. {@code d111111abcdef8.cloudfront.net.}
 * @param evaluateTargetHealth as recorded; always false for CloudFront targets
 */
public record AliasTarget(String hostedZoneId, String dnsName, boolean evaluateTargetHealth) {

  /** The hosted zone id Route 53 uses for aliases to any CloudFront distribution. */
  public static final String CLOUDFRONT_ZONE = "Z2FDTNDATAQYW2";
}
