package dev.cutover.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.json.Json;
import dev.cutover.plan.PlanProblem;
import dev.cutover.testing.TestPlans;
import org.junit.jupiter.api.Test;

/** The checksum payload: every problem at once, each with its field path. */
class ChecksumRequestTest {

  static ObjectNode payload(String action) {
    ObjectNode payload = TestPlans.payload(TestPlans.json("legacy-web-assets", "platform-web-assets", "platform-cutover-reports", "static/"));
    payload.put("action", action);
    return payload;
  }

  @Test
  void a_start_payload_gives_the_findings_bucket_and_key() {
    ChecksumRequest request =
        ChecksumRequest.parse(
            payload("START")
                .put("stateName", "ComputeChecksums")
                .put("findings", "s3://platform-cutover-reports/cutover/mig/verify/run-1/findings.jsonl"));

    assertThat(request.action()).isEqualTo(ChecksumAction.START);
    assertThat(request.findingsBucket()).isEqualTo("platform-cutover-reports");
    assertThat(request.findingsKeys()).containsExactly("cutover/mig/verify/run-1/findings.jsonl");
    assertThat(request.findings()).isEqualTo("s3://platform-cutover-reports/cutover/mig/verify/run-1/findings.jsonl");
    assertThat(request.plan().migrationId()).isEqualTo("assets-to-platform-account");
  }

  @Test
  void a_start_takes_every_findings_file_of_a_resumed_verification_and_names_each_bad_one() {
    ObjectNode payload = payload("START").put("stateName", "ComputeChecksums");
    payload.putArray("findings")
        .add("s3://platform-cutover-reports/cutover/mig/verify/run-1/findings.jsonl")
        .add("s3://platform-cutover-reports/cutover/mig/verify/run-1/findings-0002.jsonl");

    ChecksumRequest request = ChecksumRequest.parse(payload);

    assertThat(request.findingsKeys())
        .containsExactly("cutover/mig/verify/run-1/findings.jsonl", "cutover/mig/verify/run-1/findings-0002.jsonl");
    assertThat(request.findings()).endsWith("findings.jsonl and 1 more findings files");

    ObjectNode bad = payload("START").put("stateName", "ComputeChecksums");
    bad.putArray("findings").add("s3://platform-cutover-reports/a.jsonl").add(7).add("s3://elsewhere/b.jsonl");
    assertThatThrownBy(() -> ChecksumRequest.parse(bad))
        .isInstanceOfSatisfying(
            InvalidPlanException.class,
            e -> assertThat(e.problems()).extracting(PlanProblem::field).containsExactly("findings[1]", "findings[2]"));
    ObjectNode empty = payload("START").put("stateName", "ComputeChecksums");
    empty.putArray("findings");
    assertThatThrownBy(() -> ChecksumRequest.parse(empty)).hasMessageContaining("findings: is required for START");
  }

  @Test
  void describe_and_compare_need_both_job_ids_in_s3s_form() {
    ObjectNode payload = payload("COMPARE").put("sourceJobId", "not a job id!").put("stateName", "S".repeat(200));

    assertThatThrownBy(() -> ChecksumRequest.parse(payload))
        .isInstanceOfSatisfying(
            InvalidPlanException.class,
            e -> {
              assertThat(e.problems()).extracting(PlanProblem::field).containsExactly("sourceJobId", "targetJobId");
              assertThat(e.problems().get(0).message()).contains("is not an S3 Batch Operations job id");
              assertThat(e.problems().get(1).message()).contains("pass the targetJobId that START returned");
            });
  }

  @Test
  void a_start_needs_its_state_name_and_findings_in_the_report_bucket() {
    ObjectNode notAUri = payload("START").put("stateName", "S".repeat(81)).put("findings", "findings.jsonl");
    ObjectNode otherBucket = payload("START").put("stateName", "ComputeChecksums").put("findings", "s3://elsewhere/findings.jsonl");

    assertThatThrownBy(() -> ChecksumRequest.parse(notAUri))
        .isInstanceOfSatisfying(
            InvalidPlanException.class,
            e -> {
              assertThat(e.problems()).extracting(PlanProblem::field).containsExactly("stateName", "findings");
              assertThat(e.getMessage()).contains("is 81 characters").contains("is not an S3 URI");
            });
    assertThatThrownBy(() -> ChecksumRequest.parse(otherBucket))
        .isInstanceOf(InvalidPlanException.class)
        .hasMessageContaining("findings: is in bucket elsewhere, but the verify step writes its findings to the plan's report bucket platform-cutover-reports");
  }

  @Test
  void an_unknown_action_a_missing_execution_and_a_missing_plan_are_reported_together() {
    ObjectNode payload = Json.mapper().createObjectNode().put("action", "start").put("jobId", "j");

    assertThatThrownBy(() -> ChecksumRequest.parse(payload))
        .isInstanceOfSatisfying(
            InvalidPlanException.class,
            e -> {
              assertThat(e.problems()).extracting(PlanProblem::field).containsExactlyInAnyOrder("jobId", "action", "executionId", "plan");
              assertThat(e.getMessage()).contains("\"start\" is not an action; give one of START, DESCRIBE, COMPARE");
            });
  }

  @Test
  void a_payload_that_is_not_an_object_is_refused_as_a_whole() {
    assertThatThrownBy(() -> ChecksumRequest.parse(Json.mapper().createArrayNode()))
        .isInstanceOfSatisfying(
            InvalidPlanException.class,
            e -> assertThat(e.problems()).extracting(PlanProblem::field).containsExactly("$"));
  }
}
