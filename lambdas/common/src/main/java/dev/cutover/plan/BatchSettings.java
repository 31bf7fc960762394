package dev.cutover.plan;

/**
 * Where S3 Batch Operations jobs report, and cutover keeps its reports and the state it needs to
 * roll back.
 *
 * @param reportBucket a bucket in the target account that is neither blue nor green
 * @param reportPrefix key prefix for everything cutover writes there
 * @param priority S3 Batch Operations job priority (higher runs first)
 */
public record BatchSettings(@Required String reportBucket, String reportPrefix, Integer priority) {

  public BatchSettings {
    reportPrefix = reportPrefix == null ? PlanDefaults.REPORT_PREFIX : reportPrefix;
    priority = priority == null ? PlanDefaults.BATCH_PRIORITY : priority;
  }
}
