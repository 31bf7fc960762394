package dev.cutover.replication.port;

/**
 * A bucket and the identity to act on it with: the ports need both, because blue and the report
 * bucket live in different accounts and are reached through different roles.
 *
 * @param name the bucket name
 * @param accountId the account expected to own it
 * @param region the bucket's region
 * @param roleArn the role cutover assumes in that account
 * @param sessionName who is calling, for CloudTrail (the migration id)
 */
public record Bucket(String name, String accountId, String region, String roleArn, String sessionName) {}
