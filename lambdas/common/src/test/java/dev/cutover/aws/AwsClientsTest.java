package dev.cutover.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okXml;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cutover.errors.PreconditionFailedException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

class AwsClientsTest {

  static final AwsCredentialsProvider BASE = StsStub.BASE_CREDENTIALS;
  static final String BLUE_ROLE = "arn:aws:iam::222222222222:role/cutover-blue";
  static final String GREEN_ROLE = "arn:aws:iam::333333333333:role/cutover-green";
  static final String MIGRATION_ID = "mig 2026/11/24#blue→green";
  static final String SESSION_NAME = "cutover-mig-2026-11-24-blue-green";

  private static final Pattern CREDENTIAL =
      Pattern.compile("Credential=([^/]+)/\\d{8}/([^/]+)/sts/aws4_request");

  @RegisterExtension static final WireMockExtension STS = StsStub.extension();

  private AwsClients clients;

  @AfterEach
  void closeClients() {
    if (clients != null) {
      clients.close();
    }
  }

  @Test
  void assume_role_is_called_once_per_role_and_its_credentials_sign_requests() {
    stubAssumeRole(BLUE_ROLE, "ASIABLUE000000000000", "blue-session-token");
    stubAssumeRole(GREEN_ROLE, "ASIAGREEN00000000000", "green-session-token");
    stubCallerIdentity();
    clients = againstStub();

    try (StsClient blue1 =
            clients.forAccount(BLUE_ROLE, MIGRATION_ID, Region.US_EAST_1)
                .build(StsClient.builder(), "STS");
        StsClient blue2 =
            clients.forAccount(BLUE_ROLE, MIGRATION_ID, Region.US_EAST_1)
                .build(StsClient.builder(), "STS");
        StsClient green =
            clients.forAccount(GREEN_ROLE, MIGRATION_ID, Region.EU_WEST_1)
                .build(StsClient.builder(), "STS")) {
      blue1.getCallerIdentity();
      blue2.getCallerIdentity();
      green.getCallerIdentity();
      blue1.getCallerIdentity();
    }

    List<LoggedRequest> assumeRoles = requests("AssumeRole");
    assertThat(assumeRoles)
        .extracting(r -> r.formParameter("RoleArn").firstValue())
        .containsExactlyInAnyOrder(BLUE_ROLE, GREEN_ROLE);
    assertThat(assumeRoles)
        .allSatisfy(
            r -> {
              assertThat(r.formParameter("RoleSessionName").firstValue()).isEqualTo(SESSION_NAME);
              assertThat(signer(r)).isEqualTo("AKIABASE000000000000");
              assertThat(r.containsHeader("X-Amz-Security-Token")).isFalse();
            });

    List<LoggedRequest> calls = requests("GetCallerIdentity");
    assertThat(calls)
        .extracting(AwsClientsTest::signer)
        .containsExactly(
            "ASIABLUE000000000000",
            "ASIABLUE000000000000",
            "ASIAGREEN00000000000",
            "ASIABLUE000000000000");
    assertThat(calls)
        .extracting(r -> r.getHeader("X-Amz-Security-Token"))
        .containsExactly(
            "blue-session-token", "blue-session-token", "green-session-token", "blue-session-token");
    assertThat(calls).extracting(AwsClientsTest::signingRegion).containsExactly(
        "us-east-1", "us-east-1", "eu-west-1", "us-east-1");
  }

  @Test
  void a_client_without_a_role_signs_with_the_base_credentials_and_assumes_nothing() {
    stubCallerIdentity();
    clients = againstStub();

    try (StsClient own = clients.forAccount(null, MIGRATION_ID, Region.US_WEST_2)
        .build(StsClient.builder(), "STS")) {
      own.getCallerIdentity();
    }

    assertThat(requests("AssumeRole")).isEmpty();
    assertThat(requests("GetCallerIdentity"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(signer(r)).isEqualTo("AKIABASE000000000000");
              assertThat(signingRegion(r)).isEqualTo("us-west-2");
            });
  }

  @Test
  void a_new_migration_id_assumes_the_role_again_under_its_own_session_name() {
    stubAssumeRole(BLUE_ROLE, "ASIABLUE000000000000", "blue-session-token");
    stubCallerIdentity();
    clients = againstStub();

    for (String migration : List.of("mig-1", "mig-2", "mig-1")) {
      try (StsClient blue = clients.forAccount(BLUE_ROLE, migration, Region.US_EAST_1)
          .build(StsClient.builder(), "STS")) {
        blue.getCallerIdentity();
      }
    }

    assertThat(requests("AssumeRole"))
        .extracting(r -> r.formParameter("RoleSessionName").firstValue())
        .containsExactly("cutover-mig-1", "cutover-mig-2");
  }

  @Test
  void role_session_name_keeps_only_characters_sts_allows_and_the_end_of_a_long_id() {
    assertThat(AwsClients.roleSessionName("a1b2c3d4-e5f6-7890-abcd-ef1234567890"))
        .isEqualTo("cutover-a1b2c3d4-e5f6-7890-abcd-ef1234567890");
    assertThat(AwsClients.roleSessionName(" user+x=1,y.z@co_name "))
        .isEqualTo("cutover-user+x=1,y.z@co_name");

    String name =
        AwsClients.roleSessionName(
            "arn:aws:states:us-east-1:111111111111:execution:cutover:mig 42");

    assertThat(name)
        .isEqualTo("cutover-s-states-us-east-1-111111111111-execution-cutover-mig-42")
        .hasSize(64)
        .matches("[\\w+=,.@-]{2,64}");
  }

  @Test
  void service_endpoint_variable_beats_the_global_one_and_absent_means_none() {
    AwsClients configured =
        new AwsClients(
            Map.of(
                "AWS_ENDPOINT_URL", "http://127.0.0.1:4000",
                "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:4001",
                "AWS_ENDPOINT_URL_S3_CONTROL", "http://127.0.0.1:4002"),
            BASE,
            Duration.ofSeconds(5),
            Duration.ofSeconds(1));
    AwsClients onlyS3 =
        new AwsClients(
            Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:4001"),
            BASE,
            Duration.ofSeconds(5),
            Duration.ofSeconds(1));
    try (configured;
        onlyS3) {
      assertThat(configured.endpointOverride("S3")).contains(URI.create("http://127.0.0.1:4001"));
      assertThat(configured.endpointOverride("S3 Control"))
          .contains(URI.create("http://127.0.0.1:4002"));
      assertThat(configured.endpointOverride("CloudFront"))
          .contains(URI.create("http://127.0.0.1:4000"));
      assertThat(onlyS3.endpointOverride("CloudFront")).isEmpty();
    }
  }

  @Test
  void an_endpoint_variable_that_is_not_a_uri_is_a_precondition_naming_it() {
    clients = new AwsClients(
        Map.of("AWS_ENDPOINT_URL_CLOUDFRONT", "http://127.0.0.1:4000/a b"),
        BASE,
        Duration.ofSeconds(5),
        Duration.ofSeconds(1));

    assertThatThrownBy(() -> clients.endpointOverride("CloudFront"))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("AWS_ENDPOINT_URL_CLOUDFRONT");
  }

  @Test
  void region_comes_from_aws_region_before_aws_default_region() {
    assertThat(regionFrom(Map.of("AWS_REGION", "eu-central-1", "AWS_DEFAULT_REGION", "us-east-1")))
        .isEqualTo(Region.EU_CENTRAL_1);
    assertThat(regionFrom(Map.of("AWS_DEFAULT_REGION", "us-east-1")))
        .isEqualTo(Region.US_EAST_1);
    assertThat(regionFrom(Map.of("AWS_REGION", " ", "AWS_DEFAULT_REGION", "ap-south-1")))
        .isEqualTo(Region.AP_SOUTH_1);
  }

  @Test
  void a_missing_region_is_a_precondition_naming_the_variable() {
    clients = new AwsClients(Map.of(), BASE, Duration.ofSeconds(5), Duration.ofSeconds(1));

    assertThatThrownBy(() -> clients.forOwnAccount())
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("AWS_REGION");
  }

  private static AwsClients againstStub() {
    return StsStub.clients(STS, Duration.ofSeconds(10), Duration.ofSeconds(5));
  }

  private static Region regionFrom(Map<String, String> env) {
    try (AwsClients c = new AwsClients(env, BASE, Duration.ofSeconds(5), Duration.ofSeconds(1))) {
      return c.defaultRegion();
    }
  }

  private static void stubAssumeRole(String roleArn, String accessKeyId, String sessionToken) {
    STS.stubFor(
        post("/")
            .withRequestBody(containing("Action=AssumeRole"))
            .withFormParam("RoleArn", equalTo(roleArn))
            .willReturn(
                okXml(StsStub.assumeRole(roleArn, SESSION_NAME, accessKeyId, sessionToken))));
  }

  private static void stubCallerIdentity() {
    STS.stubFor(
        post("/")
            .withRequestBody(containing("Action=GetCallerIdentity"))
            .willReturn(okXml(StsStub.getCallerIdentity("222222222222"))));
  }

  private static List<LoggedRequest> requests(String action) {
    return StsStub.requests(STS, action);
  }

  private static String signer(LoggedRequest request) {
    return credential(request).group(1);
  }

  private static String signingRegion(LoggedRequest request) {
    return credential(request).group(2);
  }

  private static Matcher credential(LoggedRequest request) {
    Matcher m = CREDENTIAL.matcher(request.getHeader("Authorization"));
    assertThat(m.find()).as("SigV4 Authorization header: %s", request.getHeader("Authorization"))
        .isTrue();
    return m;
  }
}
