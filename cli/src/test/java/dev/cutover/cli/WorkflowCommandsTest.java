package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.testing.EmbeddedS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The commands against the real Step Functions endpoint running the real workflow file, in
 * virtual time: start → watch (states, progress, approval) → approve (through the decide stub,
 * which delivers the decision to the endpoint) → watch --follow to the end → report → rollback.
 */
class WorkflowCommandsTest {

  static final String DECIDER = "arn:aws:sts::444455556666:assumed-role/AWSReservedSSO_PlatformAdmin_0123456789abcdef/alice@example.com";

  final LocalWorld world = LocalWorld.withMachine();
  final DecideStub decide = new DecideStub("local-secret", r -> {
    String decision = r.body().path("decision").asText();
    String at = world.clock.instant().toString();
    if (decision.equals("APPROVE")) {
      world.sfn.sendTaskSuccess(s -> s.taskToken(world.steps.approvalToken).output(
          "{\"decision\":\"APPROVE\",\"decidedBy\":\"" + DECIDER + "\",\"decidedAt\":\"" + at + "\",\"reason\":null}"));
    } else {
      world.sfn.sendTaskFailure(s -> s.taskToken(world.steps.approvalToken).error("dev.cutover.errors.ApprovalRejectedException")
          .cause("Rejected by " + DECIDER + " at " + at + ": " + r.body().path("reason").asText()));
    }
    return new DecideStub.Answer(200, Run.JSON.createObjectNode().put("status", 200)
        .put("code", decision.equals("APPROVE") ? "APPROVED" : "REJECTED").put("message", "decided")
        .put("executionArn", r.body().path("executionArn").asText()).put("approvalId", "ap-1").put("decision", decision)
        .put("decidedBy", DECIDER).put("decidedAt", at).toString());
  });

  @AfterEach
  void close() {
    decide.close();
    world.close();
  }

  @Test
  void start_validates_the_plan_then_starts_the_run_and_prints_the_next_commands() {
    LocalWorld.Result r = world.cutover("start", "--input", LocalWorld.event("migrate.json").toString(), "--name", "run-1");

    String arn = world.machineArn.replace(":stateMachine:", ":execution:") + ":run-1";
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Started assets-to-platform-account (MIGRATE)", arn, "cutover watch " + arn + " --follow",
        "cutover approve " + arn);
    JsonNode input = Run.parse(world.sfn.describeExecution(d -> d.executionArn(arn)).input());
    assertThat(input.path("mode").asText()).isEqualTo("MIGRATE");
  }

  @Test
  void start_names_the_run_after_the_migration_mode_and_time_when_no_name_is_given() {
    LocalWorld.Result r = world.cutover("--output", "json", "start", "--input", LocalWorld.event("validate-only.json").toString());

    assertThat(r.exit()).as(r.toString()).isZero();
    JsonNode out = Run.parse(r.out());
    assertThat(out.path("name").asText()).isEqualTo("assets-to-platform-account-validate-only-20261124-090000");
    assertThat(world.sfn.describeExecution(d -> d.executionArn(out.path("executionArn").asText())).name())
        .isEqualTo(out.path("name").asText());
  }

  @Test
  void start_refuses_a_plan_with_problems_listing_each_with_its_field_and_starts_nothing(@TempDir Path dir) throws Exception {
    String plan = Files.readString(LocalWorld.event("migrate.json"))
        .replace("\"timeoutSeconds\"", "\"timeoutSecond\"")
        .replace("\"assets.example.com\"", "\"example.com\"");
    Path file = dir.resolve("plan.json");
    Files.writeString(file, plan);

    LocalWorld.Result r = world.cutover("start", "--input", file.toString());

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("nothing was started", "approval.timeoutSecond:", "did you mean 'timeoutSeconds'", "dns.hostname:");
    assertThat(world.sfn.listExecutions(l -> l.stateMachineArn(world.machineArn)).executions()).isEmpty();
  }

  @Test
  void start_says_to_pick_another_name_when_the_name_is_taken() {
    String arn = world.start("run-1");
    world.runUntil(world::awaitingApproval);

    LocalWorld.Result r = world.cutover("start", "--input", LocalWorld.event("validate-only.json").toString(), "--name", "run-1");

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("already exists", "pass another --name", "cutover watch " + arn);
  }

  @Test
  void watch_shows_the_state_the_backfill_progress_and_the_last_events() {
    String arn = world.start("run-1");
    world.runUntil(() -> world.steps.calls.contains("Backfill/DESCRIBE"));

    LocalWorld.Result r = world.cutover("watch", arn, "--events", "3");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Status     RUNNING", "Migration  assets-to-platform-account (MIGRATE)", "Now in     WaitForBackfill",
        "backfill  400 of 1200 tasks (33%), 0 failed, RUNNING", "Last events");
    assertThat(r.out().lines().filter(l -> l.startsWith("  2026-")).count()).isEqualTo(3);
    assertThat(r.out()).doesNotContain("Outcome", "\u001b[");
  }

  @Test
  void watch_says_an_approval_waits_with_the_commands_and_shows_verification_progress() {
    String arn = world.start("run-1");
    world.runUntil(world::awaitingApproval);

    LocalWorld.Result r = world.cutover("watch", "run-1");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Now in     WaitForApproval", "backfill  1200 of 1200 tasks (100%), 0 failed, SUCCEEDED",
        "verify    1200 objects compared of 1200 on blue, complete, 0 mismatched", "cutover approve " + arn,
        "cutover reject " + arn + " --reason");
  }

  @Test
  void watch_in_json_gives_the_same_facts_to_scripts() {
    String arn = world.start("run-1");
    world.runUntil(world::awaitingApproval);

    LocalWorld.Result r = world.cutover("watch", arn, "--output", "json");

    JsonNode out = Run.parse(r.out());
    assertThat(out.path("status").asText()).isEqualTo("RUNNING");
    assertThat(out.path("activeStates").toString()).isEqualTo("[\"WaitForApproval\"]");
    assertThat(out.path("progress").path("backfill").path("succeededTasks").asLong()).isEqualTo(1200);
    assertThat(out.path("progress").path("verify").path("objectsCompared").asLong()).isEqualTo(1200);
    assertThat(out.path("progress").path("awaitingApproval").asBoolean()).isTrue();
    assertThat(out.path("events").size()).isEqualTo(10);
    assertThat(out.has("outcome")).isFalse();
  }

  @Test
  void approve_then_watch_follow_runs_to_migrated_with_the_bake_progress() {
    String arn = world.start("run-1");
    world.runUntil(world::awaitingApproval);

    LocalWorld.Result approved = world.cutover("approve", arn, "--decide-url", decide.url().toString(), "--reason", "report reviewed");
    world.drive();
    LocalWorld.Result followed = world.cutover("watch", arn, "--follow", "--interval", "60", "--events", "0");

    assertThat(approved.exit()).as(approved.toString()).isZero();
    assertThat(approved.out()).contains("Approved " + arn, "Recorded as " + DECIDER, "cutover watch " + arn + " --follow");
    assertThat(decide.received.getFirst().body().path("reason").asText()).isEqualTo("report reviewed");
    assertThat(followed.exit()).as(followed.toString()).isZero();
    assertThat(followed.out()).contains("bake      1 health sample, healthy", "Outcome    SUCCEEDED MIGRATED", "Users reach assets.example.com on green");
    assertThat(followed.out()).containsPattern("bake      \\d+ health samples, healthy, ends 2026-11-24T\\d\\d:\\d\\d:\\d\\dZ \\(done\\)");
    assertThat(world.sleeps).isNotEmpty().allMatch(d -> d.equals(Duration.ofSeconds(60)));
    assertThat(world.status(arn)).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void reject_ends_the_run_not_approved_and_watch_says_nothing_changed() {
    String arn = world.start("run-1");
    world.runUntil(world::awaitingApproval);

    LocalWorld.Result rejected = world.cutover("reject", arn, "--decide-url", decide.url().toString(), "--reason", "drift in parity");
    world.runToEnd(arn);
    LocalWorld.Result watched = world.cutover("watch", arn);

    assertThat(rejected.exit()).as(rejected.toString()).isZero();
    assertThat(rejected.out()).contains("Rejected " + arn, "Recorded as " + DECIDER);
    assertThat(watched.exit()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(watched.out()).contains("Outcome    FAILED cutover.NotApproved", "drift in parity", "nothing user-facing changed");
  }

  @Test
  void a_run_that_is_not_ready_ends_with_the_report_location_and_report_reads_its_verdict() {
    world.steps.parityPasses = false;
    String arn = world.start("run-1");
    world.runToEnd(arn);

    LocalWorld.Result watched = world.cutover("watch", arn);
    LocalWorld.Result report = world.cutover("report", arn);

    assertThat(watched.exit()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(watched.out()).contains("Outcome    FAILED cutover.NotReady", "parity did not pass",
        ScriptedSteps.REPORTS + "/report/report.html, or cutover report " + arn + " --out ./report");
    assertThat(report.exit()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(report.out()).contains("Verdict    NOT_READY", "Reasons    - parity did not pass", "Summary    mode: MIGRATE",
        "objects.verified: 1200", ScriptedSteps.REPORTS + "/report/report.json");
  }

  @Test
  void report_says_when_the_run_has_not_written_one_yet() {
    String arn = world.start("run-1");
    world.runUntil(() -> world.steps.calls.contains("Backfill/DESCRIBE"));

    LocalWorld.Result r = world.cutover("report", arn);

    assertThat(r.exit()).isEqualTo(ExitCodes.RUN_FAILED);
    assertThat(r.err()).contains("no report yet", "WaitForBackfill", "cutover watch " + arn + " --follow");
  }

  @Test
  void report_out_downloads_both_files_from_s3(@TempDir Path dir) throws Exception {
    String bucket = EmbeddedS3.bucket("cli-reports");
    EmbeddedS3.client().putObject(p -> p.bucket(bucket).key("cutover/assets-to-platform-account/report/report.html"),
        RequestBody.fromString("<html>READY</html>"));
    EmbeddedS3.client().putObject(p -> p.bucket(bucket).key("cutover/assets-to-platform-account/report/report.json"),
        RequestBody.fromString("{\"verdict\":\"READY\"}"));
    String arn = world.start("run-1");
    world.runUntil(world::awaitingApproval);

    LocalWorld.Result r = world.cutover("report", arn, "--out", dir.resolve("out").toString(),
        "--endpoint-url-s3", EmbeddedS3.endpoint().toString());

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Verdict    READY", "Saved      " + dir.resolve("out/report.html"));
    assertThat(Files.readString(dir.resolve("out/report.html"))).isEqualTo("<html>READY</html>");
    assertThat(Files.readString(dir.resolve("out/report.json"))).isEqualTo("{\"verdict\":\"READY\"}");
  }

  @Test
  void rollback_starts_a_rollback_run_with_the_original_plan_once() throws Exception {
    world.steps.parityPasses = false;
    String arn = world.start("run-1");
    world.runToEnd(arn);

    LocalWorld.Result first = world.cutover("rollback", arn);
    world.drive();
    LocalWorld.Result second = world.cutover("rollback", arn);

    String rollbackArn = arn.replace(":run-1", ":rollback-run-1");
    assertThat(first.exit()).as(first.toString()).isZero();
    assertThat(first.out()).contains("Started the rollback " + rollbackArn, "cutover watch " + rollbackArn);
    assertThat(second.exit()).isZero();
    assertThat(second.out()).contains("The rollback already exists", "not started again", rollbackArn);
    assertThat(world.sfn.listExecutions(l -> l.stateMachineArn(world.machineArn)).executions()).hasSize(2);
    JsonNode original = Run.parse(Files.readString(LocalWorld.event("migrate.json")));
    JsonNode rollbackInput = Run.parse(world.sfn.describeExecution(d -> d.executionArn(rollbackArn)).input());
    assertThat(rollbackInput.path("mode").asText()).isEqualTo("ROLLBACK");
    ((com.fasterxml.jackson.databind.node.ObjectNode) original).put("mode", "ROLLBACK");
    assertThat(rollbackInput).isEqualTo(original);

    world.runToEnd(rollbackArn);
    LocalWorld.Result watched = world.cutover("watch", rollbackArn);
    assertThat(watched.exit()).isZero();
    assertThat(watched.out()).contains("Outcome    SUCCEEDED ROLLED_BACK", "Users are on blue again");
    assertThat(world.steps.calls).contains("Replication/RESTORE");
  }

  @Test
  void rollback_refuses_a_run_that_is_still_running_unless_told() {
    String arn = world.start("run-1");
    world.runUntil(world::awaitingApproval);

    LocalWorld.Result refused = world.cutover("rollback", arn);
    LocalWorld.Result forced = world.cutover("rollback", arn, "--even-if-running");

    assertThat(refused.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(refused.err()).contains("still RUNNING", "stop-execution", "--even-if-running");
    assertThat(forced.exit()).as(forced.toString()).isZero();
    assertThat(forced.out()).contains("Started the rollback");
  }
}
