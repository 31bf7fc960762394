package dev.cutover.cutover;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What an action did, small enough for the state's output; fields an action has nothing to say
 * about are left out. The workflow's Choice states read {@code outcome}, {@code changeId}, {@code
 * dnsStatus} and {@code distributionStatus}.
 *
 * @param action the action asked for
 * @param outcome what happened
 * @param changed whether this call changed the world (a record, a distribution, the zone)
 * @param hostname the hostname that moves
 * @param record where the cutover record is ({@code s3://...})
 * @param changeId the Route 53 change to wait for (POINT_DNS, RESTORE_DNS when they submitted one;
 *     DNS_STATUS)
 * @param dnsStatus {@code PENDING} or {@code INSYNC}
 * @param side the distribution an alias or status action was about
 * @param distributionId its id
 * @param distributionStatus {@code InProgress} or {@code Deployed}
 * @param aliases that distribution's aliases after an alias action
 * @param retries attempts repeated inside this call (zone busy, configuration changed in between)
 * @param check CHECK's findings
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepResult(
    String action,
    Outcome outcome,
    boolean changed,
    String hostname,
    String record,
    String changeId,
    String dnsStatus,
    SideName side,
    String distributionId,
    String distributionStatus,
    List<String> aliases,
    Integer retries,
    CheckReport check) {

  /** What happened. */
  public enum Outcome {
    /** CHECK: the move can be made; see {@code check}. */
    CHECKED,
    /** RECORD: the record was written by this call. */
    RECORDED,
    /** RECORD: a record for this migration was already there and was kept. */
    ALREADY_RECORDED,
    /** POINT_DNS, RESTORE_DNS: a change was submitted; wait for {@code changeId} to be INSYNC. */
    DNS_CHANGE_SUBMITTED,
    /** POINT_DNS: the record already points at green; nothing was submitted. */
    DNS_ALREADY_POINTED,
    /** RESTORE_DNS: the record already holds the recorded value; nothing was submitted. */
    DNS_ALREADY_RESTORED,
    /** DNS_STATUS: the change is not yet on every Route 53 name server. */
    DNS_PENDING,
    /** DNS_STATUS: the change is on every Route 53 name server. */
    DNS_INSYNC,
    /** DETACH_BLUE, DETACH_GREEN: the alias was removed. */
    ALIAS_REMOVED,
    /** DETACH_BLUE, DETACH_GREEN: the distribution did not hold the alias; nothing was written. */
    ALIAS_ALREADY_ABSENT,
    /** ATTACH_GREEN, ATTACH_BLUE: the alias was added. */
    ALIAS_ADDED,
    /** ATTACH_GREEN, ATTACH_BLUE: the distribution already held the alias; nothing was written. */
    ALIAS_ALREADY_PRESENT,
    /**
     * DETACH_GREEN, ATTACH_BLUE: the record says this distribution's hold on the alias was not
     * changed by the cutover (green held it before, or blue did not), so there is nothing to undo.
     */
    ALIAS_UNCHANGED_BY_CUTOVER,
    /** DISTRIBUTION_STATUS: the last change is still reaching the edge locations. */
    DISTRIBUTION_IN_PROGRESS,
    /** DISTRIBUTION_STATUS: the last change is live everywhere. */
    DISTRIBUTION_DEPLOYED,
    /** Rollback: no cutover record exists, so the cutover changed nothing; nothing was done. */
    NOTHING_RECORDED
  }

  static StepResult of(Action action, Outcome outcome, boolean changed, Migration m) {
    return new StepResult(action.name(), outcome, changed, m.hostname(), m.record().uri(), null, null, null, null, null, null, null, null);
  }

  StepResult withDns(String id, String status) {
    return new StepResult(action, outcome, changed, hostname, record, id, status, side, distributionId, distributionStatus, aliases, retries, check);
  }

  StepResult withDistribution(SideName s, String id, String status, List<String> aliasList) {
    return new StepResult(action, outcome, changed, hostname, record, changeId, dnsStatus, s, id, status, aliasList, retries, check);
  }

  StepResult withRetries(int count) {
    return new StepResult(action, outcome, changed, hostname, record, changeId, dnsStatus, side, distributionId, distributionStatus, aliases, count, check);
  }

  StepResult withCheck(CheckReport report) {
    return new StepResult(action, outcome, changed, hostname, record, changeId, dnsStatus, side, distributionId, distributionStatus, aliases, retries, report);
  }
}
