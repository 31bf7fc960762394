package dev.cutover.cutover;

import dev.cutover.cutover.StepResult.Outcome;
import dev.cutover.cutover.port.AliasEdit;
import dev.cutover.cutover.port.AliasHolder;
import dev.cutover.cutover.port.AliasTakenException;
import dev.cutover.cutover.port.Distribution;
import dev.cutover.cutover.port.DistributionRef;
import dev.cutover.cutover.port.DnsChange;
import dev.cutover.cutover.port.DnsRecord;
import dev.cutover.cutover.port.RecordMismatchException;
import dev.cutover.errors.ConcurrentChangeException;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.plan.PlanProblem;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * What the cutover and the rollback do alike, for one invocation: read the record, change the
 * hostname's records by compare-and-swap, edit a distribution's aliases on condition that its
 * configuration did not move, name who holds an alias CloudFront refused, and answer the status
 * actions the workflow polls.
 */
final class Moves {

  private static final Pattern CHANGE_ID = Pattern.compile("C[A-Z0-9]{1,31}");

  private final Ports ports;
  private final Retrier retrier;

  Moves(Ports ports, Retrier retrier) {
    this.ports = ports;
    this.retrier = retrier;
  }

  Retrier retrier() {
    return retrier;
  }

  Distribution describe(DistributionRef ref) {
    return ports.distributions().describe(ref);
  }

  // ------------------------------------------------------------------ record

  /** The cutover record of this migration, checked against the plan; empty when none was written. */
  Optional<CutoverRecord> record(Migration m) {
    return ports.records().read(m.record()).map(bytes -> CutoverRecord.parse(bytes, m));
  }

  /** The record, which every changing cutover action needs: the undo is registered first. */
  CutoverRecord requireRecord(Migration m, Action action) {
    return record(m)
        .orElseThrow(
            () ->
                new PreconditionFailedException(
                    "There is no cutover record at " + m.record().uri() + ", so " + action.name()
                        + " will not change anything: RECORD must run first, so that a rollback"
                        + " knows exactly what to put back. Run RECORD, then " + action.name()
                        + ". Nothing was changed."));
  }

  // ------------------------------------------------------------------ DNS

  /** The hostname's A, AAAA and CNAME record sets, as the zone holds them. */
  List<DnsRecord> routingRecords(Migration m) {
    return DnsRecords.routing(
        retrier.call(
            "ListResourceRecordSets on " + m.zone().hostedZoneId(),
            () -> ports.zone().records(m.zone(), m.hostname())));
  }

  /**
   * Replaces {@code from} with {@code to} by compare-and-swap: nothing happens when the records
   * already are {@code to}; a change is submitted when they are {@code from} (the delete half of
   * the batch repeats exactly what the zone holds, so a change by someone else in between makes
   * Route 53 refuse the whole batch); anything else is someone else's change, which is never
   * overwritten.
   *
   * @return the submitted change; empty when the records already were {@code to}
   * @throws ConcurrentChangeException when the records are neither
   */
  Optional<DnsChange> swap(
      Migration m, List<DnsRecord> from, String fromName, List<DnsRecord> to, String toName, String comment) {
    List<DnsRecord> current = routingRecords(m);
    if (DnsRecords.same(current, to)) {
      return Optional.empty();
    }
    if (!DnsRecords.same(current, from)) {
      throw changedBySomeoneElse(m, current, from, fromName, to, toName);
    }
    try {
      return Optional.of(
          retrier.call(
              "ChangeResourceRecordSets on " + m.zone().hostedZoneId(),
              () -> ports.zone().replace(m.zone(), current, to, comment)));
    } catch (RecordMismatchException e) {
      // The records moved between our read and our change. If they now hold what we wanted, an
      // earlier attempt of ours (one whose answer was lost) got there first.
      List<DnsRecord> now = routingRecords(m);
      if (DnsRecords.same(now, to)) {
        return Optional.empty();
      }
      if (DnsRecords.same(now, from)) {
        // Nothing moved: Route 53 refused the batch for another reason (a conflicting record type).
        throw new PreconditionFailedException(
            e.getMessage() + ". The record " + m.hostname() + " in hosted zone "
                + m.zone().hostedZoneId() + " still holds " + fromName + " ("
                + DnsRecords.describe(now) + "); nothing was changed. Fix what Route 53 names, then"
                + " run this step again.", e);
      }
      ConcurrentChangeException changed = changedBySomeoneElse(m, now, from, fromName, to, toName);
      changed.addSuppressed(e);
      throw changed;
    }
  }

  private static ConcurrentChangeException changedBySomeoneElse(
      Migration m, List<DnsRecord> now, List<DnsRecord> from, String fromName, List<DnsRecord> to, String toName) {
    return new ConcurrentChangeException(
        "The record " + m.hostname() + " in hosted zone " + m.zone().hostedZoneId() + " was changed"
            + " by someone else during the cutover: it now holds " + DnsRecords.describe(now)
            + ", which is neither " + fromName + " (" + DnsRecords.describe(from) + ") nor "
            + toName + " (" + DnsRecords.describe(to) + "). cutover does not overwrite another"
            + " change, so nothing was changed. Find out who changed it and why. Then either set "
            + toName + " by hand, or put back " + fromName + " and run this step again.");
  }

  /** A submitted change's status, for the DNS_STATUS actions. */
  StepResult dnsStatus(Action action, Migration m, String changeId) {
    String id = changeId(changeId);
    DnsChange change =
        retrier.call("GetChange " + id, () -> ports.zone().change(m.zone(), id));
    Outcome outcome = DnsChange.INSYNC.equals(change.status()) ? Outcome.DNS_INSYNC : Outcome.DNS_PENDING;
    return StepResult.of(action, outcome, false, m).withDns(change.id(), change.status());
  }

  /** The change id without Route 53's {@code /change/} prefix. */
  static String changeId(String given) {
    String id = given.startsWith("/change/") ? given.substring("/change/".length()) : given;
    if (!CHANGE_ID.matcher(id).matches()) {
      throw new InvalidPlanException(
          List.of(
              new PlanProblem(
                  "changeId",
                  "\"" + given + "\" is not a Route 53 change id; pass the changeId the DNS step"
                      + " returned, e.g. \"C2682N5HXP0BZ4\".")));
    }
    return id;
  }

  // ------------------------------------------------------------------ aliases

  /** Edits a distribution's aliases, re-reading and trying again when its configuration moved. */
  AliasEdit editAliases(String what, DistributionRef ref, UnaryOperator<List<String>> edit) {
    return retrier.call(what, () -> ports.distributions().editAliases(ref, edit));
  }

  /**
   * The error for CloudFront's CNAMEAlreadyExists: who holds {@code alias}, asked with {@code
   * validator} (a distribution of the caller whose certificate covers it).
   */
  ConcurrentChangeException aliasTaken(
      String alias, String targetName, DistributionRef target, DistributionRef validator, AliasTakenException e) {
    List<AliasHolder> holders =
        ports.distributions().holders(validator, alias).stream()
            .filter(h -> Names.same(h.alias(), alias))
            .filter(h -> !h.couldBe(target.distributionId(), target.accountId()))
            .toList();
    String who =
        holders.isEmpty()
            ? "ListDomainConflicts names no distribution holding it, so it was probably released"
                + " again in between"
            : "it is held by " + String.join(", ", holders.stream().map(AliasHolder::toString).toList());
    return new ConcurrentChangeException(
        "CloudFront refused to add " + alias + " to " + targetName + " distribution "
            + target.distributionId() + " (CNAMEAlreadyExists): " + who + ". An alias can sit on"
            + " only one distribution, and that one took it after cutover checked. Nothing was"
            + " changed; a wildcard alias covering it keeps serving it meanwhile. Remove " + alias
            + " from that distribution, then run this step again.",
        e);
  }

  /** A distribution's status, for the DISTRIBUTION_STATUS actions. */
  StepResult distributionStatus(Action action, Migration m, SideName side) {
    Distribution d = describe(m.distribution(side));
    Outcome outcome = d.deployed() ? Outcome.DISTRIBUTION_DEPLOYED : Outcome.DISTRIBUTION_IN_PROGRESS;
    return StepResult.of(action, outcome, false, m).withDistribution(side, d.id(), d.status(), d.aliases());
  }
}
