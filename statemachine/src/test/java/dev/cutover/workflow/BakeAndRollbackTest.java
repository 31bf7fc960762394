package dev.cutover.workflow;

import static dev.cutover.workflow.Workflow.path;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.asl.engine.Execution;
import dev.cutover.asl.engine.ExecutionStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Green misbehaving after the cutover, and the rollback that follows, including its own retries and failure. */
class BakeAndRollbackTest {

  private static final List<String> ROLLBACK = List.of(
      "Rollback/DETACH_GREEN", "Rollback/ATTACH_BLUE", "Rollback/RESTORE_DNS", "Replication/RESTORE");
  private final Workflow wf = new Workflow();


  @Test
  void green_unhealthy_during_the_bake_rolls_back_on_its_own() {
    wf.steps.watchHealthy = i -> i < 4;

    Execution e = wf.migrateAndApprove();

    assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(e.error()).contains("cutover.RolledBack");
    assertThat(e.cause().orElseThrow()).contains("cutover.GreenUnhealthy").contains("5xx error rate 7.5% above 1.0%");
    assertThat(wf.calls("Watch")).hasSize(4);
    assertThat(path(e)).containsSubsequence("WatchGreen", "IsGreenHealthy", "GreenIsUnhealthy", "RollBack", "PutBackOnBlue",
        "GiveAliasBackToBlue", "PointDnsBackAtBlue", "RestoreReplication", "NotifyRolledBack", "RolledBackAfterAFailure");
    List<String> changes = wf.changes();
    assertThat(changes.subList(changes.indexOf("Cutover/ATTACH_GREEN") + 1, changes.size())).isEqualTo(ROLLBACK);
    assertThat(wf.notices).extracting(n -> n.path("message").path("outcome").asText()).containsExactly("ROLLED_BACK");
  }

  @Test
  void blue_takes_the_alias_back_only_once_green_has_let_go_and_dns_follows_blue() {
    wf.steps.watchHealthy = i -> false;

    wf.migrateAndApprove();

    List<String> calls = wf.callNames();
    int detachGreen = calls.indexOf("Rollback/DETACH_GREEN");
    int attachBlue = calls.indexOf("Rollback/ATTACH_BLUE");
    int restoreDns = calls.indexOf("Rollback/RESTORE_DNS");
    assertThat(wf.steps.answers.get(attachBlue - 1).path("distributionStatus").asText()).isEqualTo("Deployed");
    assertThat(wf.calls.get(attachBlue - 1).payload().path("side").asText()).isEqualTo("GREEN");
    assertThat(wf.steps.answers.get(restoreDns - 1).path("distributionStatus").asText()).isEqualTo("Deployed");
    assertThat(wf.calls.get(restoreDns - 1).payload().path("side").asText()).isEqualTo("BLUE");
    assertThat(detachGreen).isLessThan(attachBlue);
    assertThat(calls.getLast()).isEqualTo("Replication/RESTORE");
  }

  @Test
  void an_error_while_moving_the_alias_rolls_back() {
    wf.steps.failTimes("Cutover/ATTACH_GREEN", 1, "dev.cutover.errors.ConcurrentChangeException");

    Execution e = wf.migrateAndApprove();

    assertThat(e.error()).contains("cutover.RolledBack");
    assertThat(e.cause().orElseThrow()).contains("MoveAliasToGreen failed with dev.cutover.errors.ConcurrentChangeException");
    assertThat(wf.calls("Watch")).isEmpty();
    assertThat(wf.callNames()).containsSubsequence("Cutover/ATTACH_GREEN", "Rollback/DETACH_GREEN", "Rollback/ATTACH_BLUE", "Replication/RESTORE");
  }

  @Test
  void the_rollback_retries_its_own_transient_errors() {
    wf.steps.watchHealthy = i -> false;
    wf.steps.failTimes("Rollback/DETACH_GREEN", 2, "dev.cutover.errors.TransientException");

    Execution e = wf.migrateAndApprove();

    assertThat(e.error()).contains("cutover.RolledBack");
    assertThat(wf.calls("Rollback/DETACH_GREEN")).hasSize(3);
    assertThat(wf.calls("Replication/RESTORE")).hasSize(1);
  }

  @Test
  void a_rollback_that_cannot_finish_says_so_and_asks_for_a_person() {
    wf.steps.watchHealthy = i -> false;
    wf.steps.failTimes("Rollback/ATTACH_BLUE", 1, "dev.cutover.errors.PreconditionFailedException");

    Execution e = wf.migrateAndApprove();

    assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(e.error()).contains("cutover.RollbackFailed");
    assertThat(e.cause().orElseThrow()).startsWith("GiveAliasBackToBlue failed with dev.cutover.errors.PreconditionFailedException");
    assertThat(wf.calls("Replication/RESTORE")).isEmpty();
    assertThat(wf.notices.getLast().path("message").path("outcome").asText()).isEqualTo("ROLLBACK_FAILED");
    assertThat(wf.notices.getLast().path("message").path("whatToDo").asText()).contains("mode ROLLBACK");
  }

  @Test
  void a_distribution_that_never_deploys_ends_the_wait_at_its_ceiling() {
    wf.steps.watchHealthy = i -> false;
    for (int i = 0; i < 200; i++) {
      wf.steps.once("Rollback/DISTRIBUTION_STATUS", c -> Steps.obj("{'action':'DISTRIBUTION_STATUS','outcome':'DISTRIBUTION_IN_PROGRESS','side':'GREEN','distributionStatus':'InProgress'}"));
    }

    Execution e = wf.migrateAndApprove();

    assertThat(e.error()).contains("cutover.RollbackFailed");
    assertThat(e.cause().orElseThrow()).contains("cutover.WaitedTooLong");
    assertThat(wf.calls("Rollback/DISTRIBUTION_STATUS")).hasSize(120);
  }
}
