package dev.cutover.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.approval.DecideHandler;
import dev.cutover.approval.RequestApprovalHandler;
import dev.cutover.approval.port.TaskCallbacks;
import dev.cutover.asl.definition.Definitions;
import dev.cutover.asl.engine.Engine;
import dev.cutover.asl.engine.Execution;
import dev.cutover.asl.engine.ExecutionStatus;
import dev.cutover.asl.engine.TaskTokenException;
import dev.cutover.asl.engine.VirtualClock;
import dev.cutover.testing.TestPlans;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real approval handlers on the local ports: the workflow's waiting task, the notice, and a
 * decision posted to the local decide URL the way {@code cutover approve} posts it.
 */
class LocalApprovalTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCOUNT = "444455556666";
  // How AWS names a caller acting as the plan's approver role arn:aws:iam::444455556666:role/release-manager.
  private static final String RELEASE_MANAGER = "arn:aws:sts::444455556666:assumed-role/release-manager/alice";
  private static final String STARTER = "arn:aws:iam::444455556666:user/starter";
  private static final Map<String, String> PRINCIPALS = Map.of("AKIARELEASE", RELEASE_MANAGER, "AKIASTARTER", STARTER, "AKIAOTHER", "arn:aws:iam::444455556666:user/mallory");

  private final VirtualClock clock = new VirtualClock(Instant.parse("2026-11-24T10:00:00Z"));
  private final LambdaFunctions functions = new LambdaFunctions("us-east-1", ACCOUNT, clock);
  private final LocalNotices notices = new LocalNotices(clock);
  private final Engine engine =
      new Engine(clock, resource -> resource.startsWith("arn:aws:states:::lambda:invoke") ? Optional.of(functions.resource()) : Optional.empty(),
          new Random(2), "us-east-1", ACCOUNT);
  private final LocalApproval approval = new LocalApproval(notices, "arn:aws:sns:us-east-1:444455556666:" + LocalApproval.TOPIC, new EngineCallbacks(), STARTER);
  private final LocalDecideUrl decideUrl =
      LocalDecideUrl.start(DecideHandler.local(approval, clock), key -> PRINCIPALS.getOrDefault(key, "arn:aws:iam::444455556666:user/" + key), ACCOUNT, clock);
  private final HttpClient http = HttpClient.newHttpClient();

  /** SendTaskSuccess / SendTaskFailure on the engine, with its refusals named as Step Functions names them. */
  private final class EngineCallbacks implements TaskCallbacks {
    @Override
    public void succeed(String taskToken, String outputJson) {
      try {
        engine.sendTaskSuccess(taskToken, JSON.readTree(outputJson));
      } catch (TaskTokenException e) {
        throw new TaskNotWaitingException(e.code(), e.getMessage());
      } catch (IOException e) {
        throw new IllegalArgumentException(e);
      }
    }

    @Override
    public void fail(String taskToken, String error, String cause) {
      try {
        engine.sendTaskFailure(taskToken, error, cause);
      } catch (TaskTokenException e) {
        throw new TaskNotWaitingException(e.code(), e.getMessage());
      }
    }
  }

  @AfterEach
  void stop() {
    decideUrl.close();
  }

  private static final String WAIT = """
      {"QueryLanguage":"JSONata","StartAt":"WaitForApproval","States":{
        "WaitForApproval":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
          "Arguments":{"FunctionName":"cutover-request-approval","Payload":{
            "executionId":"{% $states.context.Execution.Id %}","taskToken":"{% $states.context.Task.Token %}",
            "executionStartTime":"{% $states.context.Execution.StartTime %}","stateEnteredTime":"{% $states.context.State.EnteredTime %}",
            "retryCount":"{% $states.context.State.RetryCount %}","plan":"{% $states.input %}",
            "report":{"verdict":"READY","reasons":[],"json":"s3://platform-cutover-reports/cutover/r/report.json","html":"s3://platform-cutover-reports/cutover/r/report.html","summary":{}}}},
          "TimeoutSeconds":3600,
          "Catch":[{"ErrorEquals":["dev.cutover.errors.ApprovalRejectedException"],"Output":"{% $states.errorOutput %}","Next":"Rejected"}],
          "End":true},
        "Rejected":{"Type":"Fail","Error":"Rejected","Cause":"{% $states.input.Cause %}"}}}""";

  private Execution waitingForApproval() throws IOException {
    functions.register("cutover-request-approval", RequestApprovalHandler.local(approval, clock), Duration.ofMinutes(1));
    Execution e = engine.start("arn:aws:states:us-east-1:444455556666:stateMachine:cutover", Definitions.parse(WAIT), "run-1", TestPlans.json());
    engine.runUntilIdle();
    return e;
  }

  private HttpResponse<String> post(String accessKey, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(decideUrl.url()).POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
    if (accessKey != null) {
      request.header("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKey + "/20261124/us-east-1/lambda/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=0f");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void an_approver_posting_to_the_decide_url_lets_the_waiting_run_go_on_recording_who() throws Exception {
    Execution e = waitingForApproval();
    assertThat(e.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(notices.notices()).singleElement().satisfies(n -> {
      assertThat(n.message()).contains(e.arn()).contains("report.html");
      assertThat(n.topicArn()).endsWith(":" + LocalApproval.TOPIC);
    });

    clock.advance(Duration.ofMinutes(10));
    HttpResponse<String> answer = post("AKIARELEASE", "{\"executionArn\":\"" + e.arn() + "\",\"decision\":\"APPROVE\"}");
    engine.runUntilIdle();

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(answer.body()).path("decidedBy").asText()).isEqualTo(RELEASE_MANAGER);
    assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode output = e.output().orElseThrow();
    assertThat(output.path("decision").asText()).isEqualTo("APPROVE");
    assertThat(output.path("decidedBy").asText()).isEqualTo(RELEASE_MANAGER);
    assertThat(output.path("startedBy").asText()).isEqualTo(STARTER);
  }

  @Test
  void a_rejection_fails_the_waiting_task_with_the_rejection_error() throws Exception {
    Execution e = waitingForApproval();

    HttpResponse<String> answer = post("AKIARELEASE", "{\"executionArn\":\"" + e.arn() + "\",\"decision\":\"REJECT\",\"reason\":\"parity drift on /img/*\"}");
    engine.runUntilIdle();

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(e.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(e.cause().orElseThrow()).contains("Rejected by " + RELEASE_MANAGER).contains("parity drift on /img/*");
  }

  @Test
  void the_url_refuses_the_unsigned_the_unlisted_and_the_starter_and_the_run_keeps_waiting() throws Exception {
    Execution e = waitingForApproval();
    String approve = "{\"executionArn\":\"" + e.arn() + "\",\"decision\":\"APPROVE\"}";

    HttpResponse<String> unsigned = post(null, approve);
    HttpResponse<String> stranger = post("AKIAOTHER", approve);
    HttpResponse<String> starter = post("AKIASTARTER", approve);
    engine.runUntilIdle();

    assertThat(unsigned.statusCode()).isEqualTo(403);
    assertThat(unsigned.body()).isEqualTo("{\"Message\":\"Forbidden\"}");
    assertThat(stranger.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(stranger.body()).path("code").asText()).isEqualTo("NOT_AN_APPROVER");
    assertThat(starter.statusCode()).isEqualTo(403);
    assertThat(e.status()).isEqualTo(ExecutionStatus.RUNNING);
  }

  @Test
  void a_sealed_token_opens_only_with_the_context_it_was_sealed_with() {
    AesTokenCipher cipher = new AesTokenCipher();
    var sealed = cipher.seal("token-123", Map.of("executionArn", "arn:1", "approvalId", "a1"));

    assertThat(cipher.open(sealed, Map.of("approvalId", "a1", "executionArn", "arn:1"))).isEqualTo("token-123");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> cipher.open(sealed, Map.of("executionArn", "arn:2", "approvalId", "a1")))
        .isInstanceOf(dev.cutover.approval.port.TokenCipher.UnreadableTokenException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AesTokenCipher().open(sealed, Map.of("executionArn", "arn:1", "approvalId", "a1")))
        .isInstanceOf(dev.cutover.approval.port.TokenCipher.UnreadableTokenException.class);
  }
}
