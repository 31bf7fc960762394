package dev.cutover.replication.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The source bucket's replication and versioning API served by WireMock on loopback, with bodies
 * shaped as in the Amazon S3 API Reference (GetBucketVersioning, GetBucketReplication,
 * PutBucketReplication, DeleteBucketReplication; path-style, namespace
 * {@code http://s3.amazonaws.com/doc/2006-03-01/}). It holds no state of its own: a test says
 * what S3 returns next, e.g. {@link #serveLastPut()} after a PUT.
 */
public final class SourceBucketStub implements AutoCloseable {

  public static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

  private final WireMockServer server;
  private final String bucket;

  public SourceBucketStub(String bucket) {
    this.bucket = bucket;
    this.server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  public WireMockServer server() {
    return server;
  }

  /** Forgets stubs and recorded requests; then serves versioning Enabled, no configuration, accepts writes. */
  public void reset() {
    server.resetAll();
    versioning("Enabled");
    noReplication();
    server.stubFor(put(urlEqualTo(replicationPath())).willReturn(aResponse().withStatus(200)));
    server.stubFor(WireMock.delete(urlEqualTo(replicationPath())).willReturn(aResponse().withStatus(204)));
  }

  /** GetBucketVersioning; {@code null} for a bucket whose versioning was never enabled. */
  public void versioning(String status) {
    String body =
        status == null
            ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<VersioningConfiguration xmlns=\"" + NAMESPACE + "\"/>"
            : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<VersioningConfiguration xmlns=\"" + NAMESPACE + "\">\n"
                + "  <Status>" + status + "</Status>\n</VersioningConfiguration>";
    server.stubFor(get(urlEqualTo("/" + bucket + "?versioning")).willReturn(xml(200, body.getBytes(StandardCharsets.UTF_8))));
  }

  /** GetBucketReplication returns these bytes. */
  public void replication(byte[] configuration) {
    server.stubFor(get(urlEqualTo(replicationPath())).willReturn(xml(200, configuration)));
  }

  /** GetBucketReplication on a bucket without a configuration. */
  public void noReplication() {
    String error =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>ReplicationConfigurationNotFoundError</Code>"
            + "<Message>The replication configuration was not found</Message><BucketName>" + bucket
            + "</BucketName><RequestId>8D2E2F5B1C3A4B6D</RequestId><HostId>aGVsbG8gd29ybGQ=</HostId></Error>";
    server.stubFor(get(urlEqualTo(replicationPath())).willReturn(xml(404, error.getBytes(StandardCharsets.UTF_8))));
  }

  /** S3 now holds what the last PutBucketReplication sent. */
  public void serveLastPut() {
    List<byte[]> puts = puts();
    replication(puts.getLast());
  }

  /** The bodies of every PutBucketReplication received, oldest first. */
  public List<byte[]> puts() {
    return putRequests().stream().map(LoggedRequest::getBody).toList();
  }

  public List<LoggedRequest> putRequests() {
    return server.findAll(putRequestedFor(urlEqualTo(replicationPath())));
  }

  public List<LoggedRequest> deleteRequests() {
    return server.findAll(deleteRequestedFor(urlEqualTo(replicationPath())));
  }

  public String replicationPath() {
    return "/" + bucket + "?replication";
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(int status, byte[] body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/xml")
        .withHeader("x-amz-request-id", "8D2E2F5B1C3A4B6D")
        .withHeader("Server", "AmazonS3")
        .withBody(body);
  }

  @Override
  public void close() {
    server.stop();
  }
}
