package dev.cutover.workflow;

import static dev.cutover.workflow.Workflow.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.asl.engine.Execution;
import dev.cutover.asl.engine.ExecutionStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The approval: rejected or timed out, the run ends with users still on blue. */
class ApprovalTest {

  private final Workflow wf = new Workflow();

  @Test
  void a_rejection_ends_the_run_with_no_change_to_user_traffic() {
    Execution e = wf.run(wf.start(Workflow.plan("MIGRATE")));

    wf.reject(Workflow.APPROVER, Duration.ofHours(2), e);

    assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(e.error()).contains("cutover.NotApproved");
    assertThat(e.cause().orElseThrow()).contains("Rejected by " + Workflow.APPROVER);
    assertThat(path(e)).endsWith("WaitForApproval", "NotifyNotApproved", "NotApproved");
    assertThat(wf.changes()).containsExactly("Replication/ENABLE", "Backfill/START");
    assertThat(wf.notices.getLast().path("message").path("outcome").asText()).isEqualTo("NOT_APPROVED");
  }

  @Test
  void no_decision_within_the_plans_timeout_ends_the_run_the_same_way() {
    ObjectNode plan = Workflow.plan("MIGRATE");
    ((ObjectNode) plan.get("approval")).put("timeoutSeconds", 3600);
    Execution e = wf.run(wf.start(plan));
    var asked = Workflow.entered(e, "WaitForApproval").getFirst().timestamp();

    wf.runToTheEnd(e);

    assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(e.error()).contains("cutover.NotApproved");
    assertThat(e.cause().orElseThrow()).contains("timed out");
    assertThat(e.stopTime().orElseThrow()).isEqualTo(asked.plusSeconds(3600));
    assertThat(wf.changes()).containsExactly("Replication/ENABLE", "Backfill/START");
    assertThat(wf.calls("RequestApproval")).hasSize(1);
  }

  @Test
  void without_a_timeout_in_the_plan_the_approval_waits_a_day() {
    ObjectNode plan = Workflow.plan("MIGRATE");
    ((ObjectNode) plan.get("approval")).remove("timeoutSeconds");
    Execution e = wf.run(wf.start(plan));
    var asked = Workflow.entered(e, "WaitForApproval").getFirst().timestamp();

    wf.runToTheEnd(e);

    assertThat(e.stopTime().orElseThrow()).isEqualTo(asked.plus(Duration.ofDays(1)));
  }
}
