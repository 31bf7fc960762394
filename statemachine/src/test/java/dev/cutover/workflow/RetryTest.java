package dev.cutover.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.asl.engine.Execution;
import dev.cutover.asl.engine.ExecutionStatus;
import dev.cutover.workflow.Workflow.Call;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retry: transient errors and the Lambda service's own are retried with backoff; nothing else is. */
class RetryTest {

  private static final String TRANSIENT = "dev.cutover.errors.TransientException";
  private final Workflow wf = new Workflow();


  @Test
  void a_step_failing_twice_with_a_transient_error_then_succeeding_changes_dns_once() {
    wf.steps.failTimes("Cutover/POINT_DNS", 2, TRANSIENT);

    Execution e = wf.migrateAndApprove();

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    List<Call> tries = wf.calls("Cutover/POINT_DNS");
    assertThat(tries).hasSize(3);
    List<Integer> answered = wf.steps.answersTo("Cutover/POINT_DNS");
    assertThat(answered).as("one side effect: only the third try got through").containsExactly(2);
    assertThat(Workflow.entered(e, "PointDnsAtGreen")).hasSize(1);
    // full jitter: each wait is at most the backoff (5 s, then 10 s)
    assertThat(Duration.between(tries.get(0).at(), tries.get(1).at())).isLessThanOrEqualTo(Duration.ofSeconds(5));
    assertThat(Duration.between(tries.get(1).at(), tries.get(2).at())).isLessThanOrEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void lambda_service_errors_are_retried_like_transient_ones() {
    wf.steps.failTimes("Preflight", 1, "Lambda.TooManyRequestsException");
    wf.steps.failTimes("Preflight", 1, "Lambda.ServiceException");

    Execution e = wf.migrateAndApprove();

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(wf.calls("Preflight")).hasSize(3);
  }

  @Test
  void a_transient_error_that_never_clears_ends_in_the_rollback_after_five_retries() {
    wf.steps.cutoverRecorded = false;
    wf.steps.failTimes("Cutover/CHECK", 6, TRANSIENT);

    Execution e = wf.migrateAndApprove();

    assertThat(wf.calls("Cutover/CHECK")).hasSize(6);
    assertThat(e.error()).contains("cutover.RolledBack");
    assertThat(e.cause().orElseThrow()).contains("CheckCutover failed with " + TRANSIENT);
  }

  @Test
  void errors_retrying_cannot_fix_are_not_retried() {
    wf.steps.cutoverRecorded = false;
    wf.steps.failTimes("Cutover/CHECK", 1, "dev.cutover.errors.PreconditionFailedException");

    Execution e = wf.migrateAndApprove();

    assertThat(wf.calls("Cutover/CHECK")).hasSize(1);
    assertThat(wf.changes()).doesNotContain("Cutover/RECORD", "Cutover/POINT_DNS");
    assertThat(e.error()).contains("cutover.RolledBack");
  }

  @Test
  void a_retried_backfill_start_names_the_same_state_so_it_finds_the_same_job() {
    wf.steps.failTimes("Backfill/START", 1, "Lambda.SdkClientException");

    wf.migrateAndApprove();

    assertThat(wf.calls("Backfill/START")).extracting(c -> c.payload().path("stateName").asText())
        .containsExactly("StartBackfill", "StartBackfill");
    assertThat(wf.calls("Backfill/START")).extracting(c -> c.payload().path("executionId").asText()).containsOnly(
        wf.calls("Preflight").getFirst().payload().path("executionId").asText());
  }
}
