package dev.cutover.watch.port;

import java.time.Instant;

/**
 * What the watch reads from CloudWatch, and as whom.
 *
 * @param roleArn the role assumed in green's account (the plan's {@code target.roleArn}): the
 *     distribution's metrics are published in the account that owns it
 * @param sessionName the role session name (the migration id), for CloudTrail
 * @param distributionId green's distribution
 * @param from the first instant read, inclusive; a whole minute
 * @param to the end of the read, exclusive
 */
public record MetricsQuery(String roleArn, String sessionName, String distributionId, Instant from, Instant to) {}
