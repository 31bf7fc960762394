package dev.cutover.workflow;

import static dev.cutover.workflow.Workflow.path;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.asl.engine.Execution;
import dev.cutover.asl.engine.ExecutionStatus;
import dev.cutover.plan.Plans;
import dev.cutover.workflow.Workflow.Call;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MIGRATE from the first check to the end of the bake, when everything goes well. */
class MigrateTest {

  private final Workflow wf = new Workflow();


  @Test
  void a_migration_checks_copies_proves_asks_moves_the_alias_and_bakes() {
    Execution e = wf.migrateAndApprove();

    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(path(e)).containsSubsequence(
        "CheckPreflight", "EnableReplication", "StartBackfill", "WaitForBackfill", "DescribeBackfill", "IsBackfillDone",
        "ValidateGreen", "WriteReport", "IsEverythingVerified", "WaitForApproval", "CheckCutover", "RecordWhatWillChange",
        "PointDnsAtGreen", "RemoveAliasFromBlue", "MoveAliasToGreen", "StartBake", "WatchGreen", "NotifyMigrated", "Migrated");
    assertThat(wf.changes()).containsExactly(
        "Replication/ENABLE", "Backfill/START", "Cutover/RECORD", "Cutover/POINT_DNS", "Cutover/DETACH_BLUE", "Cutover/ATTACH_GREEN");
    assertThat(path(e)).doesNotContain("RollBack", "AfterAFailure");
    JsonNode output = e.output().orElseThrow();
    assertThat(output.path("outcome").asText()).isEqualTo("MIGRATED");
    assertThat(output.path("approval").path("decidedBy").asText()).isEqualTo(Workflow.APPROVER);
    assertThat(wf.notices).extracting(n -> n.path("message").path("outcome").asText()).containsExactly("MIGRATED");
  }

  @Test
  void nothing_user_facing_changes_before_a_person_approves() {
    wf.run(wf.start(Workflow.plan("MIGRATE")));

    assertThat(wf.awaitingApproval()).isTrue();
    assertThat(wf.changes()).containsExactly("Replication/ENABLE", "Backfill/START");
    JsonNode request = wf.calls("RequestApproval").getFirst().payload();
    assertThat(request.path("report")).isEqualTo(wf.steps.reportResults.getLast());
    assertThat(request.path("executionStartTime").asText()).isEqualTo("2026-11-24T09:00:00Z");
  }

  @Test
  void blue_gives_up_the_alias_only_after_dns_is_in_sync_and_green_is_deployed() {
    wf.migrateAndApprove();

    List<String> calls = wf.callNames();
    int detach = calls.indexOf("Cutover/DETACH_BLUE");
    int attach = calls.indexOf("Cutover/ATTACH_GREEN");
    int record = calls.indexOf("Cutover/RECORD");
    int pointDns = calls.indexOf("Cutover/POINT_DNS");
    assertThat(record).isLessThan(pointDns);
    assertThat(answersBefore(detach)).anySatisfy(r -> assertThat(r.path("dnsStatus").asText()).isEqualTo("INSYNC"));
    assertThat(lastStatusBefore(detach, "GREEN")).isEqualTo("Deployed");
    assertThat(lastStatusBefore(attach, "BLUE")).as("blue's change is live before green takes the exact alias").isEqualTo("Deployed");
    assertThat(attach).isGreaterThan(detach);
    assertThat(wf.calls("Watch").getFirst().at()).isAfter(wf.calls("Cutover/ATTACH_GREEN").getFirst().at());
  }

  private List<JsonNode> answersBefore(int index) {
    return wf.steps.answers.subList(0, index);
  }

  private String lastStatusBefore(int index, String side) {
    String status = null;
    for (int i = 0; i < index; i++) {
      Call c = wf.calls.get(i);
      if (c.name().equals("Cutover/DISTRIBUTION_STATUS") && c.payload().path("side").asText().equals(side)) {
        status = wf.steps.answers.get(i).path("distributionStatus").asText();
      }
    }
    return status;
  }

  @Test
  void the_backfill_wait_doubles_up_to_five_minutes() {
    wf.steps.backfillPollsUntilDone = 8;

    wf.run(wf.start(Workflow.plan("MIGRATE")));

    List<Call> polls = wf.calls("Backfill/DESCRIBE");
    assertThat(polls).hasSize(8);
    List<Long> gaps = new java.util.ArrayList<>();
    gaps.add(Duration.between(wf.calls("Backfill/START").getFirst().at(), polls.getFirst().at()).toSeconds());
    for (int i = 1; i < polls.size(); i++) {
      gaps.add(Duration.between(polls.get(i - 1).at(), polls.get(i).at()).toSeconds());
    }
    assertThat(gaps).containsExactly(30L, 60L, 120L, 240L, 300L, 300L, 300L, 300L);
    assertThat(polls).allSatisfy(c -> assertThat(c.payload().path("jobId").asText()).isEqualTo("a1b2c3d4-0000-4000-8000-backfill0001"));
  }

  @Test
  void a_backfill_that_runs_two_days_stays_far_below_the_history_limit() {
    wf.steps.backfillPollsUntilDone = 600; // 600 polls, 5 min apart once grown: about two days

    Execution e = wf.run(wf.start(Workflow.plan("MIGRATE")));

    assertThat(wf.awaitingApproval()).isTrue();
    assertThat(Duration.between(Workflow.T0, wf.calls("Backfill/DESCRIBE").getLast().at())).isGreaterThan(Duration.ofDays(2));
    assertThat(e.history()).hasSizeLessThan(10_000);
  }

  @Test
  void the_report_gets_each_step_result_as_the_step_returned_it() {
    wf.steps.contentUnverified = 4;
    wf.run(wf.start(Workflow.plan("MIGRATE")));

    JsonNode report = wf.steps.reports.getLast();
    assertThat(report.path("preflight")).isEqualTo(answerOf("Preflight"));
    assertThat(report.path("backfill").path("progress")).isEqualTo(answerOf("Backfill/DESCRIBE"));
    assertThat(report.path("verify")).isEqualTo(answerOf("Verify#listing"));
    assertThat(report.path("checksum")).isEqualTo(answerOf("Checksum/COMPARE"));
    assertThat(report.path("parity")).isEqualTo(answerOf("Parity"));
    assertThat(report.path("logscan").path("distinctKeys")).isEqualTo(answerOf("LogScan").path("distinctKeys"));
    assertThat(report.path("logscan").path("passed").asBoolean()).isTrue();
    // JSONata writes 1.0 as 1: the same plan for the parser, which is what every step reads it with
    assertThat(Plans.parse(report.path("plan"))).isEqualTo(Plans.parse(Workflow.plan("MIGRATE")));
  }

  private JsonNode answerOf(String name) {
    for (int i = wf.calls.size() - 1; i >= 0; i--) {
      Call c = wf.calls.get(i);
      boolean listing = name.equals("Verify#listing") && c.name().equals("Verify") && !c.payload().has("keysFrom");
      if (listing || c.name().equals(name)) {
        return wf.steps.answers.get(i);
      }
    }
    throw new AssertionError(name + " was not called");
  }

  @Test
  void a_listing_verification_that_runs_out_of_time_is_resumed_from_its_own_result() {
    wf.steps.verifyRoundsUntilComplete = 3;

    wf.run(wf.start(Workflow.plan("MIGRATE")));

    List<Call> listing = wf.calls("Verify").stream().filter(c -> !c.payload().has("keysFrom")).toList();
    assertThat(listing).hasSize(3);
    assertThat(listing.getFirst().payload().has("resume")).isFalse();
    assertThat(listing.get(1).payload().path("resume").path("resumeAfter").asText()).isEqualTo("static/k600");
    assertThat(listing.get(2).payload().path("resume").path("resumeAfter").asText()).isEqualTo("static/k1200");
    assertThat(wf.steps.reports.getLast().path("verify").path("complete").asBoolean()).isTrue();
    assertThat(wf.awaitingApproval()).isTrue();
  }

  @Test
  void objects_a_head_cannot_prove_get_checksums_computed_on_both_sides() {
    wf.steps.contentUnverified = 4;
    wf.steps.verifyRoundsUntilComplete = 2;
    wf.steps.checksumPollsUntilDone = 3;

    wf.run(wf.start(Workflow.plan("MIGRATE")));

    JsonNode start = wf.calls("Checksum/START").getFirst().payload();
    assertThat(start.path("stateName").asText()).isEqualTo("ComputeChecksums");
    assertThat(start.path("findings")).extracting(JsonNode::asText).containsExactly(
        Steps.REPORTS + "/verify/run-1/findings-1.jsonl", Steps.REPORTS + "/verify/run-1/findings-2.jsonl");
    assertThat(wf.calls("Checksum/DESCRIBE")).hasSize(3);
    JsonNode compare = wf.calls("Checksum/COMPARE").getFirst().payload();
    assertThat(compare.path("sourceJobId").asText()).isEqualTo("src-job-0001");
    assertThat(compare.path("targetJobId").asText()).isEqualTo("tgt-job-0001");
    assertThat(wf.awaitingApproval()).isTrue();
  }

  @Test
  void without_unproven_objects_no_checksum_job_is_started() {
    wf.run(wf.start(Workflow.plan("MIGRATE")));

    assertThat(wf.callNames()).noneMatch(n -> n.startsWith("Checksum"));
    assertThat(wf.steps.reports.getLast().path("checksum").isNull()).isTrue();
  }

  @Test
  void every_window_of_requested_keys_is_verified_and_summed_into_one_section() {
    wf.steps.keyWindows = 3;

    wf.run(wf.start(Workflow.plan("MIGRATE")));

    List<Call> windows = wf.calls("Verify").stream().filter(c -> c.payload().has("keysFrom")).toList();
    assertThat(windows).extracting(c -> c.payload().path("keysFrom").path("offset").asInt()).containsExactlyInAnyOrder(0, 1000, 2000);
    JsonNode keys = wf.steps.reports.getLast().path("verifyKeys");
    assertThat(keys.path("scope").asText()).isEqualTo("keys");
    assertThat(keys.path("passed").asBoolean()).isTrue();
    assertThat(keys.path("objectsCompared").asInt()).isEqualTo(3000);
    assertThat(keys.path("migrationId").asText()).isEqualTo(Steps.MIGRATION);
    assertThat(keys.path("reports")).hasSize(3);
    assertThat(keys.path("counts").path("missingOnTarget").asInt()).isZero();
  }

  @Test
  void the_hot_keys_from_the_logs_are_the_ones_parity_and_the_watch_probe() {
    wf.migrateAndApprove();

    List<String> hot = List.of("static/app.js", "static/index.html");
    assertThat(wf.calls("Parity").getFirst().payload().path("sampleKeys")).extracting(JsonNode::asText).isEqualTo(hot);
    assertThat(wf.calls("Watch")).allSatisfy(c -> assertThat(c.payload().path("hotKeys")).extracting(JsonNode::asText).isEqualTo(hot));
  }

  @Test
  void the_bake_watches_green_every_poll_interval_until_the_bake_ends() {
    Execution e = wf.migrateAndApprove();

    List<Call> watches = wf.calls("Watch");
    assertThat(watches).hasSize(30); // 1800 s at 60 s, the plan's bake
    for (int i = 1; i < watches.size(); i++) {
      assertThat(Duration.between(watches.get(i - 1).at(), watches.get(i).at())).isEqualTo(Duration.ofSeconds(60));
    }
    String since = watches.getFirst().payload().path("since").asText();
    assertThat(e.output().orElseThrow().path("timeline").path("cutoverFinishedAt").asText()).isEqualTo(since);
    assertThat(Duration.between(java.time.Instant.parse(since), watches.getLast().at())).isEqualTo(Duration.ofSeconds(1800));
  }
}
