package dev.cutover.workflow;

import static dev.cutover.workflow.Workflow.path;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.asl.engine.Execution;
import dev.cutover.asl.engine.ExecutionStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** VALIDATE_ONLY (the nightly run) and a ROLLBACK a person starts. */
class ModesTest {

  private final Workflow wf = new Workflow();

  @Test
  void validate_only_checks_everything_and_changes_nothing() {
    Execution e = wf.run(wf.start(Workflow.plan("VALIDATE_ONLY")));

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(wf.changes()).isEmpty();
    assertThat(wf.callNames()).containsSubsequence("Preflight", "Report")
        .contains("Verify", "LogScan", "Parity")
        .noneMatch(n -> n.startsWith("Backfill") || n.startsWith("Replication") || n.startsWith("Cutover") || n.startsWith("Rollback") || n.equals("RequestApproval") || n.equals("Watch"));
    assertThat(path(e)).doesNotContain("WaitForApproval", "EnableReplication").endsWith("NotifyValidated", "Validated");
    assertThat(e.output().orElseThrow().path("outcome").asText()).isEqualTo("VALIDATED");
    assertThat(wf.steps.reports.getLast().path("backfill").isNull()).isTrue();
    assertThat(wf.notices).extracting(n -> n.path("message").path("outcome").asText()).containsExactly("VALIDATED");
  }

  @Test
  void validate_only_that_finds_drift_fails_with_the_report_and_changes_nothing() {
    wf.steps.verifyMismatches = 2;

    Execution e = wf.run(wf.start(Workflow.plan("VALIDATE_ONLY")));

    assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(e.error()).contains("cutover.NotReady");
    assertThat(e.cause().orElseThrow()).contains("verify did not pass").contains("report.html");
    assertThat(wf.changes()).isEmpty();
    assertThat(wf.notices.getLast().path("message").path("reasons")).isNotEmpty();
  }

  @Test
  void a_notice_that_cannot_be_sent_changes_no_outcome() {
    wf.steps.failNotices = true;

    Execution e = wf.run(wf.start(Workflow.plan("VALIDATE_ONLY")));

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(wf.notices).hasSize(4); // one try and three retries
  }

  @Test
  void a_requested_rollback_puts_the_alias_back_on_blue_then_dns_then_replication() {
    Execution e = wf.run(wf.start(Workflow.plan("ROLLBACK")));

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(wf.callNames()).containsExactly(
        "Rollback/DETACH_GREEN", "Rollback/DISTRIBUTION_STATUS", "Rollback/DISTRIBUTION_STATUS",
        "Rollback/ATTACH_BLUE", "Rollback/DISTRIBUTION_STATUS", "Rollback/DISTRIBUTION_STATUS",
        "Rollback/RESTORE_DNS", "Rollback/DNS_STATUS", "Rollback/DNS_STATUS", "Replication/RESTORE");
    assertThat(wf.calls("Rollback/DISTRIBUTION_STATUS")).extracting(c -> c.payload().path("side").asText())
        .containsExactly("GREEN", "GREEN", "BLUE", "BLUE");
    assertThat(wf.calls("Rollback/DNS_STATUS")).allSatisfy(c -> assertThat(c.payload().path("changeId").asText()).isEqualTo("C0BLUE"));
    assertThat(wf.calls).allSatisfy(c -> assertThat(c.payload().path("plan").path("mode").asText()).isEqualTo("ROLLBACK"));
    assertThat(e.output().orElseThrow().path("outcome").asText()).isEqualTo("ROLLED_BACK");
    assertThat(e.output().orElseThrow().path("trigger").asText()).isEqualTo("REQUEST");
  }

  @Test
  void a_requested_rollback_with_no_cutover_recorded_still_restores_replication() {
    wf.steps.cutoverRecorded = false;

    Execution e = wf.run(wf.start(Workflow.plan("ROLLBACK")));

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(wf.callNames()).isEqualTo(List.of("Rollback/DETACH_GREEN", "Replication/RESTORE"));
  }
}
