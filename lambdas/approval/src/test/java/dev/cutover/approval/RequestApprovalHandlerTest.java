package dev.cutover.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.approval.port.ApprovalRecord;
import dev.cutover.approval.port.Notice;
import dev.cutover.approval.port.Notifier;
import dev.cutover.approval.port.RequestPorts;
import dev.cutover.approval.port.TokenCipher.UnreadableTokenException;
import dev.cutover.approval.port.TokenCipher;
import dev.cutover.approval.support.FakeCipher;
import dev.cutover.approval.support.InMemoryApprovalStore;
import dev.cutover.approval.support.MutableClock;
import dev.cutover.approval.support.Payloads;
import dev.cutover.approval.support.RecordingNotifier;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.errors.TransientException;
import dev.cutover.json.Json;
import dev.cutover.testing.FakeContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestApprovalHandlerTest {

  static final Instant NOW = Instant.parse("2026-11-24T10:00:01Z");
  static final String OTHER_TOKEN = "AQCkAAAAKgAAAAMAAAAAAAAAAXNlY29uZC1hdHRlbXB0LXRva2VuLWZvci10aGUtc2FtZS1leGVjdXRpb24=";

  private final InMemoryApprovalStore store = new InMemoryApprovalStore();
  private final FakeCipher cipher = new FakeCipher();
  private final RecordingNotifier notifier = new RecordingNotifier();
  private final MutableClock clock = new MutableClock(NOW);
  private final Iterator<String> ids = List.of("approval-id-1", "approval-id-2", "approval-id-3").iterator();
  private final RequestApprovalHandler handler = new RequestApprovalHandler(() -> new RequestPorts() {
    @Override
    public InMemoryApprovalStore store() {
      return store;
    }

    @Override
    public TokenCipher cipher() {
      return cipher;
    }

    @Override
    public Notifier notifier() {
      return notifier;
    }
  }, clock, ids::next);

  @Test
  void the_token_is_stored_sealed_under_the_execution_and_the_approval_id_and_nothing_else() throws IOException {
    JsonNode result = invoke(Payloads.request(Payloads.TOKEN));

    ApprovalRecord record = store.get(Payloads.EXECUTION_ARN).orElseThrow();
    assertThat(record.approvalId()).isEqualTo("approval-id-1");
    assertThat(cipher.open(record.sealedToken(), ApprovalKeys.encryptionContext(Payloads.EXECUTION_ARN, "approval-id-1")))
        .isEqualTo(Payloads.TOKEN);
    assertThatThrownBy(() -> cipher.open(record.sealedToken(), ApprovalKeys.encryptionContext(Payloads.EXECUTION_ARN, "approval-id-2")))
        .as("the ciphertext does not open under another approval id")
        .isInstanceOf(UnreadableTokenException.class);
    assertThat(record.requestKey()).hasSize(64).doesNotContain(Payloads.TOKEN);
    assertThat(record.toString()).doesNotContain(Payloads.TOKEN);
    assertThat(record.approvers()).containsExactly(
        "arn:aws:iam::444455556666:role/release-manager",
        "arn:aws:sts::444455556666:assumed-role/AWSReservedSSO_PlatformAdmin_0123456789abcdef/alice@example.com");
    assertThat(record.approverMustDifferFromStarter()).isTrue();
    assertThat(record.deadline()).as("the task's timeout counts from when the state was entered")
        .isEqualTo(Instant.parse(Payloads.ENTERED).plusSeconds(86_400));
    assertThat(record.expiresAt()).isEqualTo(record.deadline().plus(Duration.ofDays(14)));
    assertThat(record.executionStartTime()).isEqualTo(Instant.parse("2026-11-24T08:59:30.123Z"));
    assertThat(record.notifiedAt()).isEqualTo(NOW);
    assertThat(record.notificationId()).isEqualTo("message-1");
    assertThat(record.decision()).isNull();
    assertThat(result.path("approvalId").asText()).isEqualTo("approval-id-1");
    assertThat(result.path("deadline").asText()).isEqualTo("2026-11-25T09:59:58.456Z");
    assertThat(result.toString()).doesNotContain(Payloads.TOKEN);
  }

  @Test
  void the_notice_names_execution_report_verdict_and_commands_and_carries_no_token_and_no_link() throws IOException {
    ObjectNode payload = Payloads.request(Payloads.TOKEN);
    ObjectNode report = (ObjectNode) payload.get("report");
    report.put("verdict", "NOT_READY");
    report.putArray("reasons").add("verify: 2 objects differ\n(Content-Type)").add("log scan did not run");

    invoke(payload);

    Notice notice = notifier.published().getFirst();
    assertThat(notice.subject()).isEqualTo("cutover approval needed: assets-to-platform-account (MIGRATE), NOT_READY");
    assertThat(notice.subject().length()).isLessThan(100);
    String execution = Payloads.EXECUTION_ARN;
    assertThat(notice.message())
        .contains("Execution:  " + execution)
        .contains("assets.example.com")
        .contains("Verdict:    NOT_READY")
        .contains("  - verify: 2 objects differ (Content-Type)")
        .contains("  - log scan did not run")
        .contains("s3://platform-cutover-reports/cutover/assets-to-platform-account/report/run-2026-11-24/report.html")
        .contains("s3://platform-cutover-reports/cutover/assets-to-platform-account/report/run-2026-11-24/report.json")
        .contains("objectsCompared 18204, mismatchedObjects 0")
        .contains("Decide before 2026-11-25T09:59:58Z")
        .contains("cutover approve --execution " + execution + "\n")
        .contains("cutover reject --execution " + execution + " --reason \"...\"")
        .contains("may not approve it")
        .contains("approval-id-1");
    assertThat(notice.message() + notice.subject())
        .doesNotContain(Payloads.TOKEN)
        .doesNotContain("http://")
        .doesNotContain("https://");
  }

  @Test
  void a_retried_invocation_of_the_same_task_reuses_the_record_and_sends_no_second_notice() throws IOException {
    invoke(Payloads.request(Payloads.TOKEN));
    JsonNode retry = invoke(Payloads.request(Payloads.TOKEN));

    assertThat(store.size()).isEqualTo(1);
    assertThat(store.get(Payloads.EXECUTION_ARN).orElseThrow().approvalId()).isEqualTo("approval-id-1");
    assertThat(notifier.published()).hasSize(1);
    assertThat(cipher.sealedCount()).as("the token was encrypted once").isEqualTo(1);
    assertThat(retry.path("reused").asBoolean()).isTrue();
    assertThat(retry.path("notified").asBoolean()).isFalse();
  }

  @Test
  void when_the_notice_failed_the_retry_publishes_it_under_the_same_approval() throws IOException {
    notifier.failNext(new TransientException("AWS SNS Publish failed with Throttling (HTTP 400), retries may pass"));

    assertThatThrownBy(() -> invoke(Payloads.request(Payloads.TOKEN))).isInstanceOf(TransientException.class);
    assertThat(store.get(Payloads.EXECUTION_ARN).orElseThrow().notifiedAt()).isNull();

    clock.advance(Duration.ofSeconds(3));
    JsonNode retry = invoke(Payloads.request(Payloads.TOKEN));

    assertThat(notifier.published()).hasSize(1);
    assertThat(retry.path("notified").asBoolean()).isTrue();
    ApprovalRecord record = store.get(Payloads.EXECUTION_ARN).orElseThrow();
    assertThat(record.approvalId()).isEqualTo("approval-id-1");
    assertThat(record.notifiedAt()).isEqualTo(NOW.plusSeconds(3));
  }

  @Test
  void a_new_attempt_of_the_task_replaces_the_record_with_its_new_token_and_says_so_in_a_new_notice() throws IOException {
    invoke(Payloads.request(Payloads.TOKEN));
    invoke(Payloads.request(Payloads.plan(), OTHER_TOKEN, 1));

    ApprovalRecord record = store.get(Payloads.EXECUTION_ARN).orElseThrow();
    assertThat(record.approvalId()).isEqualTo("approval-id-2");
    assertThat(cipher.open(record.sealedToken(), ApprovalKeys.encryptionContext(Payloads.EXECUTION_ARN, "approval-id-2")))
        .isEqualTo(OTHER_TOKEN);
    assertThat(record.attempt().retryCount()).isEqualTo(1);
    assertThat(store.writes()).containsExactly("create", "markNotified", "replace", "markNotified");
    assertThat(notifier.published()).hasSize(2);
    assertThat(notifier.published().get(1).message()).contains("approval-id-2");
  }

  @Test
  void a_late_duplicate_of_an_earlier_attempt_leaves_the_newer_record_alone_and_sends_nothing() throws IOException {
    invoke(Payloads.request(Payloads.plan(), OTHER_TOKEN, 1));
    JsonNode late = invoke(Payloads.request(Payloads.plan(), Payloads.TOKEN, 0));

    ApprovalRecord record = store.get(Payloads.EXECUTION_ARN).orElseThrow();
    assertThat(record.approvalId()).isEqualTo("approval-id-1");
    assertThat(cipher.open(record.sealedToken(), ApprovalKeys.encryptionContext(Payloads.EXECUTION_ARN, "approval-id-1")))
        .isEqualTo(OTHER_TOKEN);
    assertThat(notifier.published()).hasSize(1);
    assertThat(late.path("notified").asBoolean()).isFalse();
  }

  @Test
  void an_invocation_that_loses_the_race_to_store_reuses_the_winner_record() throws IOException {
    // The same task's other invocation stores (and announces) its record between our read and our write.
    store.beforeNextWrite(() -> store.put(new ApprovalRecord(
        Payloads.EXECUTION_ARN, "winner-id", ApprovalKeys.requestKey(Payloads.EXECUTION_ARN, Payloads.TOKEN),
        cipher.seal(Payloads.TOKEN, ApprovalKeys.encryptionContext(Payloads.EXECUTION_ARN, "winner-id")),
        "assets-to-platform-account", "MIGRATE", List.of("arn:aws:iam::444455556666:role/release-manager"), true,
        NOW, NOW.plusSeconds(86_400), NOW.plusSeconds(86_400 * 15), null, null,
        "s3://r/report.html", "s3://r/report.json", "READY", NOW, "winner-message", null, null)));

    JsonNode result = invoke(Payloads.request(Payloads.TOKEN));

    assertThat(result.path("approvalId").asText()).isEqualTo("winner-id");
    assertThat(result.path("reused").asBoolean()).isTrue();
    assertThat(result.path("notified").asBoolean()).as("the winner announced it").isFalse();
    assertThat(store.size()).isEqualTo(1);
    assertThat(notifier.published()).isEmpty();
  }

  @Test
  void every_problem_with_the_payload_is_named_at_once_and_the_token_is_never_quoted() {
    ObjectNode payload = Payloads.request("x".repeat(RequestApprovalInput.MAX_TOKEN_LENGTH) + Payloads.TOKEN);
    payload.put("executionId", "run-2026-11-24");
    payload.put("stateEnteredTime", "yesterday");
    ((ObjectNode) payload.get("report")).put("html", "https://example.com/report.html");
    ((ObjectNode) payload.get("plan").get("approval")).put("timeoutSeconds", 5);
    payload.put("callbackUrl", "https://example.com/approve");

    assertThatThrownBy(() -> invoke(payload))
        .isInstanceOfSatisfying(InvalidPlanException.class, e -> {
          assertThat(e.problems()).extracting(p -> p.field()).containsExactlyInAnyOrder(
              "callbackUrl", "executionId", "taskToken", "stateEnteredTime", "plan.approval.timeoutSeconds", "report.html");
          assertThat(e.getMessage()).doesNotContain(Payloads.TOKEN).contains((RequestApprovalInput.MAX_TOKEN_LENGTH + Payloads.TOKEN.length()) + " characters long");
        });
    assertThat(store.size()).isZero();
    assertThat(notifier.published()).isEmpty();
  }

  @Test
  void a_plan_naming_nobody_who_may_decide_is_refused_before_anything_is_stored() {
    ObjectNode plan = Payloads.plan();
    plan.put("mode", "VALIDATE_ONLY");
    ((ObjectNode) plan.get("approval")).putArray("approvers");

    assertThatThrownBy(() -> invoke(Payloads.request(plan, Payloads.TOKEN, 0)))
        .isInstanceOfSatisfying(InvalidPlanException.class, e -> assertThat(e.problems())
            .singleElement().satisfies(p -> {
              assertThat(p.field()).isEqualTo("plan.approval.approvers");
              assertThat(p.message()).contains("nobody could decide");
            }));
    assertThat(store.size()).isZero();
  }

  @Test
  void a_payload_that_is_not_json_is_a_problem_of_the_whole_input() {
    assertThatThrownBy(() -> handler.handleRequest(
            new java.io.ByteArrayInputStream(("{\"taskToken\":\"" + Payloads.TOKEN + "\"").getBytes()), new ByteArrayOutputStream(),
            new FakeContext("cutover-approval-request")))
        .isInstanceOf(InvalidPlanException.class)
        .hasMessageContaining("not JSON")
        .hasMessageNotContaining(Payloads.TOKEN);
  }

  private JsonNode invoke(JsonNode payload) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(Payloads.stream(payload), out, new FakeContext("cutover-approval-request"));
    return Json.mapper().readTree(out.toByteArray());
  }
}
