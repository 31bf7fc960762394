package dev.cutover.cutover.port;

/**
 * A CloudFront distribution and the identity to act on it with: blue's distribution is reached
 * with blue's role, green's with green's.
 *
 * @param distributionId the distribution, e.g. {@code E2QWRUHAPOMQZL}
 * @param accountId the account that owns it
 * @param roleArn the role cutover assumes in the distribution's account
 * @param sessionName who is calling, for CloudTrail (the migration id)
 */
public record DistributionRef(String distributionId, String accountId, String roleArn, String sessionName) {}
