package dev.cutover.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.plan.PlanProblem;
import dev.cutover.testing.FakeContext;
import dev.cutover.testing.TestPlans;
import dev.cutover.verify.port.BucketRef;
import dev.cutover.verify.port.Buckets;
import dev.cutover.verify.port.ObjectStore;
import dev.cutover.verify.port.ReportStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input is refused with every problem named by its field, before any bucket is touched. */
class VerifyHandlerInputTest {

  /** Fails the test if the handler reaches for a bucket. */
  private static final Buckets UNTOUCHED =
      new Buckets() {
        @Override
        public ObjectStore objects(BucketRef bucket) {
          throw new AssertionError("read " + bucket + " despite bad input");
        }

        @Override
        public ReportStore reports(BucketRef bucket) {
          throw new AssertionError("opened report bucket " + bucket + " despite bad input");
        }
      };

  @Test
  void every_problem_is_reported_at_once_with_its_field() {
    ObjectNode payload = TestPlans.payload(TestPlans.json("blue-bucket", "green-bucket", "report-bucket", "static/"));
    payload.remove("executionId");
    payload.put("keyz", "typo");
    ((ObjectNode) payload.get("plan").get("source")).put("bucket", "Not_A_Bucket!");
    payload.putArray("keys").add("static/a.css").add("other/b.css").add("static/a.css").add(7);

    InvalidPlanException e = refused(payload.toString());

    assertThat(e.problems())
        .extracting(PlanProblem::field)
        .containsExactlyInAnyOrder("keyz", "executionId", "plan.source.bucket", "keys[1]", "keys[2]", "keys[3]");
    assertThat(e.getMessage()).contains("nothing was changed").contains("not under the source prefix \"static/\"").contains("listed twice");
  }

  @Test
  void a_keys_from_window_is_refused_by_field_unless_it_is_a_window_of_this_migrations_reports() {
    ObjectNode payload = TestPlans.payload(TestPlans.json("blue-bucket", "green-bucket", "report-bucket", "static/"));
    payload.putArray("keys").add("static/a.css");
    payload.putObject("keysFrom").put("uri", "s3://blue-bucket/cutover/assets-to-platform-account/logscan/run/top-keys.jsonl")
        .put("offset", -1).put("limit", 1001).put("count", 5);

    InvalidPlanException e = refused(payload.toString());

    assertThat(e.problems())
        .extracting(PlanProblem::field)
        .containsExactlyInAnyOrder("keysFrom", "keysFrom.uri", "keysFrom.offset", "keysFrom.limit", "keysFrom.count");
    assertThat(e.getMessage())
        .contains("not in the plan's report bucket \"report-bucket\"")
        .contains("1 to 1000")
        .contains("not both");

    ObjectNode otherMigration = TestPlans.payload(TestPlans.json("blue-bucket", "green-bucket", "report-bucket", "static/"));
    otherMigration.putObject("keysFrom").put("uri", "s3://report-bucket/cutover/another-migration/logscan/run/top-keys.jsonl");
    assertThat(refused(otherMigration.toString()).getMessage())
        .contains("keysFrom.uri")
        .contains("not under this migration's reports, s3://report-bucket/cutover/assets-to-platform-account/");

    ObjectNode notAnS3Uri = TestPlans.payload(TestPlans.json("blue-bucket", "green-bucket", "report-bucket", "static/"));
    notAnS3Uri.putObject("keysFrom").put("uri", "cutover/assets-to-platform-account/logscan/run/top-keys.jsonl");
    assertThat(refused(notAnS3Uri.toString()).problems()).extracting(PlanProblem::field).containsExactly("keysFrom.uri");
  }

  @Test
  void more_keys_than_a_task_may_carry_are_refused() {
    ObjectNode payload = TestPlans.payload(TestPlans.json("blue-bucket", "green-bucket", "report-bucket", null));
    var keys = payload.putArray("keys");
    for (int i = 0; i <= VerifyInput.MAX_KEYS; i++) {
      keys.add("k" + i);
    }

    assertThat(refused(payload.toString()).problems()).extracting(PlanProblem::field).containsExactly("keys");
  }

  @Test
  void a_payload_that_is_not_json_is_refused() {
    assertThat(refused("executionId=x").problems()).extracting(PlanProblem::field).containsExactly("$");
  }

  @Test
  void a_bad_concurrency_setting_is_refused_naming_the_variable() {
    assertThatThrownBy(() -> VerifySettings.fromEnvironment(Map.of(VerifySettings.CONCURRENCY_VARIABLE, "lots")))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("CUTOVER_VERIFY_CONCURRENCY is \"lots\"")
        .hasMessageContaining("1 to 64");
    assertThat(VerifySettings.fromEnvironment(Map.of(VerifySettings.CONCURRENCY_VARIABLE, "16")).concurrency()).isEqualTo(16);
    assertThat(VerifySettings.fromEnvironment(Map.of()).concurrency()).isEqualTo(VerifySettings.DEFAULT_CONCURRENCY);
  }

  private static InvalidPlanException refused(String payload) {
    VerifyHandler handler = new VerifyHandler(UNTOUCHED, () -> Verification.SETTINGS, d -> {});
    Throwable thrown =
        catchThrowable(
            () -> handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), new FakeContext("cutover-verify")));
    assertThat(thrown).isInstanceOf(InvalidPlanException.class);
    return (InvalidPlanException) thrown;
  }
}
