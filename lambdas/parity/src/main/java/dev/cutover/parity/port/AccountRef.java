package dev.cutover.parity.port;

/**
 * One side's account as the parity step reaches it.
 *
 * @param accountId the 12-digit account that owns the distribution
 * @param roleArn the role assumed in that account
 * @param sessionName the role session name (the migration id), for CloudTrail
 * @param region the side's bucket region; CloudFront itself is global, the region only picks the
 *     partition's global endpoint
 */
public record AccountRef(String accountId, String roleArn, String sessionName, String region) {}
