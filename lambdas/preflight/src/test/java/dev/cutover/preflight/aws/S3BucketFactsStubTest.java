package dev.cutover.preflight.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.errors.TransientException;
import dev.cutover.preflight.port.DefaultEncryption;
import dev.cutover.preflight.port.LifecycleRule;
import dev.cutover.preflight.port.ObjectProbe;
import dev.cutover.preflight.port.Refusal;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The S3 adapter against WireMock serving bodies from the S3 API reference, for what S3Mock does
 * not implement (GetBucketOwnershipControls, GetBucketEncryption, lifecycle filters with tags,
 * sizes and the legacy prefix) or cannot be made to answer (403, 400 for SSE-C, 301 to another
 * region, 503 SlowDown, archive tiers, a role STS refuses). Asserts the requests sent.
 */
class S3BucketFactsStubTest {

  static final String BUCKET = "legacy-web-assets";
  static final String OWNER = "111122223333";

  @RegisterExtension
  static final WireMockExtension S3 =
      WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  @RegisterExtension
  static final WireMockExtension STS =
      WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  private S3BucketFacts facts() {
    return new S3BucketFacts(client(), BUCKET, OWNER);
  }

  private static S3Client client() {
    return S3Client.builder()
        .httpClient(UrlConnectionHttpClient.builder().build())
        .endpointOverride(URI.create("http://127.0.0.1:" + S3.getPort()))
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIASOURCE0000000000", "secret")))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  @Test
  void ownership_controls_are_read_with_the_expected_owner_and_their_absence_is_empty() {
    S3.stubFor(get(urlEqualTo("/" + BUCKET + "?ownershipControls")).willReturn(S3Stub.xml(200, S3Stub.ownershipControls("BucketOwnerEnforced"))));

    assertThat(facts().objectOwnership()).contains("BucketOwnerEnforced");
    S3.verify(getRequestedFor(urlEqualTo("/" + BUCKET + "?ownershipControls")).withHeader("x-amz-expected-bucket-owner", equalTo(OWNER)));

    S3.stubFor(get(urlEqualTo("/" + BUCKET + "?ownershipControls")).willReturn(S3Stub.xml(200, S3Stub.ownershipControls("ObjectWriter"))));
    assertThat(facts().objectOwnership()).contains("ObjectWriter");

    S3.stubFor(get(urlEqualTo("/" + BUCKET + "?ownershipControls"))
        .willReturn(S3Stub.xml(404, S3Stub.error("OwnershipControlsNotFoundError", "The bucket ownership controls were not found"))));
    assertThat(facts().objectOwnership()).isEmpty();
  }

  @Test
  void default_encryption_is_read_as_algorithm_key_and_bucket_key() {
    String key = "arn:aws:kms:us-east-1:111122223333:key/9999ffff-8888-7777-6666-555544443333";
    S3.stubFor(get(urlEqualTo("/" + BUCKET + "?encryption")).willReturn(S3Stub.xml(200, S3Stub.encryption("aws:kms", key, true))));
    assertThat(facts().defaultEncryption()).contains(new DefaultEncryption("aws:kms", key, true));
    S3.verify(getRequestedFor(urlEqualTo("/" + BUCKET + "?encryption")).withHeader("x-amz-expected-bucket-owner", equalTo(OWNER)));

    S3.stubFor(get(urlEqualTo("/" + BUCKET + "?encryption")).willReturn(S3Stub.xml(200, S3Stub.encryption("aws:kms", null, false))));
    assertThat(facts().defaultEncryption()).contains(new DefaultEncryption("aws:kms", null, false));

    S3.stubFor(get(urlEqualTo("/" + BUCKET + "?encryption")).willReturn(S3Stub.xml(200, S3Stub.encryption("AES256", null, false))));
    assertThat(facts().defaultEncryption()).contains(new DefaultEncryption("AES256", null, false));

    S3.stubFor(get(urlEqualTo("/" + BUCKET + "?encryption")).willReturn(
        S3Stub.xml(404, S3Stub.error("ServerSideEncryptionConfigurationNotFoundError", "The server side encryption configuration was not found"))));
    assertThat(facts().defaultEncryption()).isEmpty();
  }

  @Test
  void lifecycle_filters_with_tags_sizes_and_the_legacy_prefix_are_understood() {
    String body = """
        <?xml version="1.0" encoding="UTF-8"?>
        <LifecycleConfiguration xmlns="%s">
           <Rule>
              <ID>tagged</ID>
              <Filter>
                 <And>
                    <Prefix>static/</Prefix>
                    <Tag><Key>tier</Key><Value>cold</Value></Tag>
                 </And>
              </Filter>
              <Status>Enabled</Status>
              <Transition><Days>30</Days><StorageClass>DEEP_ARCHIVE</StorageClass></Transition>
           </Rule>
           <Rule>
              <ID>big</ID>
              <Filter><ObjectSizeGreaterThan>1048576</ObjectSizeGreaterThan></Filter>
              <Status>Enabled</Status>
              <Expiration><Date>2027-01-01T00:00:00.000Z</Date></Expiration>
           </Rule>
           <Rule>
              <ID>legacy</ID>
              <Prefix>static/old/</Prefix>
              <Status>Disabled</Status>
              <Expiration><Days>365</Days></Expiration>
           </Rule>
        </LifecycleConfiguration>
        """.formatted(S3Stub.NAMESPACE);
    S3.stubFor(get(urlEqualTo("/" + BUCKET + "?lifecycle")).willReturn(S3Stub.xml(200, body)));

    assertThat(facts().lifecycleRules())
        .containsExactly(
            new LifecycleRule("tagged", true, "static/", true, null, null, List.of("DEEP_ARCHIVE")),
            new LifecycleRule("big", true, "", true, null, "2027-01-01T00:00:00Z", List.of()),
            new LifecycleRule("legacy", false, "static/old/", false, 365, null, List.of()));
    S3.verify(getRequestedFor(urlEqualTo("/" + BUCKET + "?lifecycle")).withHeader("x-amz-expected-bucket-owner", equalTo(OWNER)));
  }

  @Test
  void access_denied_is_a_refusal_naming_the_call_and_the_permission() {
    S3.stubFor(get(urlEqualTo("/" + BUCKET + "?versioning")).willReturn(S3Stub.xml(403, S3Stub.error("AccessDenied", "Access Denied"))));
    S3.stubFor(get(urlEqualTo("/" + BUCKET + "?lifecycle")).willReturn(S3Stub.xml(403, S3Stub.error("AccessDenied", "Access Denied"))));

    Refusal versioning = catchThrowableOfType(Refusal.class, () -> facts().versioning());
    Refusal lifecycle = catchThrowableOfType(Refusal.class, () -> facts().lifecycleRules());

    assertThat(versioning.reason()).isEqualTo(Refusal.Reason.ACCESS_DENIED);
    assertThat(versioning.operation()).isEqualTo("GetBucketVersioning");
    assertThat(versioning.permission()).isEqualTo("s3:GetBucketVersioning");
    assertThat(versioning.detail()).isEqualTo("AccessDenied, HTTP 403: Access Denied");
    assertThat(lifecycle.permission()).isEqualTo("s3:GetLifecycleConfiguration");
  }

  @Test
  void a_bucket_in_another_region_is_a_refusal_that_names_its_region() {
    S3.stubFor(head(urlEqualTo("/" + BUCKET)).willReturn(aResponse().withStatus(301).withHeader("x-amz-bucket-region", "eu-west-1")));

    Refusal refusal = catchThrowableOfType(Refusal.class, () -> facts().locate());

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.WRONG_REGION);
    assertThat(refusal.actualRegion()).isEqualTo("eu-west-1");
  }

  @Test
  void head_of_an_object_tells_forbidden_customer_key_and_archive_tier_apart() {
    S3.stubFor(head(urlEqualTo("/" + BUCKET + "/static/theirs.css")).willReturn(aResponse().withStatus(403)));
    S3.stubFor(head(urlEqualTo("/" + BUCKET + "/static/sse-c.bin")).willReturn(aResponse().withStatus(400)));
    S3.stubFor(head(urlEqualTo("/" + BUCKET + "/static/tiered.bin")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Length", "5")
        .withHeader("x-amz-storage-class", "INTELLIGENT_TIERING")
        .withHeader("x-amz-archive-status", "DEEP_ARCHIVE_ACCESS")
        .withHeader("x-amz-server-side-encryption", "aws:kms")
        .withHeader("x-amz-server-side-encryption-aws-kms-key-id", "arn:aws:kms:us-east-1:111122223333:key/9999ffff-8888-7777-6666-555544443333")));

    assertThat(facts().head("static/theirs.css")).isEqualTo(ObjectProbe.of(ObjectProbe.Access.FORBIDDEN));
    assertThat(facts().head("static/sse-c.bin")).isEqualTo(ObjectProbe.of(ObjectProbe.Access.CUSTOMER_KEY_REQUIRED));
    assertThat(facts().head("static/tiered.bin"))
        .isEqualTo(new ObjectProbe(ObjectProbe.Access.READABLE, "aws:kms",
            "arn:aws:kms:us-east-1:111122223333:key/9999ffff-8888-7777-6666-555544443333", "DEEP_ARCHIVE_ACCESS"));
    S3.verify(com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor(urlEqualTo("/" + BUCKET + "/static/tiered.bin"))
        .withHeader("x-amz-expected-bucket-owner", equalTo(OWNER)));
  }

  @Test
  void throttling_is_thrown_as_transient_for_the_state_machine_to_retry() {
    S3.stubFor(get(urlEqualTo("/" + BUCKET + "?lifecycle")).willReturn(S3Stub.xml(503, S3Stub.error("SlowDown", "Please reduce your request rate."))));

    Throwable thrown = catchThrowable(() -> facts().lifecycleRules());

    assertThat(thrown).isInstanceOf(TransientException.class).hasMessageContaining("SlowDown");
  }

  @Test
  void a_role_sts_refuses_to_let_us_assume_is_a_refusal_of_its_own() {
    STS.stubFor(post(urlEqualTo("/")).willReturn(S3Stub.xml(403, """
        <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <Error>
            <Type>Sender</Type>
            <Code>AccessDenied</Code>
            <Message>User: arn:aws:sts::444455556666:assumed-role/cutover-lambda/x is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111122223333:role/cutover-source</Message>
          </Error>
          <RequestId>4fe4a5a4-1d2c-4b9e-9a0f-9c1e3a0c7f1d</RequestId>
        </ErrorResponse>
        """)));
    StsClient sts = StsClient.builder()
        .httpClient(UrlConnectionHttpClient.builder().build())
        .endpointOverride(URI.create("http://127.0.0.1:" + STS.getPort()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIABASE000000000000", "base")))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
    StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts)
        .asyncCredentialUpdateEnabled(false)
        .refreshRequest(r -> r.roleArn("arn:aws:iam::111122223333:role/cutover-source").roleSessionName("cutover-test"))
        .build();
    S3Client s3 = S3Client.builder()
        .httpClient(UrlConnectionHttpClient.builder().build())
        .endpointOverride(URI.create("http://127.0.0.1:" + S3.getPort()))
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(assumed)
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();

    Refusal refusal = catchThrowableOfType(Refusal.class, () -> new S3BucketFacts(s3, BUCKET, OWNER).versioning());

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.ROLE_NOT_ASSUMABLE);
    assertThat(refusal.detail()).contains("AccessDenied").contains("not authorized to perform: sts:AssumeRole");
    assertThat(S3.getAllServeEvents()).isEmpty();
    assertThat(Optional.of(STS.getAllServeEvents().size())).contains(1);
  }
}
