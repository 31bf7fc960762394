package dev.cutover.cutover;

import static dev.cutover.cutover.World.BLUE;
import static dev.cutover.cutover.World.GREEN;
import static dev.cutover.cutover.World.HOST;
import static dev.cutover.cutover.World.WILDCARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.cutover.StepResult.Outcome;
import dev.cutover.cutover.port.DnsRecord;
import dev.cutover.errors.ConcurrentChangeException;
import dev.cutover.errors.PreconditionFailedException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rollback's actions, from wherever the cutover stopped, against the in-memory world. */
class RollbackStepTest {

  /** Where the cutover stopped (a failure, a breach during the bake, a person's decision). */
  enum StoppedAfter {
    RECORD,
    POINT_DNS_PENDING,
    POINT_DNS_INSYNC,
    DETACH_BLUE_IN_PROGRESS,
    DETACH_BLUE_DEPLOYED,
    ATTACH_GREEN_IN_PROGRESS,
    COMPLETE
  }

  @ParameterizedTest
  @EnumSource(StoppedAfter.class)
  void rollback_from_any_point_of_the_cutover_restores_exactly_the_recorded_state(StoppedAfter stop) {
    World w = World.withAliasRecords();
    List<DnsRecord> dnsBefore = w.dns();
    List<String> blueBefore = w.blueAliases();
    List<String> greenBefore = w.greenAliases();
    cutOverUntil(w, stop);

    rollBackAsTheWorkflowDoes(w);

    CutoverRecord record = w.record();
    assertThat(w.blueAliases()).isEqualTo(record.blue().aliases()).isEqualTo(blueBefore);
    assertThat(w.greenAliases()).isEqualTo(record.green().aliases()).isEqualTo(greenBefore);
    assertThat(w.dns()).containsExactlyInAnyOrderElementsOf(record.dnsBefore()).containsExactlyInAnyOrderElementsOf(dnsBefore);
    assertThat(w.edge.servedBy(HOST)).isEqualTo(BLUE);
    assertThat(w.zone.all()).contains(World.TXT);
    assertThat(w.records.objects()).as("the record stays; rollback deletes nothing").hasSize(1);
  }

  @Test
  void rollback_run_twice_changes_nothing_the_second_time() {
    World w = World.withAliasRecords();
    w.cutOverCompletely();
    rollBackAsTheWorkflowDoes(w);
    int writes = w.edge.writes();
    int changes = w.zone.applied();

    assertThat(w.rollback(RollbackAction.DETACH_GREEN).outcome()).isEqualTo(Outcome.ALIAS_ALREADY_ABSENT);
    assertThat(w.rollback(RollbackAction.ATTACH_BLUE).outcome()).isEqualTo(Outcome.ALIAS_ALREADY_PRESENT);
    assertThat(w.rollback(RollbackAction.RESTORE_DNS).outcome()).isEqualTo(Outcome.DNS_ALREADY_RESTORED);

    assertThat(w.edge.writes()).isEqualTo(writes);
    assertThat(w.zone.applied()).isEqualTo(changes);
  }

  @Test
  void without_a_record_the_cutover_changed_nothing_and_neither_does_rollback() {
    World w = World.withAliasRecords();

    for (RollbackAction action : List.of(RollbackAction.DETACH_GREEN, RollbackAction.ATTACH_BLUE, RollbackAction.RESTORE_DNS)) {
      StepResult result = w.rollback(action);
      assertThat(result.outcome()).isEqualTo(Outcome.NOTHING_RECORDED);
      assertThat(result.changed()).isFalse();
    }
    assertThat(w.edge.writes()).isZero();
    assertThat(w.zone.applied()).isZero();
    assertThat(w.records.objects()).isEmpty();
  }

  @Test
  void green_keeps_the_alias_when_it_no_longer_has_the_wildcard_to_serve_with() {
    World w = World.withAliasRecords();
    w.cutOverCompletely();
    w.edge.get(GREEN).aliases = List.of(HOST);

    assertThatThrownBy(() -> w.rollback(RollbackAction.DETACH_GREEN))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("green no longer holds the wildcard alias *.example.com")
        .hasMessageContaining("no distribution would serve assets.example.com");
    assertThat(w.greenAliases()).containsExactly(HOST);
  }

  @Test
  void blue_does_not_take_the_alias_back_while_green_holds_it() {
    World w = World.withAliasRecords();
    w.cutOverCompletely();

    assertThatThrownBy(() -> w.rollback(RollbackAction.ATTACH_BLUE))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("Run DETACH_GREEN and wait");
    assertThat(w.blueAliases()).containsExactly("static.example.com");
  }

  @Test
  void an_alias_taken_by_another_distribution_during_rollback_is_a_concurrent_change_naming_it() {
    World w = World.withAliasRecords();
    w.cutOverCompletely();
    w.rollback(RollbackAction.DETACH_GREEN);
    w.edge.deployAll();
    w.edge.add("E9THIRDPARTY01", "999988887777", "d999999abcdef8.cloudfront.net", List.of(HOST), null);

    assertThatThrownBy(() -> w.rollback(RollbackAction.ATTACH_BLUE))
        .isInstanceOf(ConcurrentChangeException.class)
        .hasMessageContaining("CloudFront refused to add assets.example.com to blue's distribution " + BLUE)
        .hasMessageContaining("*******PARTY01 (account ******887777)");
  }

  @Test
  void restore_dns_refuses_to_overwrite_someone_elses_record() {
    World w = World.withAliasRecords();
    w.cutOverCompletely();
    List<DnsRecord> theirs = List.of(DnsRecord.withValues("assets.example.com.", "CNAME", 60, List.of("maintenance.example.net")));
    w.zone.overwrite(HOST, theirs);

    assertThatThrownBy(() -> w.rollback(RollbackAction.RESTORE_DNS))
        .isInstanceOf(ConcurrentChangeException.class)
        .hasMessageContaining("now holds CNAME maintenance.example.net (TTL 60)")
        .hasMessageContaining("neither the value the cutover set");
    assertThat(w.dns()).isEqualTo(theirs);
  }

  @Test
  void an_alias_blue_did_not_hold_before_the_cutover_is_not_given_to_it() {
    World w = World.withAliasRecords();
    w.edge.get(BLUE).aliases = List.of("static.example.com");
    w.cutover(CutoverAction.RECORD);

    StepResult result = w.rollback(RollbackAction.ATTACH_BLUE);

    assertThat(result.outcome()).isEqualTo(Outcome.ALIAS_UNCHANGED_BY_CUTOVER);
    assertThat(w.blueAliases()).containsExactly("static.example.com");
  }

  @Test
  void dns_status_follows_the_restore() {
    World w = World.withAliasRecords();
    w.cutOverCompletely();
    w.rollback(RollbackAction.DETACH_GREEN);
    w.edge.deployAll();
    w.rollback(RollbackAction.ATTACH_BLUE);
    w.edge.deployAll();

    StepResult restore = w.rollback(RollbackAction.RESTORE_DNS);
    assertThat(restore.outcome()).isEqualTo(Outcome.DNS_CHANGE_SUBMITTED);
    assertThat(w.rollback(RollbackAction.DNS_STATUS, restore.changeId(), null).outcome()).isEqualTo(Outcome.DNS_PENDING);
    w.zone.syncAll();
    assertThat(w.rollback(RollbackAction.DNS_STATUS, "/change/" + restore.changeId(), null).outcome()).isEqualTo(Outcome.DNS_INSYNC);
    assertThat(w.rollback(RollbackAction.DISTRIBUTION_STATUS, null, SideName.GREEN).aliases()).containsExactly(WILDCARD);
  }

  /** The cutover as the workflow runs it, stopped at {@code stop}; the hostname served throughout. */
  private static void cutOverUntil(World w, StoppedAfter stop) {
    w.cutover(CutoverAction.CHECK);
    w.cutover(CutoverAction.RECORD);
    if (stop == StoppedAfter.RECORD) {
      return;
    }
    w.cutover(CutoverAction.POINT_DNS);
    if (stop == StoppedAfter.POINT_DNS_PENDING) {
      return;
    }
    w.zone.syncAll();
    if (stop == StoppedAfter.POINT_DNS_INSYNC) {
      return;
    }
    w.cutover(CutoverAction.DETACH_BLUE);
    assertThat(w.edge.servedEverywhere(HOST)).isTrue();
    if (stop == StoppedAfter.DETACH_BLUE_IN_PROGRESS) {
      return;
    }
    w.edge.deployAll();
    if (stop == StoppedAfter.DETACH_BLUE_DEPLOYED) {
      return;
    }
    w.cutover(CutoverAction.ATTACH_GREEN);
    assertThat(w.edge.servedEverywhere(HOST)).isTrue();
    if (stop == StoppedAfter.ATTACH_GREEN_IN_PROGRESS) {
      return;
    }
    w.edge.deployAll();
  }

  /** DETACH_GREEN, wait for Deployed, ATTACH_BLUE, wait, RESTORE_DNS, wait; served throughout. */
  private static void rollBackAsTheWorkflowDoes(World w) {
    w.rollback(RollbackAction.DETACH_GREEN);
    assertThat(w.edge.servedEverywhere(HOST)).as("after DETACH_GREEN").isTrue();
    w.edge.deployAll();
    assertThat(w.edge.servedEverywhere(HOST)).isTrue();
    w.rollback(RollbackAction.ATTACH_BLUE);
    assertThat(w.edge.servedEverywhere(HOST)).as("after ATTACH_BLUE").isTrue();
    w.edge.deployAll();
    w.rollback(RollbackAction.RESTORE_DNS);
    w.zone.syncAll();
    assertThat(w.edge.servedEverywhere(HOST)).isTrue();
  }
}
