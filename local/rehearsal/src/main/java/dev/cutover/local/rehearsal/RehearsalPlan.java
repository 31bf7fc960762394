package dev.cutover.local.rehearsal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The execution input of a rehearsal: a plan like {@code events/migrate.json}, for the local
 * world's buckets, distributions and zone, with waits a rehearsal can afford (the engine runs on a
 * scaled clock, so a 10-minute bake is a few seconds of wall time).
 *
 * @param blueDistribution blue's distribution id on the local edge
 * @param greenDistribution green's
 * @param approver the principal the rehearsal approves as (who {@code cutover approve} signs as)
 */
public record RehearsalPlan(
    String migrationId,
    String blueBucket,
    String greenBucket,
    String reportBucket,
    String prefix,
    String blueDistribution,
    String greenDistribution,
    String hostname,
    String hostedZoneId,
    String zoneName,
    String approver,
    int approvalTimeoutSeconds,
    int bakeSeconds,
    int bakePollSeconds) {

  public static final String BLUE_ACCOUNT = "111122223333";
  public static final String GREEN_ACCOUNT = LocalWorld.ACCOUNT;

  /** The defaults {@code cutover rehearse} uses, given the edge's distribution ids. */
  public static RehearsalPlan defaults(String blueDistribution, String greenDistribution) {
    return new RehearsalPlan("rehearsal", "legacy-web-assets", "platform-web-assets", "platform-cutover-reports", "static/",
        blueDistribution, greenDistribution, "assets.example.com", "Z0REHEARSAL0000000001", "example.com",
        "arn:aws:sts::" + GREEN_ACCOUNT + ":assumed-role/release-manager/rehearsal", 3600, 600, 30);
  }

  /** The same plan with the approval timing out after {@code seconds} of workflow time. */
  public RehearsalPlan withApprovalTimeout(int seconds) {
    return new RehearsalPlan(migrationId, blueBucket, greenBucket, reportBucket, prefix, blueDistribution, greenDistribution, hostname,
        hostedZoneId, zoneName, approver, seconds, bakeSeconds, bakePollSeconds);
  }

  /** The plan in {@code mode} ({@code MIGRATE}, {@code VALIDATE_ONLY}, {@code ROLLBACK}). */
  public ObjectNode json(String mode) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode plan = f.objectNode();
    plan.put("migrationId", migrationId);
    plan.put("mode", mode);
    ObjectNode source = plan.putObject("source");
    source.put("accountId", BLUE_ACCOUNT).put("region", LocalWorld.REGION).put("bucket", blueBucket).put("prefix", prefix)
        .put("distributionId", blueDistribution).put("roleArn", "arn:aws:iam::" + BLUE_ACCOUNT + ":role/cutover-source");
    ObjectNode target = plan.putObject("target");
    target.put("accountId", GREEN_ACCOUNT).put("region", LocalWorld.REGION).put("bucket", greenBucket)
        .put("distributionId", greenDistribution).put("roleArn", "arn:aws:iam::" + GREEN_ACCOUNT + ":role/cutover-target");
    plan.putObject("dns").put("hostname", hostname).put("hostedZoneId", hostedZoneId).put("zoneName", zoneName);
    ObjectNode validation = plan.putObject("validation");
    validation.put("mismatchTolerance", 0).put("logScanWindowDays", 1).put("logScanTopN", 1000).put("probeSampleSize", 20);
    if (mode.equals("MIGRATE")) {
      ObjectNode approval = plan.putObject("approval");
      approval.put("timeoutSeconds", approvalTimeoutSeconds);
      ArrayNode approvers = approval.putArray("approvers");
      approvers.add("arn:aws:iam::" + GREEN_ACCOUNT + ":role/release-manager");
      approval.put("approverMustDifferFromStarter", true);
      plan.putObject("bake").put("durationSeconds", bakeSeconds).put("pollIntervalSeconds", bakePollSeconds)
          .put("max5xxErrorRatePercent", 1.0).put("max4xxErrorRatePercent", 10.0);
    }
    plan.putObject("batch").put("reportBucket", reportBucket).put("reportPrefix", "cutover/").put("priority", 10);
    return plan;
  }
}
