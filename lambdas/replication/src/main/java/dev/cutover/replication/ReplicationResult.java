package dev.cutover.replication;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the step did, small enough for the state's output. The configuration itself stays in S3:
 * on the bucket, and recorded at {@code original}.
 *
 * @param action the action asked for
 * @param outcome what happened
 * @param changed whether blue's replication configuration was changed by this call
 * @param sourceBucket blue's bucket
 * @param ruleId cutover's rule in blue's configuration
 * @param priority the rule's priority (ENABLE only)
 * @param otherRules rules of other owners in the configuration, kept as they were
 * @param original where the configuration from before cutover is recorded ({@code s3://...})
 * @param originalHadConfiguration whether blue had a replication configuration before cutover;
 *     absent when nothing was recorded
 * @param originalRecordedNow whether this call wrote the record (ENABLE only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplicationResult(
    Action action,
    Outcome outcome,
    boolean changed,
    String sourceBucket,
    String ruleId,
    Integer priority,
    int otherRules,
    String original,
    Boolean originalHadConfiguration,
    Boolean originalRecordedNow) {

  /** What happened to blue's replication configuration. */
  public enum Outcome {
    /** ENABLE: cutover's rule was added. */
    RULE_ADDED,
    /** ENABLE: cutover's rule was there with other settings and was replaced. */
    RULE_UPDATED,
    /** ENABLE: cutover's rule was already there as wanted; nothing was put. */
    ALREADY_ENABLED,
    /** RESTORE: the recorded configuration was put back. */
    ORIGINAL_PUT,
    /** RESTORE: blue had no configuration before cutover, so it was deleted. */
    CONFIGURATION_DELETED,
    /** RESTORE: blue's configuration already is the recorded one; nothing was changed. */
    ALREADY_RESTORED,
    /** RESTORE: nothing was recorded and cutover's rule is not there: ENABLE never changed it. */
    NOTHING_TO_RESTORE
  }
}
