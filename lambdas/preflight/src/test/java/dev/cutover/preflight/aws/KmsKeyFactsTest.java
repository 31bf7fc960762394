package dev.cutover.preflight.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.errors.TransientException;
import dev.cutover.preflight.port.Refusal;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The KMS adapter against WireMock serving the AWS KMS API reference's JSON (awsJson1.1,
 * {@code X-Amz-Target: TrentService.DescribeKey}; errors as {@code __type} and {@code message}).
 */
class KmsKeyFactsTest {

  static final String AWS_S3_KEY = "arn:aws:kms:us-east-1:111122223333:key/0000aaaa-1111-2222-3333-444455556666";

  @RegisterExtension
  static final WireMockExtension KMS =
      WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  private static KmsKeyFacts facts() {
    return new KmsKeyFacts(KmsClient.builder()
        .httpClient(UrlConnectionHttpClient.builder().build())
        .endpointOverride(URI.create("http://127.0.0.1:" + KMS.getPort()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIASOURCE0000000000", "secret")))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build());
  }

  @Test
  void the_aws_managed_s3_key_is_found_by_describing_its_alias() {
    KMS.stubFor(post(urlEqualTo("/")).willReturn(json(200, """
        {
          "KeyMetadata": {
            "AWSAccountId": "111122223333",
            "Arn": "%s",
            "CreationDate": 1.499288695918E9,
            "CustomerMasterKeySpec": "SYMMETRIC_DEFAULT",
            "Description": "Default key that protects my S3 objects when no other key is defined",
            "Enabled": true,
            "EncryptionAlgorithms": ["SYMMETRIC_DEFAULT"],
            "KeyId": "0000aaaa-1111-2222-3333-444455556666",
            "KeyManager": "AWS",
            "KeySpec": "SYMMETRIC_DEFAULT",
            "KeyState": "Enabled",
            "KeyUsage": "ENCRYPT_DECRYPT",
            "MultiRegion": false,
            "Origin": "AWS_KMS"
          }
        }
        """.formatted(AWS_S3_KEY))));

    assertThat(facts().awsManagedS3KeyArn()).contains(AWS_S3_KEY);
    KMS.verify(postRequestedFor(urlEqualTo("/"))
        .withHeader("X-Amz-Target", equalTo("TrentService.DescribeKey"))
        .withRequestBody(equalToJson("{\"KeyId\": \"alias/aws/s3\"}")));
  }

  @Test
  void no_such_key_means_no_object_can_be_under_it() {
    KMS.stubFor(post(urlEqualTo("/")).willReturn(json(400,
        "{\"__type\": \"NotFoundException\", \"message\": \"Alias arn:aws:kms:us-east-1:111122223333:alias/aws/s3 is not found.\"}")));

    assertThat(facts().awsManagedS3KeyArn()).isEmpty();
  }

  @Test
  void access_denied_is_a_refusal_naming_kms_describe_key() {
    KMS.stubFor(post(urlEqualTo("/")).willReturn(json(400,
        "{\"__type\": \"AccessDeniedException\", \"message\": \"User: arn:aws:sts::111122223333:assumed-role/cutover-source/x is not"
            + " authorized to perform: kms:DescribeKey on resource: arn:aws:kms:us-east-1:111122223333:key/0000aaaa-1111-2222-3333-444455556666\"}")));

    Refusal refusal = catchThrowableOfType(Refusal.class, () -> facts().awsManagedS3KeyArn());

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.ACCESS_DENIED);
    assertThat(refusal.operation()).isEqualTo("DescribeKey");
    assertThat(refusal.permission()).isEqualTo("kms:DescribeKey");
    assertThat(refusal.detail()).startsWith("AccessDeniedException, HTTP 400: User:");
  }

  @Test
  void throttling_is_transient() {
    KMS.stubFor(post(urlEqualTo("/")).willReturn(json(400, "{\"__type\": \"ThrottlingException\", \"message\": \"Rate exceeded\"}")));

    assertThat(catchThrowable(() -> facts().awsManagedS3KeyArn())).isInstanceOf(TransientException.class);
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withHeader("x-amzn-RequestId", "4fe4a5a4-1d2c-4b9e-9a0f-9c1e3a0c7f1d")
        .withBody(body);
  }
}
