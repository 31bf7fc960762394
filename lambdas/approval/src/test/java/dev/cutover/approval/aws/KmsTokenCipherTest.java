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
import dev.cutover.approval.port.SealedToken;
import dev.cutover.approval.port.TokenCipher.UnreadableTokenException;
import dev.cutover.approval.support.Records;
import dev.cutover.errors.PreconditionFailedException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The cipher against a WireMock KMS speaking JSON 1.1 as the AWS KMS API reference documents
 * Encrypt and Decrypt (X-Amz-Target {@code TrentService.<Operation>}, blobs in base64).
 */
class KmsTokenCipherTest {

  static final String JSON_1_1 = "application/x-amz-json-1.1";
  static final String KEY_ARN = "arn:aws:kms:us-east-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAbcdEFGHijklMNOPqrstUVWXyz0123456789+/token==";
  static final Map<String, String> CONTEXT =
      Map.of("executionArn", Records.EXECUTION_ARN, "approvalId", Records.APPROVAL_ID);
  static final byte[] CIPHERTEXT = "AQICAHh-ciphertext-bytes".getBytes(StandardCharsets.UTF_8);

  @RegisterExtension static final WireMockExtension KMS = AwsStub.extension();

  private final KmsClient client = AwsStub.client(KmsClient.builder(), KMS);
  private final KmsTokenCipher cipher = new KmsTokenCipher(client, "alias/cutover-approval");

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void seal_encrypts_the_token_under_the_key_with_the_execution_and_approval_as_context() {
    KMS.stubFor(call("TrentService.Encrypt").willReturn(ok(JSON_1_1, """
        {"CiphertextBlob": "%s", "EncryptionAlgorithm": "SYMMETRIC_DEFAULT", "KeyId": "%s"}
        """.formatted(Base64.getEncoder().encodeToString(CIPHERTEXT), KEY_ARN))));

    SealedToken sealed = cipher.seal(TOKEN, CONTEXT);

    assertThat(sealed.ciphertext()).isEqualTo(CIPHERTEXT);
    assertThat(sealed.toString()).doesNotContain("AQICAHh").contains(CIPHERTEXT.length + " bytes");
    assertThat(requests(KMS, "TrentService.Encrypt").getFirst().getHeader("Content-Type")).startsWith(JSON_1_1);
    JsonNode body = bodies(KMS, "TrentService.Encrypt").getFirst();
    assertThat(body.path("KeyId").asText()).isEqualTo("alias/cutover-approval");
    assertThat(new String(Base64.getDecoder().decode(body.path("Plaintext").asText()), StandardCharsets.UTF_8)).isEqualTo(TOKEN);
    assertThat(body.path("EncryptionContext").path("executionArn").asText()).isEqualTo(Records.EXECUTION_ARN);
    assertThat(body.path("EncryptionContext").path("approvalId").asText()).isEqualTo(Records.APPROVAL_ID);
    assertThat(body.path("EncryptionContext").size()).isEqualTo(2);
  }

  @Test
  void open_decrypts_with_the_same_context_and_names_the_key_it_expects() {
    KMS.stubFor(call("TrentService.Decrypt").willReturn(ok(JSON_1_1, """
        {"EncryptionAlgorithm": "SYMMETRIC_DEFAULT", "KeyId": "%s", "Plaintext": "%s"}
        """.formatted(KEY_ARN, Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8))))));

    assertThat(cipher.open(new SealedToken(CIPHERTEXT), CONTEXT)).isEqualTo(TOKEN);

    JsonNode body = bodies(KMS, "TrentService.Decrypt").getFirst();
    assertThat(Base64.getDecoder().decode(body.path("CiphertextBlob").asText())).isEqualTo(CIPHERTEXT);
    assertThat(body.path("KeyId").asText()).isEqualTo("alias/cutover-approval");
    assertThat(body.path("EncryptionContext").path("executionArn").asText()).isEqualTo(Records.EXECUTION_ARN);
    assertThat(body.path("EncryptionContext").path("approvalId").asText()).isEqualTo(Records.APPROVAL_ID);
  }

  @Test
  void a_ciphertext_under_another_context_does_not_open() {
    // What KMS answers when the encryption context differs from the one used to encrypt.
    KMS.stubFor(call("TrentService.Decrypt").willReturn(error(400, JSON_1_1, "InvalidCiphertextException", "")));

    assertThatThrownBy(() -> cipher.open(new SealedToken(CIPHERTEXT), CONTEXT))
        .isInstanceOf(UnreadableTokenException.class)
        .hasMessageContaining("InvalidCiphertextException")
        .hasMessageNotContaining("AQICAHh");
  }

  @Test
  void a_role_without_kms_encrypt_is_a_precondition_failure_naming_the_call() {
    KMS.stubFor(call("TrentService.Encrypt").willReturn(error(400, JSON_1_1, "AccessDeniedException",
        "User: arn:aws:sts::444455556666:assumed-role/cutover-approval-request/fn is not authorized to perform: kms:Encrypt on this resource")));

    assertThatThrownBy(() -> cipher.seal(TOKEN, CONTEXT))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("Encrypt")
        .hasMessageNotContaining(TOKEN);
  }
}
