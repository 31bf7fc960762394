package dev.cutover.replication.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.errors.TransientException;
import dev.cutover.replication.port.Bucket;
import dev.cutover.replication.port.Versioning;
import dev.cutover.replication.testing.Payloads;
import dev.cutover.replication.testing.SourceBucketStub;
import dev.cutover.replication.testing.TestS3;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The replication adapter against WireMock serving the S3 API as the API Reference shapes it. */
class S3BucketReplicationTest {

  private static final Bucket BLUE =
      new Bucket("legacy-web-assets", "111122223333", "us-east-1", "arn:aws:iam::111122223333:role/cutover-source", "assets");

  private static SourceBucketStub s3;
  private static S3Client client;
  private static S3BucketReplication replication;

  @BeforeAll
  static void start() {
    s3 = new SourceBucketStub(BLUE.name());
    client = TestS3.client(s3.endpoint());
    replication = new S3BucketReplication(bucket -> client);
  }

  @AfterAll
  static void stop() {
    client.close();
    s3.close();
  }

  @BeforeEach
  void reset() {
    s3.reset();
  }

  @Test
  void configuration_is_the_bytes_s3_sent_unchanged() {
    byte[] sent = Payloads.bytes("/replication/other-teams.xml");
    s3.replication(sent);

    assertThat(replication.configuration(BLUE)).hasValue(sent);
    LoggedRequest get = s3.server().getAllServeEvents().getFirst().getRequest();
    assertThat(get.getMethod().getName()).isEqualTo("GET");
    assertThat(get.getUrl()).isEqualTo("/legacy-web-assets?replication");
    assertThat(get.getHeader("x-amz-expected-bucket-owner")).isEqualTo("111122223333");
  }

  @Test
  void bucket_without_configuration_has_none() {
    s3.noReplication();

    assertThat(replication.configuration(BLUE)).isEmpty();
  }

  @Test
  void put_sends_exactly_the_given_bytes_with_a_checksum_of_those_bytes() {
    byte[] xml = Payloads.bytes("/replication/other-teams.xml");

    replication.putConfiguration(BLUE, xml);

    LoggedRequest put = s3.putRequests().getFirst();
    assertThat(put.getUrl()).isEqualTo("/legacy-web-assets?replication");
    assertThat(put.getBody()).isEqualTo(xml);
    assertThat(put.getHeader("Content-Length")).isEqualTo(Integer.toString(xml.length));
    assertThat(put.getHeader("x-amz-expected-bucket-owner")).isEqualTo("111122223333");
    assertThat(put.getHeader("x-amz-checksum-crc32")).isEqualTo(crc32(xml));
  }

  @Test
  void delete_sends_delete_bucket_replication() {
    replication.deleteConfiguration(BLUE);

    assertThat(s3.deleteRequests()).singleElement().satisfies(delete -> {
      assertThat(delete.getUrl()).isEqualTo("/legacy-web-assets?replication");
      assertThat(delete.getHeader("x-amz-expected-bucket-owner")).isEqualTo("111122223333");
    });
  }

  @Test
  void versioning_reads_enabled_suspended_and_never_enabled() {
    s3.versioning("Enabled");
    assertThat(replication.versioning(BLUE)).isEqualTo(Versioning.ENABLED);
    s3.versioning("Suspended");
    assertThat(replication.versioning(BLUE)).isEqualTo(Versioning.SUSPENDED);
    s3.versioning(null);
    assertThat(replication.versioning(BLUE)).isEqualTo(Versioning.NEVER_ENABLED);
  }

  @Test
  void access_denied_names_the_call_the_role_must_be_allowed() {
    s3.server().stubFor(
        put(urlEqualTo(s3.replicationPath()))
            .willReturn(errorResponse(403, "AccessDenied", "Access Denied")));

    assertThatThrownBy(() -> replication.putConfiguration(BLUE, new byte[] {'<', '/', '>'}))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("PutBucketReplication")
        .hasMessageContaining("AccessDenied")
        .hasMessageContaining("IAM policy");
  }

  @Test
  void throttling_is_transient() {
    s3.server().stubFor(
        put(urlEqualTo(s3.replicationPath()))
            .willReturn(errorResponse(503, "SlowDown", "Please reduce your request rate.")));

    assertThatThrownBy(() -> replication.putConfiguration(BLUE, new byte[] {'<', '/', '>'}))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining("SlowDown");
  }

  @Test
  void a_client_without_raw_bodies_is_refused_before_any_request() {
    try (S3Client plain =
        S3Client.builder()
            .region(Region.US_EAST_1)
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .endpointOverride(s3.endpoint())
            .forcePathStyle(true)
            .build()) {
      S3BucketReplication withPlainClient = new S3BucketReplication(bucket -> plain);

      assertThatThrownBy(() -> withPlainClient.putConfiguration(BLUE, new byte[] {'<', '/', '>'}))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("RawXmlBodies");
      assertThat(s3.server().getAllServeEvents()).isEmpty();
    }
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder errorResponse(
      int status, String code, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/xml")
        .withBody(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>4442587FB7D0A2F9</RequestId><HostId>aGVsbG8=</HostId></Error>");
  }

  private static String crc32(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
