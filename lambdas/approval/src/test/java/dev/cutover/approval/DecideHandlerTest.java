package dev.cutover.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.approval.port.ApprovalRecord.Delivery;
import dev.cutover.approval.port.ApprovalRecord;
import dev.cutover.approval.port.DecidePorts;
import dev.cutover.approval.port.StarterLookup.Known;
import dev.cutover.approval.port.StarterLookup.Unknown;
import dev.cutover.approval.port.StarterLookup;
import dev.cutover.approval.port.TaskCallbacks.TaskNotWaitingException;
import dev.cutover.approval.port.TaskCallbacks;
import dev.cutover.approval.port.TokenCipher;
import dev.cutover.approval.support.FakeCallbacks;
import dev.cutover.approval.support.FakeCipher;
import dev.cutover.approval.support.FakeStarters;
import dev.cutover.approval.support.InMemoryApprovalStore;
import dev.cutover.approval.support.MutableClock;
import dev.cutover.approval.support.Payloads;
import dev.cutover.approval.support.Records;
import dev.cutover.errors.ApprovalRejectedException;
import dev.cutover.errors.TransientException;
import dev.cutover.json.Json;
import dev.cutover.testing.FakeContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DecideHandlerTest {

  static final String ARN = Records.EXECUTION_ARN;
  static final Instant NOON = Instant.parse("2026-11-24T12:00:00Z");
  static final String ALICE = Records.ALICE_SSO;
  static final String BOB = "arn:aws:iam::444455556666:user/release/bob";
  static final String CAROL_RELEASE_MANAGER = "arn:aws:sts::444455556666:assumed-role/release-manager/carol";
  static final String MALLORY = "arn:aws:sts::444455556666:assumed-role/developer/mallory";
  static final String DEPLOYER_CI = "arn:aws:sts::444455556666:assumed-role/deployer/ci-run-7";

  private final InMemoryApprovalStore store = new InMemoryApprovalStore();
  private final FakeCipher cipher = new FakeCipher();
  private final FakeCallbacks callbacks = new FakeCallbacks();
  private final FakeStarters starters = new FakeStarters();
  private final MutableClock clock = new MutableClock(NOON);
  private final List<String> regions = new ArrayList<>();
  private final DecideHandler handler = new DecideHandler(() -> new DecidePorts() {
    @Override
    public InMemoryApprovalStore store() {
      return store;
    }

    @Override
    public TokenCipher cipher() {
      return cipher;
    }

    @Override
    public TaskCallbacks callbacks(String region) {
      regions.add(region);
      return callbacks;
    }

    @Override
    public StarterLookup starters(String region) {
      return starters;
    }
  }, clock);

  @BeforeEach
  void anApprovalWaits() {
    store.put(waiting(true, Records.RELEASE_MANAGER, ALICE, BOB));
    starters.answer(new Known(DEPLOYER_CI));
  }

  @Test
  void an_approval_sends_task_success_with_who_decided_and_when() {
    APIGatewayV2HTTPResponse response = handler.handleRequest(
        EventLoader.loadApiGatewayHttpEvent("function-url/approve.json"), new FakeContext("cutover-approval-decide"));

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json").containsEntry("Cache-Control", "no-store");
    JsonNode body = json(response.getBody());
    assertThat(body.path("code").asText()).isEqualTo("APPROVED");
    assertThat(body.path("message").asText())
        .isEqualTo("Approved by " + ALICE + " at 2026-11-24T12:00:00Z: the execution goes on to the cutover.");
    assertThat(callbacks.sent()).singleElement().satisfies(sent -> {
      assertThat(sent.token()).isEqualTo(Payloads.TOKEN);
      JsonNode output = json(sent.output());
      assertThat(output.path("decision").asText()).isEqualTo("APPROVE");
      assertThat(output.path("decidedBy").asText()).isEqualTo(ALICE);
      assertThat(output.path("decidedAt").asText()).isEqualTo("2026-11-24T12:00:00Z");
      assertThat(output.path("reason").asText()).isEqualTo("report reviewed");
      assertThat(output.path("approvalId").asText()).isEqualTo(Records.APPROVAL_ID);
      assertThat(output.path("startedBy").asText()).isEqualTo(DEPLOYER_CI);
    });
    assertThat(regions).containsExactly("us-east-1");
    ApprovalRecord record = store.get(ARN).orElseThrow();
    assertThat(record.decision().decidedBy()).isEqualTo(ALICE);
    assertThat(record.delivery()).isEqualTo(new Delivery(Delivery.SENT, NOON));
    assertThat(response.getBody()).doesNotContain(Payloads.TOKEN);
  }

  @Test
  void a_rejection_sends_task_failure_naming_the_contract_error_who_and_why() {
    APIGatewayV2HTTPResponse response = handler.handleRequest(
        EventLoader.loadApiGatewayHttpEvent("function-url/reject-base64.json"), new FakeContext("cutover-approval-decide"));

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(json(response.getBody()).path("code").asText()).isEqualTo("REJECTED");
    assertThat(callbacks.sent()).singleElement().satisfies(sent -> {
      assertThat(sent.token()).isEqualTo(Payloads.TOKEN);
      assertThat(sent.error()).isEqualTo(ApprovalRejectedException.class.getName());
      assertThat(sent.cause()).isEqualTo("Rejected by " + BOB + " at 2026-11-24T12:00:00Z: the 404s on /fonts need a look first (approval "
          + Records.APPROVAL_ID + ")");
    });
  }

  @Test
  void a_rejection_without_a_reason_is_refused_with_the_field_named() {
    APIGatewayV2HTTPResponse response = decide(ALICE, "{\"executionArn\":\"" + ARN + "\",\"decision\":\"REJECT\"}");

    assertThat(response.getStatusCode()).isEqualTo(400);
    JsonNode body = json(response.getBody());
    assertThat(body.path("code").asText()).isEqualTo("BAD_REQUEST");
    assertThat(body.path("problems").get(0).asText()).startsWith("reason: is required to reject");
    assertThat(callbacks.sent()).isEmpty();
    assertThat(store.get(ARN).orElseThrow().decision()).isNull();
  }

  @Test
  void who_decides_comes_from_aws_authentication_never_from_the_body() {
    APIGatewayV2HTTPResponse response = decide(MALLORY,
        "{\"executionArn\":\"" + ARN + "\",\"decision\":\"APPROVE\",\"decidedBy\":\"" + ALICE + "\"}");

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response.getBody()).path("problems").get(0).asText())
        .startsWith("decidedBy: is not a field of a decision")
        .contains("taken from your AWS credentials");
    assertThat(callbacks.sent()).isEmpty();
  }

  @Test
  void a_caller_not_on_the_allow_list_is_refused_and_learns_nothing_about_the_decision() {
    store.put(waiting(true, Records.RELEASE_MANAGER, ALICE).withDecision(
        new ApprovalRecord.Decision(ApprovalRecord.Verdict.APPROVE, ALICE, NOON.minusSeconds(60), null, DEPLOYER_CI)));

    APIGatewayV2HTTPResponse response = approve(MALLORY);

    assertThat(response.getStatusCode()).isEqualTo(403);
    JsonNode body = json(response.getBody());
    assertThat(body.path("code").asText()).isEqualTo("NOT_AN_APPROVER");
    assertThat(body.path("message").asText()).contains(MALLORY + " may not decide").contains(Records.RELEASE_MANAGER);
    assertThat(body.has("decidedBy")).isFalse();
    assertThat(body.has("approvalId")).isFalse();
    assertThat(callbacks.sent()).isEmpty();
  }

  @Test
  void any_session_of_an_allowed_role_may_decide() {
    APIGatewayV2HTTPResponse response = approve(CAROL_RELEASE_MANAGER);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(json(callbacks.sent().getFirst().output()).path("decidedBy").asText()).isEqualTo(CAROL_RELEASE_MANAGER);
  }

  @Test
  void the_starter_may_not_approve_when_the_plan_says_so() {
    starters.answer(new Known(ALICE));

    APIGatewayV2HTTPResponse response = approve(ALICE);

    assertThat(response.getStatusCode()).isEqualTo(403);
    JsonNode body = json(response.getBody());
    assertThat(body.path("code").asText()).isEqualTo("SELF_APPROVAL");
    assertThat(body.path("message").asText()).contains("You started this run (as " + ALICE + ")").contains("Ask another approver");
    assertThat(starters.asked()).singleElement()
        .isEqualTo(new FakeStarters.Asked(ARN, Instant.parse("2026-11-24T08:59:30.123Z")));
    assertThat(callbacks.sent()).isEmpty();
    assertThat(store.get(ARN).orElseThrow().decision()).isNull();
  }

  @Test
  void another_session_of_the_same_plain_role_counts_as_the_starter() {
    starters.answer(new Known("arn:aws:sts::444455556666:assumed-role/release-manager/carol-started-it"));

    APIGatewayV2HTTPResponse response = approve(CAROL_RELEASE_MANAGER);

    assertThat(response.getStatusCode()).isEqualTo(403);
    assertThat(json(response.getBody()).path("message").asText())
        .contains("Sessions of one role count as one person unless it is an IAM Identity Center role");
  }

  @Test
  void the_starter_may_approve_when_the_plan_allows_it_and_nobody_is_looked_up() {
    store.put(waiting(false, Records.RELEASE_MANAGER, ALICE));
    starters.answer(new Known(ALICE));

    APIGatewayV2HTTPResponse response = approve(ALICE);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(starters.asked()).isEmpty();
    assertThat(json(callbacks.sent().getFirst().output()).path("startedBy").isNull()).isTrue();
  }

  @Test
  void an_unknown_starter_is_refused_when_the_plan_requires_a_different_approver_and_says_why() {
    starters.answer(new Unknown("CloudTrail's event history has no StartExecution event for this execution yet."));

    APIGatewayV2HTTPResponse response = approve(ALICE);

    assertThat(response.getStatusCode()).isEqualTo(403);
    JsonNode body = json(response.getBody());
    assertThat(body.path("code").asText()).isEqualTo("STARTER_UNKNOWN");
    assertThat(body.path("message").asText())
        .contains("approval.approverMustDifferFromStarter")
        .contains("cannot be confirmed")
        .endsWith("CloudTrail's event history has no StartExecution event for this execution yet.");
    assertThat(callbacks.sent()).isEmpty();
  }

  @Test
  void a_late_decision_is_told_the_approval_expired_and_nothing_is_sent() {
    clock.set(Records.DEADLINE.plus(Duration.ofMinutes(5)));

    APIGatewayV2HTTPResponse response = approve(ALICE);

    assertThat(response.getStatusCode()).isEqualTo(410);
    JsonNode body = json(response.getBody());
    assertThat(body.path("code").asText()).isEqualTo("EXPIRED");
    assertThat(body.path("message").asText()).isEqualTo("This approval has expired at 2026-11-25T10:00:00Z; the execution"
        + " ended or will end without changing traffic. Start a new run to migrate.");
    assertThat(callbacks.sent()).isEmpty();
    assertThat(store.get(ARN).orElseThrow().decision()).isNull();
  }

  @Test
  void step_functions_saying_the_task_timed_out_is_reported_as_expired() {
    callbacks.failNext(new TaskNotWaitingException("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'"));
    clock.set(Records.DEADLINE.minusSeconds(1));

    APIGatewayV2HTTPResponse response = approve(ALICE);

    assertThat(response.getStatusCode()).isEqualTo(410);
    assertThat(json(response.getBody()).path("message").asText())
        .contains("Step Functions no longer waits for this approval")
        .contains("TaskTimedOut");
    assertThat(store.get(ARN).orElseThrow().delivery().outcome()).isEqualTo("TaskTimedOut");
  }

  @Test
  void a_repeated_decision_that_step_functions_no_longer_takes_says_which_two_things_may_have_happened() {
    callbacks.failNext(new TransientException("AWS SFN SendTaskSuccess failed before an answer: Read timed out"));
    assertThat(approve(ALICE).getStatusCode()).isEqualTo(503);
    callbacks.failNext(new TaskNotWaitingException("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'"));
    clock.set(Records.DEADLINE.plus(Duration.ofHours(1)));

    APIGatewayV2HTTPResponse repeated = approve(ALICE);

    assertThat(repeated.getStatusCode()).isEqualTo(410);
    assertThat(json(repeated.getBody()).path("message").asText())
        .contains("Either your earlier call for this decision reached it before failing")
        .contains("or the approval expired at 2026-11-25T10:00:00Z")
        .contains("cutover watch --execution " + ARN);
    assertThat(store.get(ARN).orElseThrow().delivery().outcome()).isEqualTo("TaskTimedOut");
  }

  @Test
  void no_approval_for_the_execution_says_so() {
    APIGatewayV2HTTPResponse response = decide(ALICE,
        "{\"executionArn\":\"arn:aws:states:us-east-1:444455556666:execution:cutover-migration:never-started\",\"decision\":\"APPROVE\"}");

    assertThat(response.getStatusCode()).isEqualTo(404);
    JsonNode body = json(response.getBody());
    assertThat(body.path("code").asText()).isEqualTo("NO_APPROVAL_WAITING");
    assertThat(body.path("message").asText()).startsWith("No approval is waiting for this execution");
  }

  @Test
  void a_second_decision_is_told_who_decided_first_and_when() {
    assertThat(approve(ALICE).getStatusCode()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(2));

    APIGatewayV2HTTPResponse second = decide(BOB, "{\"executionArn\":\"" + ARN + "\",\"decision\":\"REJECT\",\"reason\":\"wait\"}");

    assertThat(second.getStatusCode()).isEqualTo(409);
    JsonNode body = json(second.getBody());
    assertThat(body.path("code").asText()).isEqualTo("ALREADY_DECIDED");
    assertThat(body.path("message").asText())
        .isEqualTo("This approval was already decided: approved by " + ALICE + " at 2026-11-24T12:00:00Z.");
    assertThat(body.path("decidedBy").asText()).isEqualTo(ALICE);
    assertThat(callbacks.sent()).hasSize(1);
  }

  @Test
  void a_decision_recorded_but_not_delivered_is_delivered_when_its_decider_repeats_it_and_only_then() {
    callbacks.failNext(new TransientException("AWS SFN SendTaskSuccess failed with ThrottlingException (HTTP 400), retries may pass"));

    APIGatewayV2HTTPResponse first = approve(ALICE);

    assertThat(first.getStatusCode()).isEqualTo(503);
    assertThat(json(first.getBody()).path("message").asText())
        .contains("is recorded, but Step Functions has not received it")
        .contains("Run the same command again");
    assertThat(callbacks.sent()).isEmpty();

    APIGatewayV2HTTPResponse other = approve(CAROL_RELEASE_MANAGER);
    assertThat(other.getStatusCode()).isEqualTo(409);
    assertThat(json(other.getBody()).path("message").asText())
        .contains("has not confirmed it yet; " + ALICE + " can run the same command again");

    clock.advance(Duration.ofMinutes(1));
    APIGatewayV2HTTPResponse repeated = approve(ALICE);
    assertThat(repeated.getStatusCode()).isEqualTo(200);
    assertThat(callbacks.sent()).singleElement().satisfies(sent ->
        assertThat(json(sent.output()).path("decidedAt").asText()).as("the recorded decision, not a new one").isEqualTo("2026-11-24T12:00:00Z"));
    assertThat(store.get(ARN).orElseThrow().delivery().sent()).isTrue();
  }

  @Test
  void a_token_that_does_not_open_is_a_failure_and_the_approval_stays_undecided() {
    ApprovalRecord record = waiting(true, ALICE);
    store.put(new ApprovalRecord(record.executionArn(), "another-approval-id", record.requestKey(), record.sealedToken(),
        record.migrationId(), record.mode(), record.approvers(), true, record.createdAt(), record.deadline(),
        record.expiresAt(), record.executionStartTime(), record.attempt(), record.reportHtml(), record.reportJson(),
        record.verdict(), null, null, null, null));

    APIGatewayV2HTTPResponse response = approve(ALICE);

    assertThat(response.getStatusCode()).isEqualTo(500);
    assertThat(json(response.getBody()).path("message").asText()).contains("cannot be decrypted").contains("nothing was decided");
    assertThat(store.get(ARN).orElseThrow().decision()).isNull();
    assertThat(callbacks.sent()).isEmpty();
  }

  @Test
  void an_unsigned_request_and_a_get_are_refused() {
    APIGatewayV2HTTPEvent unsigned = event(ALICE, "{\"executionArn\":\"" + ARN + "\",\"decision\":\"APPROVE\"}");
    unsigned.getRequestContext().setAuthorizer(null);
    APIGatewayV2HTTPEvent get = event(ALICE, null);
    get.getRequestContext().getHttp().setMethod("GET");

    APIGatewayV2HTTPResponse unsignedResponse = handler.handleRequest(unsigned, new FakeContext("cutover-approval-decide"));
    APIGatewayV2HTTPResponse getResponse = handler.handleRequest(get, new FakeContext("cutover-approval-decide"));

    assertThat(unsignedResponse.getStatusCode()).isEqualTo(401);
    assertThat(json(unsignedResponse.getBody()).path("message").asText()).contains("AuthType AWS_IAM");
    assertThat(getResponse.getStatusCode()).isEqualTo(405);
    assertThat(callbacks.sent()).isEmpty();
    assertThat(store.get(ARN).orElseThrow().decision()).isNull();
  }

  @Test
  void a_defect_is_answered_with_a_sentence_not_thrown() {
    DecideHandler broken = new DecideHandler(() -> {
      throw new IllegalStateException("a bug");
    }, clock);

    APIGatewayV2HTTPResponse response = broken.handleRequest(
        event(ALICE, "{\"executionArn\":\"" + ARN + "\",\"decision\":\"APPROVE\"}"), new FakeContext("cutover-approval-decide"));

    assertThat(response.getStatusCode()).isEqualTo(500);
    assertThat(json(response.getBody()).path("message").asText())
        .contains("failed unexpectedly (IllegalStateException)")
        .contains("request " + FakeContext.REQUEST_ID);
  }

  private ApprovalRecord waiting(boolean mustDiffer, String... approvers) {
    ApprovalRecord r = Records.waiting(Records.ciphertext("unused"));
    return new ApprovalRecord(r.executionArn(), r.approvalId(), r.requestKey(),
        cipher.seal(Payloads.TOKEN, ApprovalKeys.encryptionContext(ARN, Records.APPROVAL_ID)),
        r.migrationId(), r.mode(), List.of(approvers), mustDiffer, r.createdAt(), r.deadline(), r.expiresAt(),
        r.executionStartTime(), r.attempt(), r.reportHtml(), r.reportJson(), r.verdict(), r.createdAt(), "message-1", null, null);
  }

  private APIGatewayV2HTTPResponse approve(String caller) {
    return decide(caller, "{\"executionArn\":\"" + ARN + "\",\"decision\":\"APPROVE\"}");
  }

  private APIGatewayV2HTTPResponse decide(String caller, String body) {
    return handler.handleRequest(event(caller, body), new FakeContext("cutover-approval-decide"));
  }

  /** The function URL event of the approve fixture, from {@code caller}, with {@code body}. */
  static APIGatewayV2HTTPEvent event(String caller, String body) {
    APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("function-url/approve.json");
    event.getRequestContext().getAuthorizer().getIam().setUserArn(caller);
    event.setBody(body);
    return event;
  }

  static JsonNode json(String text) {
    try {
      return Json.mapper().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
