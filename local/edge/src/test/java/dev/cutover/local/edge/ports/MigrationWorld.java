package dev.cutover.local.edge.ports;

import dev.cutover.cutover.Ports;
import dev.cutover.cutover.port.Certificate;
import dev.cutover.cutover.port.DnsRecord;
import dev.cutover.cutover.port.RecordLocation;
import dev.cutover.cutover.port.RecordStore;
import dev.cutover.local.edge.DistributionConfigs;
import dev.cutover.local.edge.DistributionView;
import dev.cutover.local.edge.LocalDnsZone;
import dev.cutover.local.edge.LocalEdge;
import dev.cutover.local.edge.Viewers;
import dev.cutover.testing.EmbeddedS3;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The world of events/migrate.json on the local edge and zone: blue (111122223333) serving
 * assets.example.com from legacy-web-assets, green (444455556666) holding *.example.com with an
 * issued wildcard certificate and serving platform-web-assets, and the zone's A and AAAA alias
 * records pointing at blue. Both buckets hold {@code static/app.js}, saying which side they are.
 */
final class MigrationWorld implements AutoCloseable {

  static final String HOST = "assets.example.com";
  static final String BLUE = "E2QWRUHAPOMQZL";
  static final String GREEN = "E3ABCDEF123456";
  static final String BLUE_ACCOUNT = "111122223333";
  static final String GREEN_ACCOUNT = "444455556666";
  static final String BLUE_DOMAIN = "d111111abcdef8.cloudfront.net";
  static final String GREEN_DOMAIN = "d222222abcdef8.cloudfront.net";
  static final String ZONE = "Z0123456789ABCDEFGHIJ";
  static final String GREEN_CERT = "arn:aws:acm:us-east-1:444455556666:certificate/12345678-1234-1234-1234-123456789012";
  static final Duration DEPLOY = Duration.ofSeconds(90);
  static final Duration SYNC = Duration.ofSeconds(60);

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    private volatile Instant now = Instant.parse("2026-11-24T10:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  /** The report bucket in memory, with S3's If-None-Match: * semantics. */
  static final class MemoryRecords implements RecordStore {
    final Map<String, byte[]> objects = new ConcurrentHashMap<>();

    @Override
    public Optional<byte[]> read(RecordLocation location) {
      return Optional.ofNullable(objects.get(location.uri())).map(byte[]::clone);
    }

    @Override
    public boolean createIfAbsent(RecordLocation location, byte[] content, String recordedBy) {
      return objects.putIfAbsent(location.uri(), content.clone()) == null;
    }
  }

  final TestClock clock = new TestClock();
  final S3Client s3 = EmbeddedS3.clientWithoutChecksums();
  final LocalEdge edge = LocalEdge.builder(s3).clock(clock).deployDelay(DEPLOY).threads(8).start();
  final LocalDnsZone zone = new LocalDnsZone(clock, SYNC, 7);
  final LocalCertificates certificates = new LocalCertificates();
  final MemoryRecords records = new MemoryRecords();
  final DistributionView blue;
  final DistributionView green;
  private final HttpClient viewer;

  MigrationWorld() {
    for (String bucket : List.of("legacy-web-assets", "platform-web-assets")) {
      EmbeddedS3.bucket(bucket);
      s3.putObject(r -> r.bucket(bucket).key("static/app.js").contentType("application/javascript").cacheControl("max-age=60"),
          RequestBody.fromString("/* served from " + bucket + " */", StandardCharsets.UTF_8));
    }
    blue = edge.importDistribution(BLUE, BLUE_DOMAIN, BLUE_ACCOUNT,
        DistributionConfigs.s3("legacy-web-assets", "us-east-1").aliases(HOST, "static.example.com")
            .certificate("arn:aws:acm:us-east-1:111122223333:certificate/0f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0").build());
    green = edge.importDistribution(GREEN, GREEN_DOMAIN, GREEN_ACCOUNT,
        DistributionConfigs.s3("platform-web-assets", "us-east-1").aliases("*.example.com").certificate(GREEN_CERT).build());
    certificates.put(new Certificate(GREEN_CERT, Certificate.ISSUED, Instant.parse("2027-06-01T23:59:59Z"), List.of("*.example.com", "example.com")));
    zone.createHostedZone(ZONE, "example.com", List.of(
        DnsRecord.aliasToCloudFront("assets.example.com.", "A", BLUE_DOMAIN + "."),
        DnsRecord.aliasToCloudFront("assets.example.com.", "AAAA", BLUE_DOMAIN + "."),
        DnsRecord.withValues("assets.example.com.", "TXT", 300, List.of("\"owner=web-platform\""))));
    viewer = Viewers.client(zone.resolverTo(edge), Duration.ofSeconds(5));
  }

  /** The cutover's end state, made by hand: green holds the exact alias, DNS points at green, all deployed and in sync. */
  void cutOverByHand() {
    var b = edge.distribution(BLUE);
    edge.updateDistribution(BLUE, b.config().toBuilder().aliases(a -> a.quantity(1).items("static.example.com")).build(), b.etag());
    clock.advance(DEPLOY);
    var g = edge.distribution(GREEN);
    edge.updateDistribution(GREEN, g.config().toBuilder().aliases(a -> a.quantity(2).items("*.example.com", HOST)).build(), g.etag());
    List<LocalDnsZone.Change> batch = new java.util.ArrayList<>();
    for (String type : List.of("A", "AAAA")) {
      batch.add(new LocalDnsZone.Change(LocalDnsZone.Action.DELETE, DnsRecord.aliasToCloudFront("assets.example.com.", type, BLUE_DOMAIN + ".")));
      batch.add(new LocalDnsZone.Change(LocalDnsZone.Action.CREATE, DnsRecord.aliasToCloudFront("assets.example.com.", type, GREEN_DOMAIN + ".")));
    }
    zone.change(ZONE, batch, "by hand");
    clock.advance(DEPLOY);
  }

  Ports ports() {
    return new Ports(new CutoverDistributions(edge), new CutoverZone(zone), certificates, records);
  }

  /** A user's GET of the hostname: resolved through the zone as resolvers see it, routed by the edge. */
  HttpResponse<String> userGet(String path) {
    try {
      return viewer.send(HttpRequest.newBuilder(URI.create(edge.urlFor(HOST) + path)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    edge.close();
    s3.close();
  }
}
