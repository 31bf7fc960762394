package dev.cutover.cutover.port;

/**
 * The hosted zone that holds the hostname's record, and the identity to change it with.
 *
 * @param hostedZoneId the Route 53 hosted zone id, without {@code /hostedzone/}
 * @param roleArn the role cutover assumes in the zone's account
 * @param sessionName who is calling, for CloudTrail (the migration id)
 */
public record ZoneRef(String hostedZoneId, String roleArn, String sessionName) {}
