package dev.cutover.local.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.testing.EmbeddedS3;
import dev.cutover.verify.aws.S3ObjectStore;
import dev.cutover.verify.port.ObjectHead;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Buckets, objects and replication configurations the tests share. */
final class Fixtures {

  private Fixtures() {}

  static S3Client s3() {
    return EmbeddedS3.client();
  }

  /** A versioned bucket of its own for a test (replication needs versioning on both sides). */
  static String bucket(String name) {
    EmbeddedS3.bucket(name);
    s3().putBucketVersioning(r -> r.bucket(name).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    return name;
  }

  /** A plain web asset. */
  static void put(String bucket, String key, String body) {
    s3().putObject(r -> r.bucket(bucket).key(key).contentType("text/plain"), RequestBody.fromString(body, StandardCharsets.UTF_8));
  }

  /**
   * An asset with every field the verify step compares set: gzip'd JS with long cache, a
   * disposition, a language, an expiry, user metadata, a website redirect, tags and a stored
   * CRC32 checksum.
   */
  static void putRich(String bucket, String key, String body) {
    s3().putObject(
        r -> r.bucket(bucket)
            .key(key)
            .contentType("application/javascript; charset=utf-8")
            .cacheControl("public, max-age=31536000, immutable")
            .contentEncoding("gzip")
            .contentDisposition("inline; filename=\"app.js\"")
            .contentLanguage("en-GB")
            .expires(Instant.parse("2030-01-01T00:00:00Z"))
            .metadata(Map.of("build", "4711", "origin", "ci"))
            .websiteRedirectLocation("/static/app.v2.js")
            .tagging("team=web&tier=hot")
            .checksumAlgorithm(ChecksumAlgorithm.CRC32),
        RequestBody.fromString(body, StandardCharsets.UTF_8));
  }

  static boolean exists(String bucket, String key) {
    try {
      s3().headObject(r -> r.bucket(bucket).key(key));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  static String body(String bucket, String key) {
    return s3().getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String();
  }

  /** Blue's and green's copies agree on everything the verify step compares, read by its own adapter. */
  static void assertSameAsVerifySeesIt(String blue, String green, String key) {
    S3ObjectStore source = new S3ObjectStore(s3(), blue, null);
    S3ObjectStore target = new S3ObjectStore(s3(), green, null);
    ObjectHead a = source.head(key).orElseThrow();
    ObjectHead b = target.head(key).orElseThrow();
    assertThat(b.size()).as(key + " size").isEqualTo(a.size());
    assertThat(b.headers()).as(key + " system metadata").isEqualTo(a.headers());
    assertThat(b.userMetadata()).as(key + " user metadata").isEqualTo(a.userMetadata());
    assertThat(b.checksum()).as(key + " stored checksum").isEqualTo(a.checksum());
    assertThat(target.tags(key)).as(key + " tags").isEqualTo(source.tags(key));
    assertThat(body(green, key)).as(key + " content").isEqualTo(body(blue, key));
  }

  /**
   * A replication configuration as the replication step writes it: another team's rule kept, and
   * cutover's rule {@code cutover-<migrationId>} with the highest priority.
   */
  static byte[] replicationConfig(String green, String otherDestination, boolean deleteMarkers) {
    return ("""
        <?xml version="1.0" encoding="UTF-8"?><ReplicationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">\
        <Role>arn:aws:iam::111122223333:role/s3-replication</Role>\
        <Rule><ID>analytics-logs</ID><Priority>1</Priority><Status>Enabled</Status><Filter><Prefix>logs/</Prefix></Filter>\
        <DeleteMarkerReplication><Status>Disabled</Status></DeleteMarkerReplication>\
        <Destination><Bucket>arn:aws:s3:::%s</Bucket></Destination></Rule>\
        <Rule><ID>cutover-assets-to-platform-account</ID><Priority>2</Priority><Status>Enabled</Status><Filter><Prefix>static/</Prefix></Filter>\
        <DeleteMarkerReplication><Status>%s</Status></DeleteMarkerReplication>\
        <Destination><Bucket>arn:aws:s3:::%s</Bucket><Account>444455556666</Account>\
        <AccessControlTranslation><Owner>Destination</Owner></AccessControlTranslation></Destination></Rule>\
        </ReplicationConfiguration>""")
        .formatted(otherDestination, deleteMarkers ? "Enabled" : "Disabled", green)
        .getBytes(StandardCharsets.UTF_8);
  }
}
