package dev.cutover.report;

import static dev.cutover.report.support.Fixtures.allPassed;
import static dev.cutover.report.support.Fixtures.plan;
import static dev.cutover.report.support.Fixtures.section;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

/**
 * READY only when preflight passed, the backfill replicated everything (MIGRATE), verify passed and
 * every other check present passed; each way of falling short is a reason of its own.
 */
class VerdictTest {

  @Test
  void every_step_passing_is_ready_with_no_reasons_but_the_warnings_as_notes() {
    Assessment a = Reports.assess(allPassed());

    assertThat(a.verdict()).isEqualTo(Verdict.READY);
    assertThat(a.reasons()).isEmpty();
    assertThat(a.notes())
        .anySatisfy(n -> assertThat(n).contains("Preflight has 1 warning"))
        .anySatisfy(n -> assertThat(n).contains("2 objects could not be proven byte-equal"));
    assertThat(a.checks()).extracting(Assessment.Check::status)
        .containsExactly(Status.PASSED, Status.PASSED, Status.PASSED, Status.PASSED, Status.NOT_RUN, Status.PASSED, Status.PASSED);
  }

  @Test
  void a_report_without_the_edge_parity_or_the_log_scan_is_not_ready() {
    ObjectNode noParity = allPassed();
    noParity.remove("parity");
    ObjectNode noLogScan = allPassed();
    noLogScan.remove("logscan");
    ObjectNode noChecksum = allPassed();
    noChecksum.remove("checksum");

    assertThat(Reports.assess(noParity).reasons()).containsExactly("Edge parity did not run.");
    assertThat(Reports.assess(noLogScan).reasons()).containsExactly("Log scan did not run.");
    assertThat(Reports.assess(noChecksum).verdict()).as("the checksum comparison runs only when needed").isEqualTo(Verdict.READY);
  }

  @Test
  void a_required_step_that_did_not_run_is_a_reason() {
    ObjectNode payload = allPassed();
    payload.remove("preflight");
    payload.putNull("verify");

    Assessment a = Reports.assess(payload);

    assertThat(a.verdict()).isEqualTo(Verdict.NOT_READY);
    assertThat(a.reasons()).containsExactly("Preflight did not run.", "Verify objects did not run.");
  }

  @Test
  void preflight_that_did_not_pass_names_its_blockers() {
    ObjectNode payload = allPassed();
    payload.set("preflight", section("preflight-blocked"));

    Assessment a = Reports.assess(payload);

    assertThat(a.reasons()).containsExactly("Preflight did not pass: 2 blockers (kms-aws-managed-key, certificate).");
  }

  @Test
  void preflight_that_says_passed_while_counting_a_blocker_is_not_passed() {
    ObjectNode payload = allPassed();
    ObjectNode preflight = (ObjectNode) section("preflight-passed");
    ((ObjectNode) preflight.get("counts")).put("BLOCKER", 1);
    payload.set("preflight", preflight);

    Assessment a = Reports.assess(payload);

    assertThat(a.verdict()).isEqualTo(Verdict.NOT_READY);
    assertThat(a.reasons()).singleElement().asString().contains("says it passed but reports 1 blocker");
  }

  @Test
  void preflight_without_a_passed_field_cannot_count_as_passed() {
    ObjectNode payload = allPassed();
    ((ObjectNode) payload.get("preflight")).remove("passed");

    Assessment a = Reports.assess(payload);

    assertThat(a.checks().getFirst().status()).isEqualTo(Status.UNKNOWN);
    assertThat(a.reasons()).singleElement().asString().contains("does not say whether it passed");
  }

  @Test
  void a_verification_that_ran_out_of_time_and_was_not_resumed_is_not_ready_even_if_nothing_differed_so_far() {
    ObjectNode payload = allPassed();
    ObjectNode verify = (ObjectNode) section("verify-passed");
    verify.put("complete", false);
    verify.put("resumeAfter", "static/img/0412.png");
    verify.put("segment", 3);
    payload.set("verify", verify);

    Assessment a = Reports.assess(payload);

    assertThat(a.verdict()).isEqualTo(Verdict.NOT_READY);
    assertThat(a.reasons()).singleElement().asString()
        .contains("stopped after 1,200 objects, at \"static/img/0412.png\", and was not resumed to the end");
  }

  @Test
  void a_migrate_run_without_a_backfill_is_not_ready_but_a_validate_only_run_needs_none() {
    ObjectNode migrate = allPassed();
    migrate.remove("backfill");
    ObjectNode validate = allPassed();
    validate.set("plan", plan("VALIDATE_ONLY"));
    validate.remove("backfill");

    assertThat(Reports.assess(migrate).reasons()).containsExactly("Backfill did not run.");
    Assessment nightly = Reports.assess(validate);
    assertThat(nightly.verdict()).isEqualTo(Verdict.READY);
    assertThat(nightly.notes()).contains("Backfill is not part of a VALIDATE_ONLY run.");
  }

  @Test
  void a_backfill_with_failed_objects_is_a_reason_naming_the_error_codes() {
    ObjectNode payload = allPassed();
    payload.set("backfill", section("backfill-failed"));

    Assessment a = Reports.assess(payload);

    assertThat(a.reasons()).containsExactly(
        "Backfill job job-three-failed ended with outcome FAILED (S3 status Complete) and 3 failed objects: AccessDenied 2, InvalidRequest 1.");
  }

  @Test
  void a_backfill_reported_succeeded_with_failed_tasks_in_its_completion_report_is_not_passed() {
    ObjectNode payload = allPassed();
    ObjectNode backfill = (ObjectNode) section("backfill-succeeded");
    backfill.set("report", section("backfill-failed").get("report"));
    payload.set("backfill", backfill);

    Assessment a = Reports.assess(payload);

    assertThat(a.verdict()).isEqualTo(Verdict.NOT_READY);
    assertThat(a.reasons()).singleElement().asString().contains("3 failed objects");
  }

  @Test
  void a_backfill_still_running_is_not_done() {
    ObjectNode payload = allPassed();
    ObjectNode progress = (ObjectNode) payload.get("backfill").get("progress");
    progress.put("jobStatus", "Active").put("outcome", "RUNNING").put("succeededTasks", 400);

    assertThat(Reports.assess(payload).reasons())
        .containsExactly("Backfill job 5f6a7b8c-1d2e-4f30-9a8b-7c6d5e4f3a2b has not finished (S3 status Active, 400 of 1,200 objects done).");
  }

  @Test
  void a_backfill_that_failed_as_a_job_says_why() {
    ObjectNode payload = allPassed();
    ObjectNode progress = (ObjectNode) payload.get("backfill").get("progress");
    progress.put("jobStatus", "Failed").put("outcome", "FAILED").put("succeededTasks", 0).put("totalTasks", 0);
    progress.putArray("failureReasons").addObject().put("code", "ManifestGenerationFailed").put("reason", "The role cannot list the bucket.");

    assertThat(Reports.assess(payload).reasons()).singleElement().asString()
        .contains("S3 status Failed")
        .endsWith("; the job failed because ManifestGenerationFailed: The role cannot list the bucket.");
  }

  @Test
  void a_succeeded_backfill_that_does_not_say_how_many_failed_is_not_taken_on_trust() {
    ObjectNode payload = allPassed();
    ((ObjectNode) payload.get("backfill").get("progress")).remove("failedTasks");

    Assessment a = Reports.assess(payload);

    assertThat(a.checks().get(1).status()).isEqualTo(Status.UNKNOWN);
    assertThat(a.reasons()).singleElement().asString().contains("does not say how many objects failed");
  }

  @Test
  void verify_that_did_not_pass_gives_the_mismatch_counts_by_category() {
    ObjectNode payload = allPassed();
    payload.set("verify", section("verify-mismatches"));

    assertThat(Reports.assess(payload).reasons()).containsExactly(
        "Verify objects did not pass: 26 of 1,203 objects differ (tolerance 0): missingOnTarget 20, extraOnTarget 3, sizeDiffers 1, checksumDiffers 1, metadataDiffers 2.");
  }

  @Test
  void verify_that_says_passed_with_more_mismatches_than_the_tolerance_is_not_passed() {
    ObjectNode payload = allPassed();
    ((ObjectNode) payload.get("verify")).put("mismatchedObjects", 3);

    assertThat(Reports.assess(payload).reasons())
        .containsExactly("Verify objects says it passed, but 3 of 1,200 objects differ (tolerance 0).");
  }

  @Test
  void mismatches_within_the_tolerance_pass_with_a_note() {
    ObjectNode payload = allPassed();
    ((ObjectNode) payload.get("verify")).put("mismatchedObjects", 2).put("mismatchTolerance", 5);

    Assessment a = Reports.assess(payload);

    assertThat(a.verdict()).isEqualTo(Verdict.READY);
    assertThat(a.notes()).anySatisfy(n -> assertThat(n).startsWith("Verify objects: 2 of 1,200 objects differ (tolerance 5)"));
  }

  @Test
  void a_listing_verify_that_only_compared_given_keys_is_not_enough() {
    ObjectNode payload = allPassed();
    ((ObjectNode) payload.get("verify")).put("scope", "keys");

    assertThat(Reports.assess(payload).reasons()).singleElement().asString()
        .contains("scope \"keys\", not \"listing\"").contains("did not compare every object");
  }

  @Test
  void evidence_from_another_migration_is_a_reason() {
    ObjectNode payload = allPassed();
    ((ObjectNode) payload.get("verify")).put("migrationId", "some-other-migration");

    assertThat(Reports.assess(payload).reasons())
        .containsExactly("Verify objects is evidence for migration \"some-other-migration\", not \"assets-to-platform-account\".");
  }

  @Test
  void a_hot_key_verify_that_did_not_pass_is_a_reason_and_one_that_did_not_run_is_not() {
    ObjectNode failing = allPassed();
    ObjectNode keys = (ObjectNode) section("verify-keys-passed");
    keys.put("passed", false).put("mismatchedObjects", 1);
    ((ObjectNode) keys.get("counts")).put("missingOnTarget", 1);
    failing.set("verifyKeys", keys);
    ObjectNode absent = allPassed();
    absent.remove("verifyKeys");

    assertThat(Reports.assess(failing).reasons())
        .containsExactly("Hot-key verify did not pass: 1 of 50 objects differ (tolerance 0): missingOnTarget 1.");
    assertThat(Reports.assess(absent).verdict()).isEqualTo(Verdict.READY);
  }

  @Test
  void a_generic_check_counts_only_when_it_says_passed() {
    ObjectNode failed = allPassed();
    ((ObjectNode) failed.get("parity")).put("passed", false);
    ObjectNode silent = allPassed();
    ((ObjectNode) silent.get("parity")).remove("passed");

    assertThat(Reports.assess(failed).reasons()).containsExactly("Edge parity did not pass.");
    assertThat(Reports.assess(silent).reasons()).singleElement().asString()
        .contains("Edge parity does not say whether it passed (parity.passed");
  }

  @Test
  void a_step_that_failed_is_a_reason_with_its_error_and_message_but_not_its_stack() {
    ObjectNode payload = allPassed();
    payload.set("logscan", section("error-output"));

    Assessment a = Reports.assess(payload);

    assertThat(a.checks().getLast().status()).isEqualTo(Status.FAILED);
    assertThat(a.reasons()).containsExactly(
        "Log scan failed with dev.cutover.errors.TransientException: AWS S3 HeadObject failed with SlowDown (HTTP 503), retries may pass: Please reduce your request rate.");
  }

  @Test
  void a_section_that_is_not_an_object_is_one_reason_and_listed_as_a_problem() {
    ObjectNode payload = allPassed();
    payload.set("verify", new TextNode("done"));

    Evidence evidence = Evidence.read(ReportInput.parse(payload));
    Assessment a = Assessment.of(evidence);

    assertThat(a.reasons()).containsExactly(
        "Verify objects left the string \"done\" where its result should be; it cannot count as passed.");
    assertThat(evidence.problems()).containsExactly(new ReadProblem("verify", "expected an object, found the string \"done\"."));
  }

  @Test
  void a_field_of_the_wrong_type_makes_the_evidence_incomplete_even_when_the_step_passed() {
    ObjectNode payload = allPassed();
    ((ObjectNode) payload.get("verify").get("counts")).put("sizeDiffers", "many");
    ((ObjectNode) payload.get("preflight").get("estimate")).put("objects", 1.5);

    Assessment a = Reports.assess(payload);

    assertThat(a.verdict()).isEqualTo(Verdict.NOT_READY);
    assertThat(a.reasons()).containsExactly(
        "2 fields of the evidence could not be read (see Problems): preflight.estimate.objects, verify.counts.sizeDiffers.");
  }

  @Test
  void reasons_stay_short_enough_for_a_notice() {
    ObjectNode payload = allPassed();
    payload.putObject("logscan").put("Error", "States.TaskFailed").put("Cause", "x".repeat(5000));

    assertThat(Reports.assess(payload).reasons()).singleElement().asString().hasSizeLessThanOrEqualTo(Assessment.MAX_REASON_CHARS);
  }
}
