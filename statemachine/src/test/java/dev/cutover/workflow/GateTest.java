package dev.cutover.workflow;

import static dev.cutover.workflow.Workflow.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.asl.engine.Execution;
import dev.cutover.asl.engine.ExecutionStatus;
import org.junit.jupiter.api.Test;

/** Every way a run stops before the cutover: a report, a notice, a FAILED run, and users still on blue. */
class GateTest {

  private static final String PRECONDITION = "dev.cutover.errors.PreconditionFailedException";
  private final Workflow wf = new Workflow();

  private Execution migrate() {
    return wf.run(wf.start(Workflow.plan("MIGRATE")));
  }

  private void assertStoppedBeforeTheCutover(Execution e, String error) {
    assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(e.error()).contains(error);
    assertThat(path(e)).endsWith("NotifyNotReady", "StoppedBeforeTheCutover").doesNotContain("WaitForApproval", "RollBack");
    assertThat(wf.callNames()).noneMatch(n -> n.startsWith("Cutover/") || n.startsWith("Rollback/") || n.equals("RequestApproval"));
    assertThat(wf.notices).hasSize(1);
    assertThat(wf.notices.getFirst().path("message").path("report").asText()).endsWith("report.html");
  }

  @Test
  void a_failed_preflight_stops_the_run_before_anything_changes() {
    wf.steps.preflightPasses = false;

    Execution e = migrate();

    assertStoppedBeforeTheCutover(e, "cutover.NotReady");
    assertThat(wf.changes()).isEmpty();
    assertThat(wf.callNames()).containsExactly("Preflight", "Report");
    assertThat(e.cause().orElseThrow()).contains("preflight did not pass");
  }

  @Test
  void a_preflight_that_errors_stops_with_a_report_naming_the_error() {
    wf.steps.failTimes("Preflight", 1, PRECONDITION);

    Execution e = migrate();

    assertStoppedBeforeTheCutover(e, "cutover.Stopped");
    assertThat(wf.changes()).isEmpty();
    JsonNode section = wf.steps.reports.getLast().path("preflight");
    assertThat(section.path("Error").asText()).isEqualTo(PRECONDITION);
    assertThat(section.size()).as("exactly Error and Cause: the report shows it as FAILED").isEqualTo(2);
    assertThat(e.cause().orElseThrow()).startsWith("CheckPreflight failed with " + PRECONDITION);
    assertThat(wf.steps.count("Preflight")).as("a precondition is not retried").isEqualTo(1);
  }

  @Test
  void a_failed_backfill_job_goes_in_the_report_and_replication_keeps_running() {
    wf.steps.backfillOutcome = "FAILED";

    Execution e = migrate();

    assertStoppedBeforeTheCutover(e, "cutover.NotReady");
    assertThat(wf.changes()).containsExactly("Replication/ENABLE", "Backfill/START");
    assertThat(wf.callNames()).containsSubsequence("Backfill/DESCRIBE", "Backfill/REPORT", "Report").doesNotContain("Verify", "Parity");
    JsonNode backfill = wf.steps.reports.getLast().path("backfill");
    assertThat(backfill.path("progress").path("outcome").asText()).isEqualTo("FAILED");
    assertThat(backfill.path("report").path("failedTasksByErrorCode").path("AccessDenied").asInt()).isEqualTo(3);
  }

  @Test
  void a_verification_mismatch_stops_at_the_gate() {
    wf.steps.verifyMismatches = 1;

    Execution e = migrate();

    assertStoppedBeforeTheCutover(e, "cutover.NotReady");
    assertThat(e.cause().orElseThrow()).contains("verify did not pass");
    assertThat(wf.changes()).containsExactly("Replication/ENABLE", "Backfill/START");
  }

  @Test
  void a_requested_key_missing_on_green_stops_at_the_gate() {
    wf.steps.keyWindowMismatches = 2;

    Execution e = migrate();

    assertStoppedBeforeTheCutover(e, "cutover.NotReady");
    JsonNode keys = wf.steps.reports.getLast().path("verifyKeys");
    assertThat(keys.path("passed").asBoolean()).isFalse();
    assertThat(keys.path("mismatchedObjects").asInt()).isEqualTo(2);
    assertThat(keys.path("examples").path("missingOnTarget")).extracting(k -> k.path("key").asText())
        .containsExactly("static/hot-0-0.js", "static/hot-0-1.js");
  }

  @Test
  void parity_drift_stops_at_the_gate() {
    wf.steps.parityPasses = false;

    Execution e = migrate();

    assertStoppedBeforeTheCutover(e, "cutover.NotReady");
    assertThat(e.cause().orElseThrow()).contains("parity did not pass");
  }

  @Test
  void a_validation_step_that_errors_is_a_failed_section_not_a_rollback() {
    wf.steps.failTimes("LogScan", 1, PRECONDITION);

    Execution e = migrate();

    assertStoppedBeforeTheCutover(e, "cutover.NotReady");
    JsonNode report = wf.steps.reports.getLast();
    assertThat(report.path("logscan").path("Error").asText()).isEqualTo(PRECONDITION);
    assertThat(report.path("parity").path("passed").asBoolean()).as("parity still ran, on blue's own sample").isTrue();
    assertThat(wf.calls("Parity").getFirst().payload().has("sampleKeys")).isFalse();
    assertThat(report.path("verifyKeys").isNull()).isTrue();
  }

  @Test
  void an_error_after_the_first_change_outside_validation_rolls_back_replication() {
    wf.steps.cutoverRecorded = false;
    wf.steps.failTimes("Backfill/DESCRIBE", 1, PRECONDITION);

    Execution e = migrate();

    assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(e.error()).contains("cutover.RolledBack");
    assertThat(e.cause().orElseThrow()).contains("DescribeBackfill failed with " + PRECONDITION);
    assertThat(wf.changes()).containsExactly("Replication/ENABLE", "Backfill/START", "Rollback/DETACH_GREEN", "Replication/RESTORE");
    assertThat(path(e)).containsSubsequence("DescribeBackfill", "AfterAFailure", "RollBack", "WasTheCutoverRecorded", "RestoreReplication");
  }
}
