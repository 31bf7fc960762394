package dev.cutover.cutover;

import dev.cutover.cutover.CutoverRecord.SideRecord;
import dev.cutover.cutover.StepResult.Outcome;
import dev.cutover.cutover.port.AliasEdit;
import dev.cutover.cutover.port.AliasHolder;
import dev.cutover.cutover.port.AliasTakenException;
import dev.cutover.cutover.port.Certificate;
import dev.cutover.cutover.port.CertificateRef;
import dev.cutover.cutover.port.Distribution;
import dev.cutover.cutover.port.DnsChange;
import dev.cutover.cutover.port.DnsRecord;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.errors.TransientException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Step 9 of the migration: the hostname moves from blue to green by the wildcard method (DESIGN.md
 * §1). CloudFront routes a request by its Host header to the distribution holding the most
 * specific matching alias, whatever DNS says, and an alias sits on one distribution at a time. So
 * with green holding {@code *.example.com}:
 *
 * <ol>
 *   <li>{@link CutoverAction#POINT_DNS}: the record moves to green. Routing does not change: blue's
 *       exact alias still wins.
 *   <li>{@link CutoverAction#DETACH_BLUE}: blue lets go of {@code assets.example.com}; as that
 *       reaches each edge location, requests there match green's wildcard instead. At no moment
 *       does a request match no distribution.
 *   <li>{@link CutoverAction#ATTACH_GREEN}: green takes the exact alias, so it no longer depends on
 *       the wildcard.
 * </ol>
 *
 * <p>{@link CutoverAction#RECORD} writes the compensation before any of it (and every changing
 * action refuses without it), {@link CutoverAction#CHECK} refuses a world where the wildcard method
 * would drop requests, and the workflow waits between the actions with {@link
 * CutoverAction#DNS_STATUS} and {@link CutoverAction#DISTRIBUTION_STATUS}. Each action is short and
 * safe to run again: it looks before it changes, and does nothing when the change is already made.
 */
final class CutoverStep {

  private final Ports ports;
  private final Clock clock;
  private final Backoff backoff;
  private final Sleeper sleeper;

  CutoverStep(Ports ports, Clock clock, Backoff backoff, Sleeper sleeper) {
    this.ports = ports;
    this.clock = clock;
    this.backoff = backoff;
    this.sleeper = sleeper;
  }

  StepResult run(CutoverAction action, Migration m, String executionId, String changeId, SideName side) {
    Moves moves = new Moves(ports, new Retrier(backoff, sleeper));
    StepResult result =
        switch (action) {
          case CHECK -> check(moves, m);
          case RECORD -> record(moves, m, executionId);
          case POINT_DNS -> pointDns(moves, m);
          case DNS_STATUS -> moves.dnsStatus(action, m, changeId);
          case DETACH_BLUE -> detachBlue(moves, m);
          case DISTRIBUTION_STATUS -> moves.distributionStatus(action, m, side);
          case ATTACH_GREEN -> attachGreen(moves, m);
        };
    return moves.retrier().retries() == 0 ? result : result.withRetries(moves.retrier().retries());
  }

  // ------------------------------------------------------------------ CHECK

  private StepResult check(Moves moves, Migration m) {
    String host = m.hostname();
    String wildcard = m.wildcard();
    Distribution blue = moves.describe(m.blue());
    Distribution green = moves.describe(m.green());
    boolean blueHolds = blue.holds(host);
    boolean greenHolds = green.holds(host);
    boolean greenWildcard = green.holds(wildcard);
    List<String> problems = new ArrayList<>();

    if (!green.enabled()) {
      problems.add(
          "Green's distribution " + green.id() + " is disabled, so nothing would serve " + host
              + " once blue lets go of it. Enable it and wait until it is Deployed.");
    }
    if (!greenWildcard && !greenHolds) {
      problems.add(
          "Green's distribution " + green.id() + " does not hold the wildcard alias " + wildcard
              + ". The move relies on it: from the moment blue lets go of " + host + " until green"
              + " takes it, CloudFront routes " + host + " to the distribution holding " + wildcard
              + ". Add " + wildcard + " to green's alternate domain names (its certificate must"
              + " cover it) and wait until it is Deployed.");
    }

    Certificate certificate = null;
    boolean certificateCovers = false;
    if (green.acmCertificateArn() == null) {
      problems.add(
          "Green's distribution " + green.id() + " uses "
              + ("iam".equals(green.certificateSource()) ? "an IAM server certificate" : "the default *.cloudfront.net certificate")
              + " rather than an ACM certificate, so cutover cannot prove that viewers of " + host
              + " will get a valid certificate from it. Attach an ACM certificate from us-east-1"
              + " covering " + wildcard + ".");
    } else {
      certificate =
          ports.certificates()
              .describe(new CertificateRef(green.acmCertificateArn(), m.green().roleArn(), m.migrationId()));
      certificateCovers = Names.covers(certificate.subjectAlternativeNames(), host);
      if (!Certificate.ISSUED.equals(certificate.status())) {
        problems.add(
            "Green's certificate " + certificate.arn() + " is " + certificate.status() + ", not"
                + " ISSUED: viewers of " + host + " would get TLS errors from green. Replace it with"
                + " an issued certificate covering " + wildcard + ".");
      } else if (certificate.notAfter() != null && !certificate.notAfter().isAfter(clock.instant())) {
        problems.add(
            "Green's certificate " + certificate.arn() + " expired at " + certificate.notAfter()
                + ": viewers of " + host + " would get TLS errors from green. Renew or replace it.");
      }
      if (!certificateCovers) {
        problems.add(
            "Green's certificate " + certificate.arn() + " covers "
                + String.join(", ", certificate.subjectAlternativeNames()) + " but not " + host
                + ": green could not serve it over TLS. Attach a certificate from us-east-1"
                + " covering " + wildcard + ".");
      }
    }

    // ListDomainConflicts answers only about names the asking distribution's certificate covers.
    List<AliasHolder> overlapping = certificateCovers ? ports.distributions().holders(m.green(), host) : List.of();
    if (!blueHolds && !greenHolds) {
      List<AliasHolder> elsewhere =
          overlapping.stream()
              .filter(h -> Names.same(h.alias(), host))
              .filter(h -> !h.couldBe(blue.id(), m.blue().accountId()) && !h.couldBe(green.id(), m.green().accountId()))
              .toList();
      if (!elsewhere.isEmpty()) {
        problems.add(
            host + " is held by neither blue nor green but by "
                + elsewhere.stream().map(AliasHolder::toString).collect(Collectors.joining(", "))
                + ". cutover moves the alias from blue to green only; have it removed there first.");
      }
    }

    List<DnsRecord> records = moves.routingRecords(m);
    SideName pointsAt = null;
    if (records.isEmpty()) {
      problems.add(
          "Hosted zone " + m.zone().hostedZoneId() + " has no A, AAAA or CNAME record for " + host
              + ". cutover moves the record that sends users to blue; check dns.hostedZoneId and"
              + " dns.hostname.");
    } else if (records.stream().anyMatch(r -> r.setIdentifier() != null)) {
      problems.add(
          "The records for " + host + " use a routing policy other than simple ("
              + DnsRecords.describe(records) + "). A weighted or latency split between the two"
              + " distributions does nothing (CloudFront routes by alias, not by DNS), and cutover"
              + " moves simple records only. Replace them with a simple alias record to blue's"
              + " distribution " + blue.domainName() + ".");
    } else if (records.stream().allMatch(r -> DnsRecords.pointsAt(r, blue.domainName()))) {
      pointsAt = SideName.BLUE;
    } else if (records.stream().allMatch(r -> DnsRecords.pointsAt(r, green.domainName()))) {
      pointsAt = SideName.GREEN;
    } else {
      problems.add(
          "The records for " + host + " (" + DnsRecords.describe(records) + ") do not all point"
              + " at blue's distribution " + blue.domainName() + ", nor all at green's "
              + green.domainName() + ". cutover moves records that point at blue; make them alias"
              + " (or CNAME) records to " + blue.domainName() + " first.");
    }
    if (!green.ipv6Enabled() && records.stream().anyMatch(r -> r.type().equals("AAAA"))) {
      problems.add(
          "The hostname has an AAAA record but green's distribution " + green.id() + " has IPv6"
              + " off: once the record points at green, IPv6 viewers would find no address. Turn"
              + " on IPv6 for green, or remove the AAAA record first.");
    }

    if (!problems.isEmpty()) {
      throw new PreconditionFailedException(
          "Cutover of " + host + " cannot go ahead without downtime (" + problems.size()
              + (problems.size() == 1 ? " problem" : " problems") + "); nothing was changed:\n"
              + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n")));
    }
    String phase;
    if (greenHolds) {
      phase = "GREEN_ATTACHED";
    } else if (!blueHolds) {
      phase = "BLUE_DETACHED";
    } else {
      phase = pointsAt == SideName.GREEN ? "DNS_POINTED" : "NOT_STARTED";
    }
    CheckReport report =
        new CheckReport(
            phase,
            wildcard,
            blue.domainName(),
            green.domainName(),
            blueHolds,
            greenHolds,
            greenWildcard,
            certificate == null ? null : certificate.arn(),
            certificate == null || certificate.notAfter() == null ? null : certificate.notAfter().toString(),
            DnsRecords.describe(records),
            pointsAt,
            overlapping.stream().map(AliasHolder::toString).toList());
    return StepResult.of(CutoverAction.CHECK, Outcome.CHECKED, false, m).withCheck(report);
  }

  // ------------------------------------------------------------------ RECORD

  private StepResult record(Moves moves, Migration m, String executionId) {
    if (moves.record(m).isPresent()) {
      return StepResult.of(CutoverAction.RECORD, Outcome.ALREADY_RECORDED, false, m);
    }
    Distribution blue = moves.describe(m.blue());
    Distribution green = moves.describe(m.green());
    List<DnsRecord> before = moves.routingRecords(m);
    List<DnsRecord> after = aimedAtGreen(m, before, blue, green);
    CutoverRecord record =
        new CutoverRecord(
            CutoverRecord.VERSION,
            m.migrationId(),
            executionId,
            clock.instant().toString(),
            m.hostname(),
            m.wildcard(),
            m.zone().hostedZoneId(),
            new SideRecord(blue.id(), blue.domainName(), blue.aliases()),
            new SideRecord(green.id(), green.domainName(), green.aliases()),
            before,
            after);
    boolean wrote = ports.records().createIfAbsent(m.record(), record.toBytes(), executionId);
    if (!wrote) {
      // Another invocation recorded first; its record is the truth from before, and must fit the plan.
      moves.requireRecord(m, CutoverAction.RECORD);
      return StepResult.of(CutoverAction.RECORD, Outcome.ALREADY_RECORDED, false, m);
    }
    return StepResult.of(CutoverAction.RECORD, Outcome.RECORDED, true, m);
  }

  /** The records POINT_DNS will write: each of {@code before} aimed at green. */
  private static List<DnsRecord> aimedAtGreen(Migration m, List<DnsRecord> before, Distribution blue, Distribution green) {
    if (before.isEmpty()) {
      throw new PreconditionFailedException(
          "Hosted zone " + m.zone().hostedZoneId() + " has no A, AAAA or CNAME record for "
              + m.hostname() + ", so there is nothing to move and nothing was recorded. Run CHECK"
              + " for the details.");
    }
    List<DnsRecord> after = new ArrayList<>();
    for (DnsRecord r : before) {
      if (DnsRecords.pointsAt(r, green.domainName())) {
        after.add(r);
      } else if (DnsRecords.pointsAt(r, blue.domainName())) {
        after.add(DnsRecords.aimedAt(r, green.domainName()));
      } else {
        throw new PreconditionFailedException(
            "The record " + DnsRecords.describe(r) + " for " + m.hostname() + " points at neither"
                + " blue's distribution " + blue.domainName() + " nor green's "
                + green.domainName() + ", so cutover cannot say what to point it at; nothing was"
                + " recorded. Run CHECK for the details.");
      }
    }
    return after;
  }

  // ------------------------------------------------------------------ POINT_DNS

  private StepResult pointDns(Moves moves, Migration m) {
    CutoverRecord record = moves.requireRecord(m, CutoverAction.POINT_DNS);
    Optional<DnsChange> change =
        moves.swap(
            m,
            record.dnsBefore(),
            "the value recorded before the cutover",
            record.dnsAfter(),
            "green's distribution",
            "cutover " + m.migrationId() + ": point " + m.hostname() + " at green (" + record.green().domainName() + ")");
    return change
        .map(c -> StepResult.of(CutoverAction.POINT_DNS, Outcome.DNS_CHANGE_SUBMITTED, true, m).withDns(c.id(), c.status()))
        .orElseGet(() -> StepResult.of(CutoverAction.POINT_DNS, Outcome.DNS_ALREADY_POINTED, false, m));
  }

  // ------------------------------------------------------------------ DETACH_BLUE

  private StepResult detachBlue(Moves moves, Migration m) {
    moves.requireRecord(m, CutoverAction.DETACH_BLUE);
    String host = m.hostname();
    AliasEdit edit =
        moves.editAliases(
            "UpdateDistribution on blue " + m.blue().distributionId(),
            m.blue(),
            aliases -> {
              if (!aliases.contains(host)) {
                return aliases;
              }
              requireGreenServes(moves, m);
              return aliases.stream().filter(a -> !a.equals(host)).toList();
            });
    Outcome outcome = edit.changed() ? Outcome.ALIAS_REMOVED : Outcome.ALIAS_ALREADY_ABSENT;
    return StepResult.of(CutoverAction.DETACH_BLUE, outcome, edit.changed(), m)
        .withDistribution(SideName.BLUE, m.blue().distributionId(), null, edit.after());
  }

  /**
   * The zero-downtime guard: blue may let go of the hostname only while green, enabled and fully
   * deployed, holds an alias that matches it; otherwise requests would find no distribution.
   */
  private static void requireGreenServes(Moves moves, Migration m) {
    Distribution green = moves.describe(m.green());
    if (!green.enabled() || !(green.holds(m.wildcard()) || green.holds(m.hostname()))) {
      throw new PreconditionFailedException(
          "Refusing to remove " + m.hostname() + " from blue: green's distribution " + green.id()
              + (green.enabled() ? "" : " is disabled and")
              + " holds " + (green.aliases().isEmpty() ? "no aliases" : String.join(", ", green.aliases()))
              + ", so no distribution would serve " + m.hostname() + " afterwards. Give green the"
              + " wildcard alias " + m.wildcard() + " (enabled, Deployed), then run DETACH_BLUE"
              + " again. Nothing was changed.");
    }
    if (!green.deployed()) {
      throw new TransientException(
          "Green's distribution " + green.id() + " is " + green.status() + ": its aliases may not"
              + " be live at every edge location yet, so blue keeps " + m.hostname() + " for now."
              + " Nothing was changed; try again once green is Deployed.");
    }
  }

  // ------------------------------------------------------------------ ATTACH_GREEN

  private StepResult attachGreen(Moves moves, Migration m) {
    moves.requireRecord(m, CutoverAction.ATTACH_GREEN);
    String host = m.hostname();
    AliasEdit edit;
    try {
      edit =
          moves.editAliases(
              "UpdateDistribution on green " + m.green().distributionId(),
              m.green(),
              aliases -> {
                if (aliases.contains(host)) {
                  return aliases;
                }
                Distribution blue = moves.describe(m.blue());
                if (blue.holds(host)) {
                  throw new PreconditionFailedException(
                      "Blue's distribution " + blue.id() + " still holds " + host + ", and an"
                          + " alias can sit on one distribution only. Run DETACH_BLUE and wait"
                          + " for blue to be Deployed first; if DETACH_BLUE did run, someone put"
                          + " the alias back on blue since. Nothing was changed.");
                }
                return Stream.concat(aliases.stream(), Stream.of(host)).toList();
              });
    } catch (AliasTakenException e) {
      throw moves.aliasTaken(host, "green's", m.green(), m.green(), e);
    }
    Outcome outcome = edit.changed() ? Outcome.ALIAS_ADDED : Outcome.ALIAS_ALREADY_PRESENT;
    return StepResult.of(CutoverAction.ATTACH_GREEN, outcome, edit.changed(), m)
        .withDistribution(SideName.GREEN, m.green().distributionId(), null, edit.after());
  }
}
