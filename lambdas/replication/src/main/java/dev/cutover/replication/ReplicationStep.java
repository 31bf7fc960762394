package dev.cutover.replication;

import dev.cutover.errors.ConcurrentChangeException;
import dev.cutover.errors.InternalErrorException;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.errors.TransientException;
import dev.cutover.plan.Arn;
import dev.cutover.plan.Mode;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanProblem;
import dev.cutover.plan.Side;
import dev.cutover.replication.ReplicationConfig.Rule;
import dev.cutover.replication.ReplicationResult.Outcome;
import dev.cutover.replication.port.Bucket;
import dev.cutover.replication.port.BucketReplication;
import dev.cutover.replication.port.RecordStore;
import dev.cutover.replication.port.Versioning;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Step 2 of the migration: a replication rule blue → green, and its undo for rollback.
 *
 * <p>ENABLE records blue's replication configuration before it changes anything (the undo is
 * registered before the action), byte for byte as S3 returned it and only once per migration, then
 * puts the configuration with cutover's rule added and every other rule kept. RESTORE puts the
 * record back, or deletes the configuration when there was none, and leaves the record in place.
 * Both are idempotent, and both refuse, before changing anything, when the configuration was
 * changed by someone else in between: putting the record back would silently undo their change.
 */
public final class ReplicationStep {

  /** S3's limit on the rules of one replication configuration. */
  private static final int MAX_RULES = 1000;

  private static final int MAX_IDS_IN_MESSAGES = 5;

  /** The record of a bucket that had no configuration: S3 never returns an empty one. */
  private static final byte[] NO_CONFIGURATION = new byte[0];

  private final BucketReplication replication;
  private final RecordStore records;
  private final String replicationRoleArn;

  /**
   * @param replicationRoleArn the role S3 assumes to replicate, from the function's configuration;
   *     may be {@code null} here and is only required to enable
   */
  public ReplicationStep(BucketReplication replication, RecordStore records, String replicationRoleArn) {
    this.replication = replication;
    this.records = records;
    this.replicationRoleArn = replicationRoleArn;
  }

  /**
   * @param executionId the execution asking, kept with the record of the original configuration
   */
  public ReplicationResult enable(String executionId, Plan plan) {
    requireMode(plan, Action.ENABLE, Set.of(Mode.MIGRATE));
    String role = replicationRole(plan);
    // PlanValidator refuses a blue key without green's, so SSE-KMS objects are never skipped.
    String replicaKey = plan.target().kmsKeyArn();
    Bucket source = source(plan);
    Bucket reports = reports(plan);
    String key = recordKey(plan);
    String ruleId = CutoverRule.idFor(plan.migrationId());

    requireVersioning(source);
    Optional<byte[]> currentBytes = replication.configuration(source);
    Optional<ReplicationConfig> current = currentBytes.map(b -> fromS3(b, source));
    List<Rule> others = current.map(c -> c.withoutRule(ruleId).rules()).orElse(List.of());
    current.filter(c -> !others.isEmpty()).ifPresent(c -> requireRoomForRule(c, others, role, source));
    CutoverRule rule =
        new CutoverRule(
            ruleId,
            priorityAbove(others, source),
            plan.source().prefixOrEmpty(),
            "arn:" + partition(plan.target()) + ":s3:::" + plan.target().bucket(),
            plan.target().accountId(),
            plan.replication().replicateDeleteMarkers(),
            replicaKey);
    boolean ours = current.flatMap(c -> c.rule(ruleId)).isPresent();

    Optional<byte[]> recorded = records.read(reports, key);
    boolean recordedNow = false;
    if (recorded.isEmpty()) {
      if (ours) {
        throw new PreconditionFailedException(
            "Bucket " + source.name() + " already has cutover's replication rule \"" + ruleId
                + "\", but no original configuration is recorded at " + location(reports, key)
                + ", so a rollback could not restore the configuration from before cutover. If the"
                + " record was moved or deleted, put it back. Otherwise remove the rule \"" + ruleId
                + "\" from the bucket's replication configuration (delete the configuration if it"
                + " is the only rule) and start again. Nothing was changed.");
      }
      byte[] original = currentBytes.orElse(NO_CONFIGURATION);
      recordedNow = records.createIfAbsent(reports, key, original, executionId);
      recorded = recordedNow ? Optional.of(original) : records.read(reports, key);
      if (recorded.isEmpty()) {
        throw new TransientException(
            "The record at " + location(reports, key) + " exists but could not be read yet; retry.");
      }
    }
    if (!recordedNow) {
      Optional<ReplicationConfig> original = fromRecord(recorded.get(), reports, key);
      Optional<ReplicationConfig> withoutOurs = current.map(c -> c.withoutRule(ruleId));
      if (!ReplicationConfig.sameRules(withoutOurs, original)) {
        throw new ConcurrentChangeException(
            "The replication configuration of bucket " + source.name() + " changed since cutover"
                + " recorded it at " + location(reports, key) + " (besides cutover's rule, compared"
                + " with the record: " + difference(withoutOurs, original) + "). Adding the rule"
                + " now, and restoring the record on"
                + " rollback, would undo that change. If the change is intended and cutover's rule"
                + " is not on the bucket, delete the record so the current configuration is"
                + " recorded instead, and start again. Nothing was changed.");
      }
    }

    ReplicationResult.Outcome outcome;
    boolean roleInPlace = current.flatMap(ReplicationConfig::role).filter(role::equals).isPresent();
    if (current.isPresent() && current.get().hasRule(rule) && roleInPlace) {
      outcome = Outcome.ALREADY_ENABLED;
    } else {
      ReplicationConfig base =
          others.isEmpty() ? ReplicationConfig.withRole(role) : current.orElseThrow();
      replication.putConfiguration(source, base.withRule(rule).toXml());
      outcome = ours ? Outcome.RULE_UPDATED : Outcome.RULE_ADDED;
    }
    return new ReplicationResult(
        Action.ENABLE,
        outcome,
        outcome != Outcome.ALREADY_ENABLED,
        source.name(),
        ruleId,
        rule.priority(),
        others.size(),
        location(reports, key),
        recorded.get().length > 0,
        recordedNow);
  }

  public ReplicationResult restore(Plan plan) {
    requireMode(plan, Action.RESTORE, Set.of(Mode.MIGRATE, Mode.ROLLBACK));
    Bucket source = source(plan);
    Bucket reports = reports(plan);
    String key = recordKey(plan);
    String ruleId = CutoverRule.idFor(plan.migrationId());

    Optional<byte[]> recorded = records.read(reports, key);
    Optional<ReplicationConfig> current =
        replication.configuration(source).map(b -> fromS3(b, source));
    boolean ours = current.flatMap(c -> c.rule(ruleId)).isPresent();
    Optional<ReplicationConfig> withoutOurs = current.map(c -> c.withoutRule(ruleId));

    if (recorded.isEmpty()) {
      if (ours) {
        throw new PreconditionFailedException(
            "Bucket " + source.name() + " has cutover's replication rule \"" + ruleId + "\" but no"
                + " original configuration is recorded at " + location(reports, key) + ", so"
                + " cutover cannot tell what to put back. Remove the rule \"" + ruleId + "\" from"
                + " the bucket's replication configuration by hand (delete the configuration if it"
                + " is the only rule). Nothing was changed.");
      }
      return new ReplicationResult(
          Action.RESTORE, Outcome.NOTHING_TO_RESTORE, false, source.name(), ruleId, null,
          ruleCount(current), location(reports, key), null, null);
    }

    byte[] originalBytes = recorded.get();
    Optional<ReplicationConfig> original = fromRecord(originalBytes, reports, key);
    Outcome outcome;
    if (!ours && ReplicationConfig.sameRules(current, original)) {
      outcome = Outcome.ALREADY_RESTORED;
    } else if (ours && ReplicationConfig.sameRules(withoutOurs, original)) {
      if (original.isEmpty()) {
        replication.deleteConfiguration(source);
        outcome = Outcome.CONFIGURATION_DELETED;
      } else {
        replication.putConfiguration(source, originalBytes);
        outcome = Outcome.ORIGINAL_PUT;
      }
    } else {
      throw new ConcurrentChangeException(
          "The replication configuration of bucket " + source.name() + " was changed by someone"
              + " else since cutover " + (ours ? "added its rule \"" + ruleId + "\"" : "recorded it")
              + " (besides cutover's rule, compared with the original recorded at "
              + location(reports, key) + ": " + difference(withoutOurs, original)
              + "). Putting the original back would undo that change, so"
              + " nothing was changed. Restore by hand: remove the rule \"" + ruleId + "\" from"
              + " the current configuration, or put the recorded original back if the other change"
              + " should be undone too.");
    }
    return new ReplicationResult(
        Action.RESTORE,
        outcome,
        outcome == Outcome.ORIGINAL_PUT || outcome == Outcome.CONFIGURATION_DELETED,
        source.name(),
        ruleId,
        null,
        ruleCount(original),
        location(reports, key),
        original.isPresent(),
        null);
  }

  private static void requireMode(Plan plan, Action action, Set<Mode> allowed) {
    if (!allowed.contains(plan.mode())) {
      throw new InvalidPlanException(
          List.of(
              new PlanProblem(
                  "plan.mode",
                  plan.mode() + " runs do not " + (action == Action.ENABLE ? "enable" : "restore")
                      + " replication; " + action + " belongs to "
                      + allowed.stream().map(Mode::name).sorted().collect(Collectors.joining(" and "))
                      + " runs. Check the action the state machine passes.")));
    }
  }

  private String replicationRole(Plan plan) {
    String account = plan.source().accountId();
    if (replicationRoleArn == null || replicationRoleArn.isBlank()) {
      throw new PreconditionFailedException(
          ReplicationHandler.REPLICATION_ROLE_ARN + " is not set on this function. It names the"
              + " IAM role S3 assumes to replicate blue to green: a role in the source account "
              + account + " that may read " + plan.source().bucket() + " and replicate into "
              + plan.target().bucket() + ". Set it in the function's environment and start again."
              + " Nothing was changed.");
    }
    String role = replicationRoleArn.strip();
    Optional<Arn> arn = Arn.parse(role);
    if (arn.isEmpty() || !arn.get().service().equals("iam") || !arn.get().resource().startsWith("role/")) {
      throw new PreconditionFailedException(
          ReplicationHandler.REPLICATION_ROLE_ARN + " is \"" + role + "\", which is not an IAM role"
              + " ARN; set it to arn:aws:iam::" + account + ":role/NAME. Nothing was changed.");
    }
    if (!arn.get().accountId().equals(account)) {
      throw new PreconditionFailedException(
          ReplicationHandler.REPLICATION_ROLE_ARN + " names a role in account "
              + arn.get().accountId() + ", but S3 only assumes a replication role of the source"
              + " bucket's owner, account " + account + ". Use a role of that account. Nothing was"
              + " changed.");
    }
    return role;
  }

  private void requireVersioning(Bucket source) {
    Versioning versioning = replication.versioning(source);
    if (versioning != Versioning.ENABLED) {
      String state =
          versioning == Versioning.SUSPENDED ? "is suspended" : "has never been enabled";
      throw new PreconditionFailedException(
          "Versioning " + state + " on the source bucket " + source.name() + ", and S3"
              + " replication needs it enabled. Enable it (aws s3api put-bucket-versioning --bucket "
              + source.name() + " --versioning-configuration Status=Enabled) and start again."
              + " Nothing was changed.");
    }
  }

  /** The other rules must be V2 and share cutover's role: S3 allows one role per configuration. */
  private static void requireRoomForRule(
      ReplicationConfig current, List<Rule> others, String role, Bucket source) {
    List<String> v1 = others.stream().filter(r -> !r.isV2()).map(Rule::id).toList();
    if (!v1.isEmpty()) {
      throw new PreconditionFailedException(
          "The replication configuration of bucket " + source.name() + " uses the V1 schema"
              + " (rules " + ids(v1) + " have no Filter). S3 does not take cutover's V2 rule"
              + " (Filter, Priority, DeleteMarkerReplication) beside V1 rules. Convert those rules"
              + " to V2 (a Filter with their Prefix, a Priority, and DeleteMarkerReplication) and"
              + " start again. Nothing was changed.");
    }
    String theirs = current.role().orElse("(none)");
    if (!theirs.equals(role)) {
      throw new PreconditionFailedException(
          "The replication configuration of bucket " + source.name() + " uses the role " + theirs
              + " for its rules " + ids(others.stream().map(Rule::id).toList()) + ", but "
              + ReplicationHandler.REPLICATION_ROLE_ARN + " is " + role + ". S3 allows one role per"
              + " configuration, and replacing it would change how those rules replicate. Either"
              + " set " + ReplicationHandler.REPLICATION_ROLE_ARN + " to " + theirs + " and allow"
              + " that role to replicate into the target bucket, or move those rules to " + role
              + "; then start again. Nothing was changed.");
    }
    if (others.size() >= MAX_RULES) {
      throw new PreconditionFailedException(
          "The replication configuration of bucket " + source.name() + " already has "
              + others.size() + " rules, the most S3 allows, so cutover's rule cannot be added."
              + " Merge or remove rules and start again. Nothing was changed.");
    }
  }

  private static int priorityAbove(List<Rule> others, Bucket source) {
    int highest = 0;
    for (Rule rule : others) {
      try {
        highest = Math.max(highest, rule.priority().orElse(0));
      } catch (NumberFormatException e) {
        throw new InternalErrorException(
            "S3 returned rule \"" + rule.id() + "\" of bucket " + source.name()
                + " with a priority that is not a number: " + e.getMessage(), e);
      }
    }
    if (highest == Integer.MAX_VALUE) {
      throw new PreconditionFailedException(
          "A replication rule of bucket " + source.name() + " has the highest possible priority ("
              + highest + "), so cutover's rule cannot be given a higher one. Lower that rule's"
              + " priority and start again. Nothing was changed.");
    }
    return highest + 1;
  }

  private static ReplicationConfig fromS3(byte[] xml, Bucket source) {
    try {
      return ReplicationConfig.parse(xml);
    } catch (IllegalArgumentException e) {
      throw new InternalErrorException(
          "GetBucketReplication on " + source.name() + " returned a body cutover cannot read: "
              + e.getMessage(), e);
    }
  }

  /** The recorded configuration; empty when blue had none. */
  private static Optional<ReplicationConfig> fromRecord(byte[] record, Bucket reports, String key) {
    if (record.length == 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(ReplicationConfig.parse(record));
    } catch (IllegalArgumentException e) {
      throw new PreconditionFailedException(
          "The record at " + location(reports, key) + " is not a replication configuration: "
              + e.getMessage() + ". It must hold the bytes GetBucketReplication returned before"
              + " cutover (or be empty when there was no configuration); put those back. Nothing"
              + " was changed.", e);
    }
  }

  private static Bucket source(Plan plan) {
    Side s = plan.source();
    return new Bucket(s.bucket(), s.accountId(), s.region(), s.roleArn(), plan.migrationId());
  }

  /** The report bucket lives in the target account (see BatchSettings). */
  private static Bucket reports(Plan plan) {
    Side t = plan.target();
    return new Bucket(plan.batch().reportBucket(), t.accountId(), t.region(), t.roleArn(), plan.migrationId());
  }

  private static String recordKey(Plan plan) {
    return plan.batch().reportPrefix() + plan.migrationId() + "/replication/original.xml";
  }

  private static String location(Bucket bucket, String key) {
    return "s3://" + bucket.name() + "/" + key;
  }

  /** The partition of green's ARNs; the plan's validation keeps its role in green's partition. */
  private static String partition(Side target) {
    return Arn.parse(target.roleArn()).map(Arn::partition).orElse("aws");
  }

  private static int ruleCount(Optional<ReplicationConfig> config) {
    return config.map(c -> c.rules().size()).orElse(0);
  }

  /** How {@code now} differs from {@code recorded}, by rule id, for an operator to act on. */
  private static String difference(
      Optional<ReplicationConfig> now, Optional<ReplicationConfig> recorded) {
    Map<String, String> current = rulesById(now);
    Map<String, String> before = rulesById(recorded);
    List<String> parts = new ArrayList<>();
    List<String> added = current.keySet().stream().filter(id -> !before.containsKey(id)).toList();
    List<String> removed = before.keySet().stream().filter(id -> !current.containsKey(id)).toList();
    List<String> changed =
        current.keySet().stream()
            .filter(id -> before.containsKey(id) && !before.get(id).equals(current.get(id)))
            .toList();
    if (!added.isEmpty()) {
      parts.add("added " + ids(added));
    }
    if (!removed.isEmpty()) {
      parts.add("removed " + ids(removed));
    }
    if (!changed.isEmpty()) {
      parts.add("changed " + ids(changed));
    }
    Optional<String> roleNow = now.flatMap(ReplicationConfig::role);
    Optional<String> roleBefore = recorded.flatMap(ReplicationConfig::role);
    if (!current.isEmpty() && !before.isEmpty() && !roleNow.equals(roleBefore)) {
      parts.add("role " + roleBefore.orElse("(none)") + " became " + roleNow.orElse("(none)"));
    }
    return parts.isEmpty() ? "the same rules" : String.join("; ", parts);
  }

  private static Map<String, String> rulesById(Optional<ReplicationConfig> config) {
    Map<String, String> rules = new LinkedHashMap<>();
    config.ifPresent(c -> c.rules().forEach(r -> rules.put(r.id(), r.canonical())));
    return rules;
  }

  private static String ids(List<String> ids) {
    String shown =
        ids.stream().limit(MAX_IDS_IN_MESSAGES).map(id -> "\"" + id + "\"").collect(Collectors.joining(", "));
    return ids.size() > MAX_IDS_IN_MESSAGES
        ? shown + " and " + (ids.size() - MAX_IDS_IN_MESSAGES) + " more"
        : shown;
  }
}
