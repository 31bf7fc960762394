package dev.cutover.cutover;

import dev.cutover.cutover.StepResult.Outcome;
import dev.cutover.cutover.port.AliasEdit;
import dev.cutover.cutover.port.AliasTakenException;
import dev.cutover.cutover.port.Distribution;
import dev.cutover.cutover.port.DnsChange;
import dev.cutover.errors.PreconditionFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Step 11 of the migration, the reverse of {@link CutoverStep}, driven only by the cutover record:
 * whatever the cutover got to, rollback puts back what the record says was there. Every action is
 * a no-op when its part was never changed (no record at all means the cutover changed nothing),
 * so rollback is safe to start from any point of the cutover and safe to run twice. It never
 * deletes an object, and leaves the record in place.
 *
 * <p>The order is the cutover's mirrored, and keeps the hostname served throughout:
 *
 * <ol>
 *   <li>{@link RollbackAction#DETACH_GREEN}: green lets go of the exact alias. Its wildcard still
 *       matches the hostname, so green keeps serving it (it refuses when green no longer holds the
 *       wildcard, since nothing would serve the hostname then).
 *   <li>{@link RollbackAction#ATTACH_BLUE} (after green is Deployed): blue takes the exact alias
 *       back. As that reaches each edge location, the exact alias wins over green's wildcard and
 *       blue serves again. Blue cannot take it earlier: an alias sits on one distribution at a time.
 *   <li>{@link RollbackAction#RESTORE_DNS}: the record goes back to what was recorded, by the same
 *       compare-and-swap as the cutover (it refuses to overwrite a value someone else set). Routing
 *       already is blue's at this point; the record follows.
 * </ol>
 *
 * <p>The replication configuration is not this module's: after these actions the state machine
 * calls the replication step's {@code RESTORE} action, which puts blue's recorded configuration
 * back.
 */
final class RollbackStep {

  private final Ports ports;
  private final Backoff backoff;
  private final Sleeper sleeper;

  RollbackStep(Ports ports, Backoff backoff, Sleeper sleeper) {
    this.ports = ports;
    this.backoff = backoff;
    this.sleeper = sleeper;
  }

  StepResult run(RollbackAction action, Migration m, String changeId, SideName side) {
    Moves moves = new Moves(ports, new Retrier(backoff, sleeper));
    StepResult result =
        switch (action) {
          case DETACH_GREEN -> detachGreen(moves, m);
          case DISTRIBUTION_STATUS -> moves.distributionStatus(action, m, side);
          case ATTACH_BLUE -> attachBlue(moves, m);
          case RESTORE_DNS -> restoreDns(moves, m);
          case DNS_STATUS -> moves.dnsStatus(action, m, changeId);
        };
    return moves.retrier().retries() == 0 ? result : result.withRetries(moves.retrier().retries());
  }

  private StepResult detachGreen(Moves moves, Migration m) {
    Optional<CutoverRecord> record = moves.record(m);
    if (record.isEmpty()) {
      return StepResult.of(RollbackAction.DETACH_GREEN, Outcome.NOTHING_RECORDED, false, m);
    }
    String host = m.hostname();
    if (record.get().green().held(host)) {
      return StepResult.of(RollbackAction.DETACH_GREEN, Outcome.ALIAS_UNCHANGED_BY_CUTOVER, false, m);
    }
    AliasEdit edit =
        moves.editAliases(
            "UpdateDistribution on green " + m.green().distributionId(),
            m.green(),
            aliases -> {
              if (!aliases.contains(host)) {
                return aliases;
              }
              if (!aliases.contains(m.wildcard())) {
                throw new PreconditionFailedException(
                    "Refusing to remove " + host + " from green's distribution "
                        + m.green().distributionId() + ": green no longer holds the wildcard alias "
                        + m.wildcard() + ", so no distribution would serve " + host + " until blue"
                        + " takes it back. Add " + m.wildcard() + " to green again and wait until"
                        + " it is Deployed, then run DETACH_GREEN again. Nothing was changed.");
              }
              return aliases.stream().filter(a -> !a.equals(host)).toList();
            });
    Outcome outcome = edit.changed() ? Outcome.ALIAS_REMOVED : Outcome.ALIAS_ALREADY_ABSENT;
    return StepResult.of(RollbackAction.DETACH_GREEN, outcome, edit.changed(), m)
        .withDistribution(SideName.GREEN, m.green().distributionId(), null, edit.after());
  }

  private StepResult attachBlue(Moves moves, Migration m) {
    Optional<CutoverRecord> record = moves.record(m);
    if (record.isEmpty()) {
      return StepResult.of(RollbackAction.ATTACH_BLUE, Outcome.NOTHING_RECORDED, false, m);
    }
    String host = m.hostname();
    List<String> recorded = record.get().blue().aliases();
    if (!recorded.contains(host)) {
      return StepResult.of(RollbackAction.ATTACH_BLUE, Outcome.ALIAS_UNCHANGED_BY_CUTOVER, false, m);
    }
    AliasEdit edit;
    try {
      edit =
          moves.editAliases(
              "UpdateDistribution on blue " + m.blue().distributionId(),
              m.blue(),
              aliases -> {
                if (aliases.contains(host)) {
                  return aliases;
                }
                Distribution green = moves.describe(m.green());
                if (green.holds(host)) {
                  throw new PreconditionFailedException(
                      "Green's distribution " + green.id() + " still holds " + host + ", and an"
                          + " alias can sit on one distribution only. Run DETACH_GREEN and wait"
                          + " for green to be Deployed first. Nothing was changed.");
                }
                // Back where it was in blue's list, so blue's aliases read as recorded.
                List<String> restored = new ArrayList<>(aliases);
                restored.add(Math.min(recorded.indexOf(host), restored.size()), host);
                return restored;
              });
    } catch (AliasTakenException e) {
      throw moves.aliasTaken(host, "blue's", m.blue(), m.blue(), e);
    }
    Outcome outcome = edit.changed() ? Outcome.ALIAS_ADDED : Outcome.ALIAS_ALREADY_PRESENT;
    return StepResult.of(RollbackAction.ATTACH_BLUE, outcome, edit.changed(), m)
        .withDistribution(SideName.BLUE, m.blue().distributionId(), null, edit.after());
  }

  private StepResult restoreDns(Moves moves, Migration m) {
    Optional<CutoverRecord> record = moves.record(m);
    if (record.isEmpty()) {
      return StepResult.of(RollbackAction.RESTORE_DNS, Outcome.NOTHING_RECORDED, false, m);
    }
    Optional<DnsChange> change =
        moves.swap(
            m,
            record.get().dnsAfter(),
            "the value the cutover set (green's distribution)",
            record.get().dnsBefore(),
            "the value recorded before the cutover",
            "cutover " + m.migrationId() + ": rollback, " + m.hostname() + " back to the recorded value");
    return change
        .map(c -> StepResult.of(RollbackAction.RESTORE_DNS, Outcome.DNS_CHANGE_SUBMITTED, true, m).withDns(c.id(), c.status()))
        .orElseGet(() -> StepResult.of(RollbackAction.RESTORE_DNS, Outcome.DNS_ALREADY_RESTORED, false, m));
  }
}
