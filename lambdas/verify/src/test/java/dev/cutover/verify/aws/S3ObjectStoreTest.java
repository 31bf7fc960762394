package dev.cutover.verify.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.errors.TransientException;
import dev.cutover.testing.EmbeddedS3;
import dev.cutover.verify.port.ListedObject;
import dev.cutover.verify.port.ListingPage;
import dev.cutover.verify.port.ObjectHead;
import dev.cutover.verify.port.StoredChecksum;
import dev.cutover.verify.support.Asset;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 adapter: against S3Mock for the wire protocol end to end, and against WireMock serving
 * responses shaped like the S3 API reference (HeadObject, ListObjectsV2, Error) for what S3Mock
 * does not do: website redirects, checksum types, SSE-KMS, throttling, access denied.
 */
@ExtendWith(EmbeddedS3.class)
class S3ObjectStoreTest {

  private static final String BUCKET = "store-blue";
  private static WireMockServer aws;
  private static S3Client awsClient;

  @BeforeAll
  static void start() {
    aws = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    aws.start();
    awsClient = EmbeddedS3.clientWithoutRetries(URI.create("http://127.0.0.1:" + aws.port()));
    EmbeddedS3.bucket(BUCKET);
  }

  @AfterAll
  static void stop() {
    aws.stop();
  }

  @BeforeEach
  void reset() {
    aws.resetAll();
  }

  @Test
  void listing_walks_every_page_and_returns_keys_as_stored() {
    S3Client s3 = EmbeddedS3.client();
    List<String> keys = List.of("list/100%.css", "list/a+b.css", "list/café/ü.css", "list/ctl\u0001.css", "list/with space/a b.png");
    keys.forEach(k -> Asset.of(k, k.getBytes(StandardCharsets.UTF_8)).putTo(s3, BUCKET));
    S3ObjectStore store = new S3ObjectStore(s3, BUCKET, null, 2);

    List<ListedObject> listed = new ArrayList<>();
    int pages = 0;
    String token = null;
    do {
      ListingPage page = store.list("list/", null, token);
      listed.addAll(page.objects());
      token = page.nextToken();
      pages++;
    } while (token != null);

    assertThat(pages).isEqualTo(3);
    assertThat(listed).extracting(ListedObject::key).containsExactlyInAnyOrderElementsOf(keys);
    assertThat(listed).allSatisfy(o -> assertThat(o.size()).isEqualTo(o.key().getBytes(StandardCharsets.UTF_8).length));
  }

  @Test
  void listing_after_a_key_returns_only_the_keys_after_it() {
    S3Client s3 = EmbeddedS3.client();
    List<String> keys = List.of("resume/a.css", "resume/b.css", "resume/c d.css", "resume/e+f.css", "resume/g.css");
    keys.forEach(k -> Asset.of(k, k.getBytes(StandardCharsets.UTF_8)).putTo(s3, BUCKET));
    S3ObjectStore store = new S3ObjectStore(s3, BUCKET, null, 2);

    List<String> listed = new ArrayList<>();
    String token = null;
    do {
      ListingPage page = store.list("resume/", "resume/b.css", token);
      page.objects().forEach(o -> listed.add(o.key()));
      token = page.nextToken();
    } while (token != null);

    assertThat(listed).containsExactlyInAnyOrder("resume/c d.css", "resume/e+f.css", "resume/g.css");
  }

  @Test
  void head_reads_what_s3_stores_without_the_upload_only_aws_chunked_coding() {
    S3Client s3 = EmbeddedS3.client();
    Asset.of("head/app.js", "x".getBytes(StandardCharsets.UTF_8))
        .header("Content-Type", "application/javascript")
        .header("Content-Encoding", "gzip")
        .header("Cache-Control", "max-age=60")
        .meta("Owner", "web")
        .putTo(s3, BUCKET);
    S3ObjectStore store = new S3ObjectStore(s3, BUCKET, null);

    ObjectHead head = store.head("head/app.js").orElseThrow();

    assertThat(head.size()).isEqualTo(1);
    assertThat(head.headers())
        .containsEntry("Content-Type", "application/javascript")
        .containsEntry("Content-Encoding", "gzip")
        .containsEntry("Cache-Control", "max-age=60")
        .containsEntry("storage-class", "STANDARD");
    assertThat(head.userMetadata()).containsExactly(Map.entry("owner", "web"));
    assertThat(head.checksum()).isNotNull().satisfies(c -> {
      assertThat(c.algorithm()).isEqualTo("CRC32");
      assertThat(c.fullObject()).isTrue();
    });
  }

  @Test
  void a_missing_key_has_no_head_and_no_tags() {
    S3ObjectStore store = new S3ObjectStore(EmbeddedS3.client(), BUCKET, null);

    assertThat(store.head("nowhere/x.css")).isEmpty();
    assertThat(store.tags("nowhere/x.css")).isEmpty();
  }

  @Test
  void head_maps_every_compared_header_of_an_s3_head_object_response() {
    aws.stubFor(
        head(urlPathEqualTo("/assets/static/index.html"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("x-amz-id-2", "ef8yU9AS1ed4OpIszj7UDNEHGran")
                    .withHeader("x-amz-request-id", "318BC8BC143432E5")
                    .withHeader("Date", "Tue, 24 Nov 2026 12:00:00 GMT")
                    .withHeader("Last-Modified", "Mon, 23 Nov 2026 08:00:00 GMT")
                    .withHeader("ETag", "\"3858f62230ac3c915f300c664312c11f\"")
                    .withHeader("Content-Length", "434234")
                    .withHeader("Content-Type", "text/html")
                    .withHeader("Cache-Control", "no-cache")
                    .withHeader("Content-Encoding", "br")
                    .withHeader("Content-Disposition", "inline")
                    .withHeader("Content-Language", "en-GB")
                    .withHeader("Expires", "Thu, 01 Dec 2033 16:00:00 GMT")
                    .withHeader("x-amz-website-redirect-location", "/new/index.html")
                    .withHeader("x-amz-storage-class", "INTELLIGENT_TIERING")
                    .withHeader("x-amz-server-side-encryption", "aws:kms")
                    .withHeader("x-amz-server-side-encryption-aws-kms-key-id", "arn:aws:kms:us-east-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab")
                    .withHeader("x-amz-checksum-sha256", "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=")
                    .withHeader("x-amz-checksum-type", "FULL_OBJECT")
                    .withHeader("x-amz-meta-Build", "2026.11")
                    .withHeader("Accept-Ranges", "bytes")));
    S3ObjectStore store = new S3ObjectStore(awsClient, "assets", "444455556666");

    ObjectHead head = store.head("static/index.html").orElseThrow();

    assertThat(head.size()).isEqualTo(434234);
    assertThat(head.eTag()).isEqualTo("\"3858f62230ac3c915f300c664312c11f\"");
    assertThat(head.serverSideEncryption()).isEqualTo("aws:kms");
    assertThat(head.checksum()).isEqualTo(new StoredChecksum("SHA256", "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=", true));
    assertThat(head.headers())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "Content-Type", "text/html",
                "Cache-Control", "no-cache",
                "Content-Encoding", "br",
                "Content-Disposition", "inline",
                "Content-Language", "en-GB",
                "Expires", "Thu, 01 Dec 2033 16:00:00 GMT",
                "website-redirect", "/new/index.html",
                "storage-class", "INTELLIGENT_TIERING"));
    assertThat(head.userMetadata()).containsExactly(Map.entry("build", "2026.11"));
    aws.verify(
        headRequestedFor(urlPathEqualTo("/assets/static/index.html"))
            .withHeader("x-amz-checksum-mode", equalTo("ENABLED"))
            .withHeader("x-amz-expected-bucket-owner", equalTo("444455556666")));
  }

  @Test
  void a_composite_checksum_without_a_type_header_is_recognised_by_its_part_count() {
    aws.stubFor(
        head(urlPathEqualTo("/assets/big.bin"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("ETag", "\"a7d414b9133d6483d9a1c4e04e856e3b-2\"")
                    .withHeader("Content-Length", "10485760")
                    .withHeader("x-amz-checksum-crc32c", "yz+vjA==-2")));

    ObjectHead head = new S3ObjectStore(awsClient, "assets", null).head("big.bin").orElseThrow();

    assertThat(head.checksum()).isEqualTo(new StoredChecksum("CRC32C", "yz+vjA==-2", false));
  }

  @Test
  void a_listing_page_decodes_url_encoded_keys_and_hands_back_the_continuation_token() {
    aws.stubFor(
        get(urlPathMatching("/assets/?"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/xml")
                    .withBody(
                        """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                          <Name>assets</Name>
                          <Prefix>static%2F</Prefix>
                          <ContinuationToken>1ueGcxLPRx1Tr</ContinuationToken>
                          <NextContinuationToken>2wm36Hy4vbOwM=</NextContinuationToken>
                          <KeyCount>2</KeyCount>
                          <MaxKeys>1000</MaxKeys>
                          <EncodingType>url</EncodingType>
                          <IsTruncated>true</IsTruncated>
                          <Contents>
                            <Key>static%2Fa%2Bb.css</Key>
                            <LastModified>2026-11-23T08:00:00.000Z</LastModified>
                            <ETag>"fba9dede5f27731c9771645a39863328"</ETag>
                            <ChecksumAlgorithm>CRC64NVME</ChecksumAlgorithm>
                            <ChecksumType>FULL_OBJECT</ChecksumType>
                            <Size>434234</Size>
                            <StorageClass>STANDARD</StorageClass>
                          </Contents>
                          <Contents>
                            <Key>static%2Fwith%20space%2F%C3%BC.png</Key>
                            <LastModified>2026-11-23T08:00:00.000Z</LastModified>
                            <ETag>"599bab3ed2c697f1d26842727561fd94"</ETag>
                            <Size>12</Size>
                            <StorageClass>STANDARD_IA</StorageClass>
                          </Contents>
                        </ListBucketResult>
                        """)));

    // A resumed listing's later pages: the token carries the position, StartAfter is not sent again.
    ListingPage page = new S3ObjectStore(awsClient, "assets", "111122223333").list("static/", "static/a.css", "1ueGcxLPRx1Tr");

    assertThat(page.objects())
        .containsExactly(new ListedObject("static/a+b.css", 434234), new ListedObject("static/with space/ü.png", 12));
    assertThat(page.nextToken()).isEqualTo("2wm36Hy4vbOwM=");
    aws.verify(
        getRequestedFor(urlPathMatching("/assets/?"))
            .withQueryParam("list-type", equalTo("2"))
            .withQueryParam("prefix", equalTo("static/"))
            .withQueryParam("continuation-token", equalTo("1ueGcxLPRx1Tr"))
            .withQueryParam("encoding-type", equalTo("url"))
            .withQueryParam("max-keys", equalTo("1000"))
            .withoutQueryParam("start-after")
            .withHeader("x-amz-expected-bucket-owner", equalTo("111122223333")));
  }

  @Test
  void slow_down_is_transient_so_the_step_retries_it() {
    aws.stubFor(
        get(urlPathMatching("/assets/?"))
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Content-Type", "application/xml")
                    .withBody(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
                            + "<Message>Please reduce your request rate.</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>")));

    assertThatThrownBy(() -> new S3ObjectStore(awsClient, "assets", null).list("", null, null))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining("ListObjectsV2")
        .hasMessageContaining("SlowDown");
  }

  @Test
  void access_denied_names_the_call_the_role_must_be_allowed() {
    aws.stubFor(
        get(urlPathEqualTo("/assets/static/a.css"))
            .withQueryParam("tagging", equalTo(""))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "application/xml")
                    .withBody(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code>"
                            + "<Message>Access Denied</Message><RequestId>656c76696e6727732072</RequestId></Error>")));

    assertThatThrownBy(() -> new S3ObjectStore(awsClient, "assets", null).tags("static/a.css"))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("GetObjectTagging")
        .hasMessageContaining("AccessDenied")
        .hasMessageContaining("IAM policy");
  }
}
