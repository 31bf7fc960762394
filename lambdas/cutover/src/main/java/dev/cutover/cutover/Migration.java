package dev.cutover.cutover;

import dev.cutover.cutover.port.DistributionRef;
import dev.cutover.cutover.port.RecordLocation;
import dev.cutover.cutover.port.ZoneRef;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Side;

/**
 * What the cutover and rollback act on, derived from the plan: the two distributions (each
 * reached with its own side's role), the hosted zone, and where the record lives.
 *
 * <p>The hosted zone is reached with {@code CUTOVER_DNS_ROLE_ARN} when the function has it, else
 * with green's role: the zone usually moves with the platform (green's account), and when it
 * stays with the legacy account or a central DNS account, that variable names a role there.
 *
 * @param migrationId the plan's migration id, also the role session name
 * @param hostname the exact alias that moves, e.g. {@code assets.example.com}
 * @param wildcard the alias green holds throughout, e.g. {@code *.example.com}
 * @param blue blue's distribution
 * @param green green's distribution
 * @param zone the hosted zone holding the hostname's record
 * @param record where the cutover record lives: {@code
 *     {batch.reportPrefix}{migrationId}/cutover/record.json} in the report bucket, reached with
 *     green's role (the bucket is in green's account)
 */
record Migration(
    String migrationId,
    String hostname,
    String wildcard,
    DistributionRef blue,
    DistributionRef green,
    ZoneRef zone,
    RecordLocation record) {

  static final String RECORD_FILE = "cutover/record.json";

  static Migration of(Plan plan, String dnsRoleArn) {
    String session = plan.migrationId();
    Side source = plan.source();
    Side target = plan.target();
    String zoneRole = dnsRoleArn == null || dnsRoleArn.isBlank() ? target.roleArn() : dnsRoleArn.strip();
    return new Migration(
        plan.migrationId(),
        plan.dns().hostname(),
        plan.dns().wildcardAlias(),
        new DistributionRef(source.distributionId(), source.accountId(), source.roleArn(), session),
        new DistributionRef(target.distributionId(), target.accountId(), target.roleArn(), session),
        new ZoneRef(plan.dns().hostedZoneId(), zoneRole, session),
        new RecordLocation(
            plan.batch().reportBucket(),
            plan.batch().reportPrefix() + plan.migrationId() + "/" + RECORD_FILE,
            target.region(),
            target.accountId(),
            target.roleArn(),
            session));
  }

  DistributionRef distribution(SideName side) {
    return side == SideName.BLUE ? blue : green;
  }
}
