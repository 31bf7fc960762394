package dev.cutover.approval.aws;

import static dev.cutover.approval.aws.AwsStub.bodies;
import static dev.cutover.approval.aws.AwsStub.call;
import static dev.cutover.approval.aws.AwsStub.error;
import static dev.cutover.approval.aws.AwsStub.ok;
import static dev.cutover.approval.aws.AwsStub.requests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.approval.port.TaskCallbacks.TaskNotWaitingException;
import dev.cutover.errors.TransientException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The callbacks against a WireMock Step Functions speaking JSON 1.0 as the Step Functions API
 * reference documents SendTaskSuccess and SendTaskFailure (X-Amz-Target {@code
 * AWSStepFunctions.<Operation>}, an empty object on success, errors in the service's {@code
 * com.amazonaws.swf.service.v2.model} namespace).
 */
class SfnTaskCallbacksTest {

  static final String JSON_1_0 = "application/x-amz-json-1.0";
  static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAcallback-token-0123456789abcdefghijklmnopqrstuvwxyz==";
  static final String SUCCESS = "AWSStepFunctions.SendTaskSuccess";
  static final String FAILURE = "AWSStepFunctions.SendTaskFailure";

  @RegisterExtension static final WireMockExtension SFN = AwsStub.extension();

  private final SfnClient client = SfnTaskCallbacks.client(AwsStub.configure(SfnClient.builder(), SFN));
  private final SfnTaskCallbacks callbacks = new SfnTaskCallbacks(client);

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void succeed_sends_the_token_and_the_output() {
    SFN.stubFor(call(SUCCESS).willReturn(ok(JSON_1_0, "{}")));

    callbacks.succeed(TOKEN, "{\"decision\":\"APPROVE\",\"decidedBy\":\"arn:aws:iam::444455556666:user/bob\"}");

    assertThat(requests(SFN, SUCCESS).getFirst().getHeader("Content-Type")).startsWith(JSON_1_0);
    JsonNode body = bodies(SFN, SUCCESS).getFirst();
    assertThat(body.path("taskToken").asText()).isEqualTo(TOKEN);
    assertThat(AwsStub.json(body.path("output").asText()).path("decision").asText()).isEqualTo("APPROVE");
  }

  @Test
  void fail_sends_the_token_the_error_name_and_the_cause() {
    SFN.stubFor(call(FAILURE).willReturn(ok(JSON_1_0, "{}")));

    callbacks.fail(TOKEN, "dev.cutover.errors.ApprovalRejectedException", "Rejected by bob: not today");

    JsonNode body = bodies(SFN, FAILURE).getFirst();
    assertThat(body.path("taskToken").asText()).isEqualTo(TOKEN);
    assertThat(body.path("error").asText()).isEqualTo("dev.cutover.errors.ApprovalRejectedException");
    assertThat(body.path("cause").asText()).isEqualTo("Rejected by bob: not today");
  }

  @Test
  void a_timed_out_task_means_nothing_waits_for_the_token() {
    SFN.stubFor(call(SUCCESS).willReturn(error(400, JSON_1_0,
        "com.amazonaws.swf.service.v2.model#TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'")));

    assertThatThrownBy(() -> callbacks.succeed(TOKEN, "{}"))
        .isInstanceOfSatisfying(TaskNotWaitingException.class, e -> {
          assertThat(e.code()).isEqualTo("TaskTimedOut");
          assertThat(e.getMessage()).contains("Provided task does not exist anymore");
        });
    assertThat(requests(SFN, SUCCESS)).as("not retried: it cannot pass").hasSize(1);
  }

  @Test
  void an_ended_execution_means_nothing_waits_for_the_token() {
    SFN.stubFor(call(FAILURE).willReturn(error(400, JSON_1_0,
        "com.amazonaws.swf.service.v2.model#TaskDoesNotExist", "Task does not exist anymore")));

    assertThatThrownBy(() -> callbacks.fail(TOKEN, "e", "c"))
        .isInstanceOfSatisfying(TaskNotWaitingException.class, e -> assertThat(e.code()).isEqualTo("TaskDoesNotExist"));
  }

  @Test
  void an_error_message_quoting_the_token_reaches_nobody_with_the_token_in_it() {
    SFN.stubFor(call(SUCCESS).willReturn(error(400, JSON_1_0,
        "com.amazonaws.swf.service.v2.model#InvalidToken", "Invalid Token: '" + TOKEN + "'")));

    assertThatThrownBy(() -> callbacks.succeed(TOKEN, "{}"))
        .isInstanceOfSatisfying(TaskNotWaitingException.class, e -> {
          assertThat(e.code()).isEqualTo("InvalidToken");
          assertThat(e.getMessage()).doesNotContain(TOKEN).contains("<task token>");
          assertThat(e.getCause()).isNull();
        });
  }

  @Test
  void a_server_error_quoting_the_token_is_transient_without_the_token_or_the_sdk_exception() {
    SFN.stubFor(call(SUCCESS).willReturn(error(500, JSON_1_0,
        "com.amazonaws.swf.service.v2.model#InternalFailure", "Internal failure handling " + TOKEN)));

    assertThatThrownBy(() -> callbacks.succeed(TOKEN, "{}"))
        .isInstanceOfSatisfying(TransientException.class, e -> {
          assertThat(e.getMessage()).contains("SendTaskSuccess").doesNotContain(TOKEN);
          assertThat(e.getCause()).isNull();
        });
  }
}
