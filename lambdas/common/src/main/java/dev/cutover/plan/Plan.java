package dev.cutover.plan;

/**
 * The execution input: everything a run of the workflow needs to know, parsed by {@link Plans}.
 * Sections other than source, target, dns and batch may be left out and take the defaults in
 * {@link PlanDefaults}; the parsed plan carries the effective values, so every step sees the
 * same ones.
 *
 * @param migrationId names this migration; seeds idempotency tokens, S3 report keys and role
 *     session names, so it stays the same across the MIGRATE, VALIDATE_ONLY and ROLLBACK runs of
 *     one migration
 * @param mode what this run does
 * @param source blue: the legacy bucket and distribution
 * @param target green: the new bucket and distribution
 */
public record Plan(
    @Required String migrationId,
    @Required Mode mode,
    @Required Side source,
    @Required Side target,
    @Required Dns dns,
    ValidationSettings validation,
    ApprovalSettings approval,
    BakeSettings bake,
    @Required BatchSettings batch,
    ReplicationSettings replication) {

  public Plan {
    validation = validation == null ? ValidationSettings.defaults() : validation;
    approval = approval == null ? ApprovalSettings.defaults() : approval;
    bake = bake == null ? BakeSettings.defaults() : bake;
    replication = replication == null ? ReplicationSettings.defaults() : replication;
  }

  /** The target's prefix, inherited from the source when the input leaves it out. */
  public String effectiveTargetPrefix() {
    return target.prefix() != null ? target.prefix() : source.prefixOrEmpty();
  }
}
