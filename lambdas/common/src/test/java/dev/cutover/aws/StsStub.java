package dev.cutover.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A WireMock STS serving Query API bodies shaped as in the AWS STS API reference (namespace
 * 2011-06-15).
 */
final class StsStub {

  static final AwsCredentialsProvider BASE_CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIABASE000000000000", "base"));

  private StsStub() {}

  /** A stub STS on loopback, reset before each test. */
  static WireMockExtension extension() {
    return WireMockExtension.newInstance()
        .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
        .build();
  }

  /** A factory in us-east-1 whose STS traffic, assume-role included, goes to the stub. */
  static AwsClients clients(WireMockExtension stub, Duration apiCall, Duration attempt) {
    return new AwsClients(
        Map.of(
            "AWS_REGION", "us-east-1",
            "AWS_ENDPOINT_URL_STS", "http://127.0.0.1:" + stub.getPort()),
        BASE_CREDENTIALS,
        apiCall,
        attempt);
  }

  /** The requests the stub received for one STS action, in order. */
  static List<LoggedRequest> requests(WireMockExtension stub, String action) {
    return stub.findAll(
        postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&")));
  }

  static String assumeRole(String roleArn, String sessionName, String accessKeyId, String token) {
    String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
    return """
        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleResult>
            <AssumedRoleUser>
              <Arn>arn:aws:sts::222222222222:assumed-role/%s/%s</Arn>
              <AssumedRoleId>AROA3XFRBF535EXAMPLE:%s</AssumedRoleId>
            </AssumedRoleUser>
            <Credentials>
              <AccessKeyId>%s</AccessKeyId>
              <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
              <SessionToken>%s</SessionToken>
              <Expiration>%s</Expiration>
            </Credentials>
            <PackedPolicySize>6</PackedPolicySize>
          </AssumeRoleResult>
          <ResponseMetadata>
            <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
          </ResponseMetadata>
        </AssumeRoleResponse>
        """
        .formatted(
            roleName,
            sessionName,
            sessionName,
            accessKeyId,
            token,
            Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
  }

  static String getCallerIdentity(String account) {
    return """
        <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <GetCallerIdentityResult>
            <Arn>arn:aws:sts::%s:assumed-role/cutover-green/cutover-mig-42</Arn>
            <UserId>AROA3XFRBF535EXAMPLE:cutover-mig-42</UserId>
            <Account>%s</Account>
          </GetCallerIdentityResult>
          <ResponseMetadata>
            <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
          </ResponseMetadata>
        </GetCallerIdentityResponse>
        """
        .formatted(account, account);
  }

  static String error(String type, String code, String message) {
    return """
        <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <Error>
            <Type>%s</Type>
            <Code>%s</Code>
            <Message>%s</Message>
          </Error>
          <RequestId>4fe4a5a4-1d2c-4b9e-9a0f-9c1e3a0c7f1d</RequestId>
        </ErrorResponse>
        """
        .formatted(type, code, message);
  }
}
