package dev.cutover.cutover;

import static dev.cutover.cutover.World.BLUE;
import static dev.cutover.cutover.World.BLUE_DOMAIN;
import static dev.cutover.cutover.World.GREEN;
import static dev.cutover.cutover.World.GREEN_CERT;
import static dev.cutover.cutover.World.GREEN_DOMAIN;
import static dev.cutover.cutover.World.HOST;
import static dev.cutover.cutover.World.WILDCARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.cutover.StepResult.Outcome;
import dev.cutover.cutover.port.AliasTarget;
import dev.cutover.cutover.port.Certificate;
import dev.cutover.cutover.port.DnsRecord;
import dev.cutover.errors.ConcurrentChangeException;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.errors.TransientException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cutover's actions against an in-memory CloudFront and Route 53 that keep their rules. */
class CutoverStepTest {

  @Test
  void the_cutover_moves_record_and_alias_to_green_and_the_hostname_is_served_at_every_step() {
    World w = World.withAliasRecords();

    assertThat(w.cutover(CutoverAction.CHECK).check().phase()).isEqualTo("NOT_STARTED");
    assertThat(w.cutover(CutoverAction.RECORD).outcome()).isEqualTo(Outcome.RECORDED);
    assertThat(w.edge.writes()).as("recording changes nothing").isZero();
    assertThat(w.zone.applied()).isZero();

    StepResult pointed = w.cutover(CutoverAction.POINT_DNS);
    assertThat(pointed.outcome()).isEqualTo(Outcome.DNS_CHANGE_SUBMITTED);
    assertThat(w.edge.servedBy(HOST)).as("DNS alone does not move the hostname").isEqualTo(BLUE);
    assertThat(w.cutover(CutoverAction.DNS_STATUS, pointed.changeId(), null).outcome()).isEqualTo(Outcome.DNS_PENDING);
    w.zone.syncAll();
    assertThat(w.cutover(CutoverAction.DNS_STATUS, pointed.changeId(), null).dnsStatus()).isEqualTo("INSYNC");

    assertThat(w.cutover(CutoverAction.DETACH_BLUE).outcome()).isEqualTo(Outcome.ALIAS_REMOVED);
    assertThat(w.edge.servedEverywhere(HOST)).as("while blue's removal deploys").isTrue();
    assertThat(w.cutover(CutoverAction.DISTRIBUTION_STATUS, null, SideName.BLUE).distributionStatus()).isEqualTo("InProgress");
    w.edge.deployAll();
    assertThat(w.cutover(CutoverAction.DISTRIBUTION_STATUS, null, SideName.BLUE).outcome()).isEqualTo(Outcome.DISTRIBUTION_DEPLOYED);
    assertThat(w.edge.servedBy(HOST)).as("green's wildcard serves between the two alias moves").isEqualTo(GREEN);

    assertThat(w.cutover(CutoverAction.ATTACH_GREEN).outcome()).isEqualTo(Outcome.ALIAS_ADDED);
    assertThat(w.edge.servedEverywhere(HOST)).isTrue();
    w.edge.deployAll();

    assertThat(w.blueAliases()).containsExactly("static.example.com");
    assertThat(w.greenAliases()).containsExactly(WILDCARD, HOST);
    assertThat(w.edge.servedBy(HOST)).isEqualTo(GREEN);
    assertThat(w.dns())
        .containsExactlyInAnyOrder(
            DnsRecord.aliasToCloudFront("assets.example.com.", "A", GREEN_DOMAIN + "."),
            DnsRecord.aliasToCloudFront("assets.example.com.", "AAAA", GREEN_DOMAIN + "."));
    assertThat(w.zone.all()).as("other records at the name and in the zone are left alone").contains(World.TXT);
    assertThat(w.cutover(CutoverAction.CHECK).check().phase()).isEqualTo("GREEN_ATTACHED");
  }

  @Test
  void every_action_run_again_changes_nothing() {
    World w = World.withAliasRecords();
    w.cutOverCompletely();
    int writes = w.edge.writes();
    int changes = w.zone.applied();

    assertThat(w.cutover(CutoverAction.RECORD).outcome()).isEqualTo(Outcome.ALREADY_RECORDED);
    assertThat(w.cutover(CutoverAction.POINT_DNS).outcome()).isEqualTo(Outcome.DNS_ALREADY_POINTED);
    assertThat(w.cutover(CutoverAction.DETACH_BLUE).outcome()).isEqualTo(Outcome.ALIAS_ALREADY_ABSENT);
    assertThat(w.cutover(CutoverAction.ATTACH_GREEN).outcome()).isEqualTo(Outcome.ALIAS_ALREADY_PRESENT);

    assertThat(w.edge.writes()).isEqualTo(writes);
    assertThat(w.zone.applied()).isEqualTo(changes);
  }

  @Test
  void the_record_is_the_world_before_the_first_change_and_a_second_record_keeps_it() {
    World w = World.withAliasRecords();
    w.cutover(CutoverAction.RECORD);
    w.cutover(CutoverAction.POINT_DNS);

    assertThat(w.cutover(CutoverAction.RECORD).outcome()).isEqualTo(Outcome.ALREADY_RECORDED);

    CutoverRecord record = w.record();
    assertThat(record.blue().aliases()).containsExactly(HOST, "static.example.com");
    assertThat(record.green().aliases()).containsExactly(WILDCARD);
    assertThat(record.blue().domainName()).isEqualTo(BLUE_DOMAIN);
    assertThat(record.dnsBefore())
        .containsExactlyInAnyOrder(
            DnsRecord.aliasToCloudFront("assets.example.com.", "A", BLUE_DOMAIN + "."),
            DnsRecord.aliasToCloudFront("assets.example.com.", "AAAA", BLUE_DOMAIN + "."));
    assertThat(record.dnsAfter()).extracting(r -> r.aliasTarget().dnsName()).containsOnly(GREEN_DOMAIN + ".");
    assertThat(record.recordedAt()).isEqualTo(World.NOW.toString());
  }

  @Test
  void a_cname_record_moves_as_a_cname_keeping_its_ttl() {
    World w = World.withCname();

    w.cutOverCompletely();

    assertThat(w.dns()).containsExactly(DnsRecord.withValues("assets.example.com.", "CNAME", 300, List.of(GREEN_DOMAIN + ".")));
  }

  @Test
  void changing_actions_refuse_before_the_record_exists_and_change_nothing() {
    World w = World.withAliasRecords();

    for (CutoverAction action : List.of(CutoverAction.POINT_DNS, CutoverAction.DETACH_BLUE, CutoverAction.ATTACH_GREEN)) {
      assertThatThrownBy(() -> w.cutover(action))
          .isInstanceOf(PreconditionFailedException.class)
          .hasMessageContaining("RECORD must run first")
          .hasMessageContaining(w.migration.record().uri());
    }
    assertThat(w.edge.writes()).isZero();
    assertThat(w.zone.applied()).isZero();
  }

  @Test
  void check_lists_every_reason_the_move_would_drop_requests_and_changes_nothing() {
    World w = World.withAliasRecords();
    w.edge.get(GREEN).aliases = List.of("other.example.org");
    w.edge.get(GREEN).ipv6 = false;
    w.certificates.put(new Certificate(GREEN_CERT, "ISSUED", Instant.parse("2026-11-01T00:00:00Z"), List.of("*.example.org")));

    assertThatThrownBy(() -> w.cutover(CutoverAction.CHECK))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("(4 problems); nothing was changed")
        .hasMessageContaining("does not hold the wildcard alias *.example.com")
        .hasMessageContaining("expired at 2026-11-01T00:00:00Z")
        .hasMessageContaining("covers *.example.org but not assets.example.com")
        .hasMessageContaining("IPv6");
    assertThat(w.edge.writes()).isZero();
    assertThat(w.records.objects()).isEmpty();
  }

  @Test
  void check_refuses_a_certificate_that_is_not_issued() {
    World w = World.withAliasRecords();
    w.certificates.put(new Certificate(GREEN_CERT, "PENDING_VALIDATION", null, List.of(WILDCARD)));

    assertThatThrownBy(() -> w.cutover(CutoverAction.CHECK))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("is PENDING_VALIDATION, not ISSUED");
  }

  @Test
  void check_refuses_a_green_without_an_acm_certificate() {
    World w = World.withAliasRecords();
    w.edge.get(GREEN).acmCertificateArn = null;

    assertThatThrownBy(() -> w.cutover(CutoverAction.CHECK))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("default *.cloudfront.net certificate");
  }

  @Test
  void check_refuses_records_that_point_elsewhere_or_split_traffic() {
    World elsewhere = World.withAliasRecords();
    elsewhere.zone.overwrite(HOST, List.of(DnsRecord.withValues("assets.example.com.", "CNAME", 60, List.of("cdn.other-provider.net"))));
    assertThatThrownBy(() -> elsewhere.cutover(CutoverAction.CHECK))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("CNAME cdn.other-provider.net (TTL 60)")
        .hasMessageContaining("do not all point at blue's distribution " + BLUE_DOMAIN);

    World weighted = World.withAliasRecords();
    weighted.zone.overwrite(
        HOST,
        List.of(
            new DnsRecord("assets.example.com.", "A", "blue", null, List.of(), new AliasTarget(AliasTarget.CLOUDFRONT_ZONE, BLUE_DOMAIN + ".", false)),
            new DnsRecord("assets.example.com.", "A", "green", null, List.of(), new AliasTarget(AliasTarget.CLOUDFRONT_ZONE, GREEN_DOMAIN + ".", false))));
    assertThatThrownBy(() -> weighted.cutover(CutoverAction.CHECK))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("routing policy other than simple")
        .hasMessageContaining("CloudFront routes by alias, not by DNS");

    World none = World.withAliasRecords();
    none.zone.overwrite(HOST, List.of());
    assertThatThrownBy(() -> none.cutover(CutoverAction.CHECK))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("no A, AAAA or CNAME record for assets.example.com");
  }

  @Test
  void check_names_a_third_distribution_holding_the_alias() {
    World w = World.withAliasRecords();
    w.edge.get(BLUE).aliases = List.of("static.example.com");
    w.edge.add("E9THIRDPARTY01", "999988887777", "d999999abcdef8.cloudfront.net", List.of(HOST), null);

    assertThatThrownBy(() -> w.cutover(CutoverAction.CHECK))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("held by neither blue nor green but by assets.example.com on distribution *******PARTY01 (account ******887777)");
  }

  @Test
  void check_reports_the_phase_as_the_move_goes_on() {
    World w = World.withAliasRecords();
    w.cutover(CutoverAction.RECORD);
    w.cutover(CutoverAction.POINT_DNS);
    assertThat(w.cutover(CutoverAction.CHECK).check().phase()).isEqualTo("DNS_POINTED");
    w.cutover(CutoverAction.DETACH_BLUE);
    w.edge.deployAll();

    CheckReport report = w.cutover(CutoverAction.CHECK).check();

    assertThat(report.phase()).isEqualTo("BLUE_DETACHED");
    assertThat(report.recordsPointAt()).isEqualTo(SideName.GREEN);
    assertThat(report.greenHoldsWildcard()).isTrue();
    assertThat(report.greenCertificate()).isEqualTo(GREEN_CERT);
    assertThat(report.overlappingAliases()).containsExactly("*.example.com on distribution " + GREEN + " (account " + World.GREEN_ACCOUNT + ")");
  }

  @Test
  void blue_keeps_the_alias_while_green_would_not_serve_it() {
    World w = World.withAliasRecords();
    w.cutover(CutoverAction.RECORD);
    w.edge.get(GREEN).aliases = List.of("other.example.com");

    assertThatThrownBy(() -> w.cutover(CutoverAction.DETACH_BLUE))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("Refusing to remove assets.example.com from blue")
        .hasMessageContaining("no distribution would serve");
    assertThat(w.blueAliases()).contains(HOST);

    w.edge.get(GREEN).aliases = List.of(WILDCARD);
    w.edge.get(GREEN).status = "InProgress";
    assertThatThrownBy(() -> w.cutover(CutoverAction.DETACH_BLUE))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining("try again once green is Deployed");
    assertThat(w.blueAliases()).contains(HOST);
    assertThat(w.edge.writes()).isZero();
  }

  @Test
  void green_does_not_take_the_alias_while_blue_holds_it() {
    World w = World.withAliasRecords();
    w.cutover(CutoverAction.RECORD);

    assertThatThrownBy(() -> w.cutover(CutoverAction.ATTACH_GREEN))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("Run DETACH_BLUE and wait");
    assertThat(w.greenAliases()).containsExactly(WILDCARD);
  }

  @Test
  void an_alias_taken_by_another_distribution_after_detach_is_a_concurrent_change_naming_it() {
    World w = World.withAliasRecords();
    w.cutover(CutoverAction.RECORD);
    w.cutover(CutoverAction.DETACH_BLUE);
    w.edge.deployAll();
    w.edge.add("E9THIRDPARTY01", "999988887777", "d999999abcdef8.cloudfront.net", List.of(HOST), null);

    assertThatThrownBy(() -> w.cutover(CutoverAction.ATTACH_GREEN))
        .isInstanceOf(ConcurrentChangeException.class)
        .hasMessageContaining("CNAMEAlreadyExists")
        .hasMessageContaining("held by assets.example.com on distribution *******PARTY01 (account ******887777)");
    assertThat(w.greenAliases()).containsExactly(WILDCARD);
  }

  @Test
  void a_configuration_changed_between_read_and_write_is_read_again_and_written_once() {
    World w = World.withAliasRecords();
    w.cutover(CutoverAction.RECORD);
    w.edge.beforeNextWrite(() -> w.edge.get(BLUE).touch());

    StepResult result = w.cutover(CutoverAction.DETACH_BLUE);

    assertThat(result.outcome()).isEqualTo(Outcome.ALIAS_REMOVED);
    assertThat(result.retries()).isEqualTo(1);
    assertThat(w.edge.conflicts()).isEqualTo(1);
    assertThat(w.edge.writes()).isEqualTo(1);
    assertThat(w.sleeps).hasSize(1);
  }

  @Test
  void a_busy_zone_is_waited_for_and_changed_once() {
    World w = World.withAliasRecords();
    w.cutover(CutoverAction.RECORD);
    w.zone.busyFor(5);

    StepResult result = w.cutover(CutoverAction.POINT_DNS);

    assertThat(result.outcome()).isEqualTo(Outcome.DNS_CHANGE_SUBMITTED);
    assertThat(result.retries()).isEqualTo(5);
    assertThat(w.zone.applied()).isEqualTo(1);
    assertThat(w.sleeps).hasSize(5);
  }

  @Test
  void a_zone_busy_for_longer_than_the_bound_is_a_transient_error_with_nothing_changed() {
    World w = World.withAliasRecords();
    w.cutover(CutoverAction.RECORD);
    w.zone.busyFor(Backoff.DEFAULT.maxAttempts());

    assertThatThrownBy(() -> w.cutover(CutoverAction.POINT_DNS))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining("did not go through in " + Backoff.DEFAULT.maxAttempts() + " attempts");
    assertThat(w.zone.applied()).isZero();
    assertThat(w.dns()).extracting(r -> r.aliasTarget().dnsName()).containsOnly(BLUE_DOMAIN + ".");
  }

  @Test
  void a_record_changed_by_someone_else_before_the_swap_aborts_without_overwriting_it() {
    World w = World.withAliasRecords();
    w.cutover(CutoverAction.RECORD);
    List<DnsRecord> theirs = List.of(DnsRecord.withValues("assets.example.com.", "CNAME", 60, List.of("maintenance.example.net")));
    w.zone.overwrite(HOST, theirs);

    assertThatThrownBy(() -> w.cutover(CutoverAction.POINT_DNS))
        .isInstanceOf(ConcurrentChangeException.class)
        .hasMessageContaining("The record assets.example.com in hosted zone " + World.ZONE + " was changed by someone else")
        .hasMessageContaining("now holds CNAME maintenance.example.net (TTL 60)");
    assertThat(w.dns()).isEqualTo(theirs);
  }

  @Test
  void a_record_changed_between_read_and_swap_aborts_and_the_batch_changes_nothing() {
    World w = World.withAliasRecords();
    w.cutover(CutoverAction.RECORD);
    List<DnsRecord> theirs = List.of(DnsRecord.withValues("assets.example.com.", "CNAME", 60, List.of("maintenance.example.net")));
    w.zone.beforeNextReplace(() -> w.zone.overwrite(HOST, theirs));

    assertThatThrownBy(() -> w.cutover(CutoverAction.POINT_DNS))
        .isInstanceOf(ConcurrentChangeException.class)
        .hasMessageContaining("now holds CNAME maintenance.example.net (TTL 60)");
    assertThat(w.dns()).isEqualTo(theirs);
    assertThat(w.zone.applied()).isZero();
  }

  @Test
  void a_swap_whose_earlier_attempt_landed_is_taken_as_done() {
    World w = World.withAliasRecords();
    w.cutover(CutoverAction.RECORD);
    // Our previous attempt went through but its answer was lost: the zone already holds green's value.
    List<DnsRecord> green = w.record().dnsAfter();
    w.zone.beforeNextReplace(() -> w.zone.overwrite(HOST, green));

    StepResult result = w.cutover(CutoverAction.POINT_DNS);

    assertThat(result.outcome()).isEqualTo(Outcome.DNS_ALREADY_POINTED);
    assertThat(w.dns()).containsExactlyInAnyOrderElementsOf(green);
  }

  @Test
  void a_batch_refused_with_the_records_unchanged_says_what_route53_said() {
    World w = World.withAliasRecords();
    w.cutover(CutoverAction.RECORD);
    w.zone.refuseNext("RRSet of type CNAME with DNS name assets.example.com. is not permitted as it conflicts with other records with the same DNS name in zone example.com.");

    assertThatThrownBy(() -> w.cutover(CutoverAction.POINT_DNS))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("is not permitted as it conflicts with other records")
        .hasMessageContaining("still holds the value recorded before the cutover");
    assertThat(w.zone.applied()).isZero();
  }
}
