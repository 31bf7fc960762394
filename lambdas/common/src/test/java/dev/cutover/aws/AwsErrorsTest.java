package dev.cutover.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okXml;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.errors.CutoverException;
import dev.cutover.errors.InternalErrorException;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.errors.TransientException;
import dev.cutover.errors.VerificationMismatchException;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

class AwsErrorsTest {

  private static final String ROLE = "arn:aws:iam::222222222222:role/cutover-blue";

  @RegisterExtension static final WireMockExtension STS = StsStub.extension();

  private AwsClients clients;

  @AfterEach
  void closeClients() {
    if (clients != null) {
      clients.close();
    }
  }

  @Test
  void a_call_slower_than_the_attempt_timeout_fails_and_is_transient() {
    STS.stubFor(
        post("/")
            .withRequestBody(containing("Action=GetCallerIdentity"))
            .willReturn(okXml(StsStub.getCallerIdentity("111111111111")).withFixedDelay(3_000)));
    clients = StsStub.clients(STS, Duration.ofMillis(800), Duration.ofMillis(200));

    Throwable thrown = callerIdentity();

    assertThat(thrown)
        .isInstanceOfAny(ApiCallAttemptTimeoutException.class, ApiCallTimeoutException.class);
    assertThat(AwsErrors.translate(thrown, "GetCallerIdentity"))
        .isInstanceOf(TransientException.class)
        .hasCause(thrown)
        .hasMessageContaining("GetCallerIdentity");
  }

  @Test
  void a_503_is_transient_after_the_standard_strategy_s_three_attempts() {
    STS.stubFor(
        post("/")
            .withRequestBody(containing("Action=GetCallerIdentity"))
            .willReturn(
                xmlError(503, "Receiver", "ServiceUnavailable", "Service is unavailable.")));
    clients = StsStub.clients(STS, Duration.ofSeconds(10), Duration.ofSeconds(2));

    Throwable thrown = callerIdentity();

    assertThat(thrown).isInstanceOf(StsException.class);
    assertThat(StsStub.requests(STS, "GetCallerIdentity")).hasSize(3);
    assertThat(AwsErrors.translate(thrown))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining("ServiceUnavailable")
        .hasCause(thrown);
  }

  @Test
  void access_denied_is_a_precondition_naming_service_operation_code_and_the_policy() {
    STS.stubFor(
        post("/")
            .withRequestBody(containing("Action=GetCallerIdentity"))
            .willReturn(
                xmlError(
                    403,
                    "Sender",
                    "AccessDenied",
                    "User: arn:aws:sts::111111111111:assumed-role/cutover-preflight/x is not"
                        + " authorized to perform: sts:GetCallerIdentity")));
    clients = StsStub.clients(STS, Duration.ofSeconds(10), Duration.ofSeconds(2));

    Throwable thrown = callerIdentity();
    CutoverException error = AwsErrors.translate(thrown, "GetCallerIdentity");

    assertThat(StsStub.requests(STS, "GetCallerIdentity")).hasSize(1);
    assertThat(error)
        .isInstanceOf(PreconditionFailedException.class)
        .hasCause(thrown)
        .hasMessageContainingAll(
            "Sts GetCallerIdentity", "AccessDenied", "HTTP 403", "not authorized", "policy");
  }

  @Test
  void a_denied_assume_role_is_a_precondition_on_the_call_that_needed_the_credentials() {
    STS.stubFor(
        post("/")
            .withRequestBody(containing("Action=AssumeRole"))
            .willReturn(
                xmlError(
                    403,
                    "Sender",
                    "AccessDenied",
                    "User: arn:aws:sts::111111111111:assumed-role/cutover-preflight/x is not"
                        + " authorized to perform: sts:AssumeRole on resource: " + ROLE)));
    clients = StsStub.clients(STS, Duration.ofSeconds(10), Duration.ofSeconds(2));

    Throwable thrown;
    try (StsClient blue =
        clients.forAccount(ROLE, "mig-42", Region.US_EAST_1).build(StsClient.builder(), "STS")) {
      thrown = catchThrowable(blue::getCallerIdentity);
    }

    assertThat(StsStub.requests(STS, "GetCallerIdentity")).isEmpty();
    assertThat(AwsErrors.translate(thrown))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContainingAll("AccessDenied", "sts:AssumeRole on resource: " + ROLE);
  }

  @Test
  void another_4xx_is_a_precondition_with_the_aws_code_and_message() {
    STS.stubFor(
        post("/")
            .withRequestBody(containing("Action=GetCallerIdentity"))
            .willReturn(
                xmlError(400, "Sender", "InvalidClientTokenId", "The security token is invalid.")));
    clients = StsStub.clients(STS, Duration.ofSeconds(10), Duration.ofSeconds(2));

    Throwable thrown = callerIdentity();

    assertThat(AwsErrors.translate(thrown))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContainingAll("InvalidClientTokenId", "The security token is invalid.")
        .hasMessageNotContaining("policy");
  }

  @Test
  void throttling_is_transient_whatever_its_status() {
    StsException throttled =
        (StsException)
            StsException.builder()
                .statusCode(400)
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .serviceName("Sts")
                        .errorCode("Throttling")
                        .errorMessage("Rate exceeded")
                        .build())
                .build();

    assertThat(AwsErrors.translate(throttled)).isInstanceOf(TransientException.class);
  }

  @Test
  void route53s_prior_request_not_complete_is_transient_though_the_sdk_does_not_call_it_throttling() {
    StsException busy =
        (StsException)
            StsException.builder()
                .statusCode(400)
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .serviceName("Route53")
                        .errorCode("PriorRequestNotComplete")
                        .errorMessage("The request was rejected because Route 53 was still processing a prior request.")
                        .build())
                .build();

    assertThat(busy.isThrottlingException()).as("the premise").isFalse();
    assertThat(AwsErrors.translate(busy, "ChangeResourceRecordSets")).isInstanceOf(TransientException.class);
  }

  @Test
  void an_access_denied_code_with_status_400_is_still_a_policy_problem() {
    StsException kmsStyle =
        (StsException)
            StsException.builder()
                .statusCode(400)
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .serviceName("KMS")
                        .errorCode("AccessDeniedException")
                        .errorMessage("not authorized to perform: kms:Decrypt")
                        .build())
                .build();

    assertThat(AwsErrors.translate(kmsStyle, "Decrypt"))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContainingAll("KMS Decrypt", "AccessDeniedException", "policy");
  }

  @Test
  void a_client_side_failure_is_transient() {
    SdkClientException io =
        SdkClientException.create("Unable to execute HTTP request", new IOException("reset"));

    assertThat(AwsErrors.translate(io)).isInstanceOf(TransientException.class).hasCause(io);
  }

  @Test
  void a_jdk_exception_is_an_internal_error_keeping_its_cause() {
    IllegalStateException bug = new IllegalStateException("manifest has no header");

    assertThat(AwsErrors.translate(bug))
        .isInstanceOf(InternalErrorException.class)
        .hasCause(bug)
        .hasMessageContaining("manifest has no header");
  }

  @Test
  void a_contract_error_passes_through_unchanged() {
    VerificationMismatchException mismatch = new VerificationMismatchException("3 keys differ");

    assertThat(AwsErrors.translate(mismatch)).isSameAs(mismatch);
  }

  private Throwable callerIdentity() {
    try (StsClient own = clients.forOwnAccount().build(StsClient.builder(), "STS")) {
      return catchThrowable(own::getCallerIdentity);
    }
  }

  private static ResponseDefinitionBuilder xmlError(
      int status, String type, String code, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "text/xml")
        .withBody(StsStub.error(type, code, message));
  }
}
