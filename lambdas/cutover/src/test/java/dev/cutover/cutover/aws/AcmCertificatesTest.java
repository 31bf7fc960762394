package dev.cutover.cutover.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.cutover.port.Certificate;
import dev.cutover.cutover.port.CertificateRef;
import dev.cutover.cutover.support.AwsStubs;
import dev.cutover.errors.PreconditionFailedException;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.acm.AcmClient;

/** The ACM adapter against a WireMock ACM speaking the API reference's JSON (awsJson1_1). */
class AcmCertificatesTest {

  static final String ARN = "arn:aws:acm:us-east-1:444455556666:certificate/12345678-1234-1234-1234-123456789012";
  static final CertificateRef REF = new CertificateRef(ARN, "arn:aws:iam::444455556666:role/cutover-target", "mig-1");

  @RegisterExtension static final WireMockExtension ACM = AwsStubs.server();

  private static AcmClient client;
  private static AcmCertificates certificates;

  @BeforeAll
  static void start() {
    client = AwsStubs.acm(ACM);
    certificates = new AcmCertificates(ref -> client);
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  @Test
  void describe_reads_status_expiry_and_subject_alternative_names() {
    ACM.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("CertificateManager.DescribeCertificate"))
            .withRequestBody(equalToJson("{\"CertificateArn\": \"" + ARN + "\"}"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(
                        """
                        {"Certificate": {
                          "CertificateArn": "%s",
                          "DomainName": "*.example.com",
                          "SubjectAlternativeNames": ["*.example.com", "example.com"],
                          "DomainValidationOptions": [{"DomainName": "*.example.com", "ValidationDomain": "*.example.com", "ValidationStatus": "SUCCESS", "ValidationMethod": "DNS"}],
                          "Serial": "0f:2a:...",
                          "Subject": "CN=*.example.com",
                          "Issuer": "Amazon",
                          "CreatedAt": 1763971200.0,
                          "IssuedAt": 1763971260.0,
                          "Status": "ISSUED",
                          "NotBefore": 1763942400.0,
                          "NotAfter": 1797983999.0,
                          "KeyAlgorithm": "RSA_2048",
                          "SignatureAlgorithm": "SHA256WITHRSA",
                          "InUseBy": ["arn:aws:cloudfront::444455556666:distribution/E3ABCDEF123456"],
                          "Type": "AMAZON_ISSUED",
                          "RenewalEligibility": "ELIGIBLE",
                          "Options": {"CertificateTransparencyLoggingPreference": "ENABLED"}
                        }}
                        """.formatted(ARN))));

    Certificate certificate = certificates.describe(REF);

    assertThat(certificate.arn()).isEqualTo(ARN);
    assertThat(certificate.status()).isEqualTo("ISSUED");
    assertThat(certificate.notAfter()).isEqualTo(Instant.ofEpochSecond(1797983999L));
    assertThat(certificate.subjectAlternativeNames()).containsExactly("*.example.com", "example.com");
    assertThat(ACM.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(1);
  }

  @Test
  void a_certificate_acm_does_not_know_is_a_precondition_failure_naming_it() {
    ACM.stubFor(
        post(urlEqualTo("/"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody("{\"__type\": \"ResourceNotFoundException\", \"message\": \"Could not find certificate " + ARN + ".\"}")));

    assertThatThrownBy(() -> certificates.describe(REF))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("ResourceNotFoundException")
        .hasMessageContaining("DescribeCertificate " + ARN);
  }
}
