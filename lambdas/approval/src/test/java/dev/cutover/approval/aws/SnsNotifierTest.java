package dev.cutover.approval.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cutover.approval.port.Notice;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.errors.TransientException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The notifier against a WireMock SNS. SNS is not a JSON service: it speaks the Query protocol
 * (a form-encoded POST with {@code Action=Publish&Version=2010-03-31}, an XML answer in the
 * {@code https://sns.amazonaws.com/doc/2010-03-31/} namespace), as the Amazon SNS API reference's
 * Publish example shows.
 */
class SnsNotifierTest {

  static final String TOPIC = "arn:aws:sns:us-east-1:444455556666:cutover-approvals";
  static final String MESSAGE_ID = "567910cd-659e-55d4-8ccb-5aaf14679dc0";

  @RegisterExtension static final WireMockExtension SNS = AwsStub.extension();

  private final SnsClient client = AwsStub.client(SnsClient.builder(), SNS);
  private final SnsNotifier notifier = new SnsNotifier(client, TOPIC);

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void publish_sends_subject_and_text_to_the_topic_and_returns_the_message_id() {
    SNS.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody("""
        <PublishResponse xmlns="https://sns.amazonaws.com/doc/2010-03-31/">
          <PublishResult>
            <MessageId>%s</MessageId>
          </PublishResult>
          <ResponseMetadata>
            <RequestId>f187a3c1-376f-11df-8963-01868b7c937a</RequestId>
          </ResponseMetadata>
        </PublishResponse>
        """.formatted(MESSAGE_ID))));
    String text = "cutover is waiting for a decision.\n\nVerdict:    READY\n  - “quoted” & <escaped>\n";

    String id = notifier.publish(new Notice("cutover approval needed: mig-1 (MIGRATE), READY", text));

    assertThat(id).isEqualTo(MESSAGE_ID);
    LoggedRequest request = SNS.findAll(postRequestedFor(urlEqualTo("/"))).getFirst();
    assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    Map<String, String> form = form(request.getBodyAsString());
    assertThat(form).containsEntry("Action", "Publish")
        .containsEntry("Version", "2010-03-31")
        .containsEntry("TopicArn", TOPIC)
        .containsEntry("Subject", "cutover approval needed: mig-1 (MIGRATE), READY")
        .containsEntry("Message", text);
  }

  @Test
  void a_topic_policy_that_denies_publishing_is_a_precondition_failure() {
    SNS.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml").withBody(
        error("AuthorizationError", "User: arn:aws:sts::444455556666:assumed-role/cutover-approval-request/fn is not authorized to perform: SNS:Publish on resource: " + TOPIC))));

    assertThatThrownBy(() -> notifier.publish(new Notice("s", "m")))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("Publish")
        .hasMessageContaining("AuthorizationError");
  }

  @Test
  void an_internal_error_that_outlasts_the_retries_is_transient() {
    SNS.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(500).withHeader("Content-Type", "text/xml")
        .withBody(error("InternalError", "Request could not be completed"))));

    assertThatThrownBy(() -> notifier.publish(new Notice("s", "m"))).isInstanceOf(TransientException.class);
  }

  /** The Query protocol's error body. */
  private static String error(String code, String message) {
    return """
        <ErrorResponse xmlns="https://sns.amazonaws.com/doc/2010-03-31/">
          <Error>
            <Type>Sender</Type>
            <Code>%s</Code>
            <Message>%s</Message>
          </Error>
          <RequestId>9dd01905-5012-5f99-8663-4b3ecd0dfaef</RequestId>
        </ErrorResponse>
        """.formatted(code, message);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }
}
