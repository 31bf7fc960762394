package dev.cutover.workflow;

import static dev.cutover.workflow.Workflow.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.asl.engine.Execution;
import dev.cutover.asl.engine.ExecutionStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The rollback Catch cannot see: EventBridge starts this state machine with the "Step Functions
 * Execution Status Change" event of a run that ended FAILED, TIMED_OUT or ABORTED. The events here
 * are built from real runs of the workflow, the way EventBridge builds them.
 */
class AutomaticRollbackTest {

  private final Workflow wf = new Workflow();

  /** The event EventBridge sends for {@code run}, whose input it carries as a string. */
  static ObjectNode event(Execution run) {
    ObjectNode detail = Workflow.JSON.createObjectNode();
    detail.put("executionArn", run.arn());
    detail.put("stateMachineArn", run.stateMachineArn());
    detail.put("name", run.name());
    detail.put("status", run.status().name());
    detail.put("startDate", run.startTime().toEpochMilli());
    detail.put("stopDate", run.stopTime().map(t -> t.toEpochMilli()).orElse(null));
    detail.put("input", run.input().toString());
    detail.set("inputDetails", Workflow.json("{'included':true}"));
    detail.putNull("output");
    detail.put("error", run.error().orElse(null));
    detail.put("cause", run.cause().orElse(null));
    ObjectNode event = Workflow.JSON.createObjectNode();
    event.put("version", "0");
    event.put("id", "315c1398-40ff-a850-213b-158f73e60175");
    event.put("detail-type", "Step Functions Execution Status Change");
    event.put("source", "aws.states");
    event.put("account", Workflow.ACCOUNT);
    event.put("time", run.stopTime().orElseThrow().toString());
    event.put("region", "us-east-1");
    event.set("resources", Workflow.JSON.createArrayNode().add(run.arn()));
    event.set("detail", detail);
    return event;
  }


  @Test
  void a_run_aborted_during_the_bake_is_rolled_back_by_the_next_run() {
    Execution migrate = wf.run(wf.start(Workflow.plan("MIGRATE")));
    wf.approveOnly(Workflow.APPROVER, Duration.ofMinutes(5));
    wf.runFor(Duration.ofMinutes(10));
    assertThat(wf.callNames()).contains("Cutover/ATTACH_GREEN", "Watch");
    wf.engine.stop(migrate.arn(), "Aborted", "stopped by an operator");
    assertThat(migrate.status()).isEqualTo(ExecutionStatus.ABORTED);
    int before = wf.calls.size();

    Execution rollback = wf.run(wf.start(event(migrate)));

    assertThat(rollback.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(wf.callNames().subList(before, wf.calls.size())).containsSubsequence(
        "Rollback/DETACH_GREEN", "Rollback/ATTACH_BLUE", "Rollback/RESTORE_DNS", "Replication/RESTORE");
    assertThat(wf.calls.subList(before, wf.calls.size())).allSatisfy(c -> {
      assertThat(c.payload().path("plan").path("mode").asText()).isEqualTo("ROLLBACK");
      assertThat(c.payload().path("plan").path("migrationId").asText()).isEqualTo(Steps.MIGRATION);
      assertThat(c.payload().path("executionId").asText()).isEqualTo(rollback.arn());
    });
    JsonNode out = rollback.output().orElseThrow();
    assertThat(out.path("trigger").asText()).isEqualTo("EVENT");
    assertThat(out.path("failure").path("Cause").asText()).contains(migrate.arn()).contains("ended ABORTED").contains("stopped by an operator");
  }

  @Test
  void a_failed_run_that_never_began_the_cutover_leaves_replication_running() {
    wf.steps.cutoverRecorded = false;
    Execution failed = wf.run(wf.start(Workflow.plan("MIGRATE")));
    wf.engine.stop(failed.arn(), "States.Runtime", "lost");
    int before = wf.calls.size();

    Execution rollback = wf.run(wf.start(event(failed)));

    assertThat(rollback.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(wf.callNames().subList(before, wf.calls.size())).containsExactly("Rollback/DETACH_GREEN");
    assertThat(rollback.output().orElseThrow().path("outcome").asText()).isEqualTo("NOTHING_TO_ROLL_BACK");
  }

  @Test
  void a_clean_stop_before_the_cutover_needs_no_rollback_and_calls_nothing() {
    wf.steps.parityPasses = false;
    Execution stopped = wf.run(wf.start(Workflow.plan("MIGRATE")));
    assertThat(stopped.error()).contains("cutover.NotReady");
    int before = wf.calls.size();

    Execution rollback = wf.run(wf.start(event(stopped)));

    assertThat(rollback.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(wf.calls).hasSize(before);
    assertThat(path(rollback)).containsExactly("WhatWasAsked", "ReadTheFailedRun", "ShouldWeRollBack", "NothingToRollBack");
  }

  @Test
  void a_run_that_already_rolled_back_is_not_rolled_back_again() {
    wf.steps.watchHealthy = i -> false;
    Execution rolledBack = wf.migrateAndApprove();
    assertThat(rolledBack.error()).contains("cutover.RolledBack");
    int before = wf.calls.size();

    Execution again = wf.run(wf.start(event(rolledBack)));

    assertThat(again.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(wf.calls).hasSize(before);
  }

  @Test
  void a_failed_validate_only_run_has_nothing_to_roll_back() {
    wf.steps.failTimes("Report", 1, "dev.cutover.errors.InvalidPlanException");
    Execution nightly = wf.run(wf.start(Workflow.plan("VALIDATE_ONLY")));
    assertThat(nightly.status()).isEqualTo(ExecutionStatus.FAILED);
    int before = wf.calls.size();

    Execution rollback = wf.run(wf.start(event(nightly)));

    assertThat(rollback.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(wf.calls).hasSize(before);
  }

  @Test
  void a_failed_rollback_is_retried_once_by_an_automatic_rollback_and_never_loops() {
    wf.steps.watchHealthy = i -> false;
    wf.steps.failTimes("Rollback/RESTORE_DNS", 1, "dev.cutover.errors.ConcurrentChangeException");
    Execution migrate = wf.migrateAndApprove();
    assertThat(migrate.error()).contains("cutover.RollbackFailed");

    wf.steps.failTimes("Rollback/RESTORE_DNS", 1, "dev.cutover.errors.ConcurrentChangeException");
    Execution retry = wf.run(wf.start(event(migrate)));
    assertThat(retry.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(retry.error()).contains("cutover.RollbackFailed");
    int before = wf.calls.size();

    Execution third = wf.run(wf.start(event(retry)));

    assertThat(third.status()).as("SUCCEEDED, so that no further event starts another run").isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(wf.calls).hasSize(before);
    assertThat(third.output().orElseThrow().path("outcome").asText()).isEqualTo("LEFT_FOR_A_PERSON");
    assertThat(wf.notices.getLast().path("message").path("failedRun").asText()).isEqualTo(retry.arn());
  }

  @Test
  void a_failed_rollback_a_person_started_is_left_to_that_person() {
    wf.steps.failTimes("Rollback/DETACH_GREEN", 1, "dev.cutover.errors.PreconditionFailedException");
    Execution requested = wf.run(wf.start(Workflow.plan("ROLLBACK")));
    assertThat(requested.error()).contains("cutover.RollbackFailed");
    int before = wf.calls.size();

    Execution next = wf.run(wf.start(event(requested)));

    assertThat(next.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(wf.calls).hasSize(before);
  }
}
