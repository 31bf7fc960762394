package dev.cutover.local.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.replication.aws.RawXmlBodies;
import dev.cutover.replication.aws.S3BucketReplication;
import dev.cutover.replication.port.Bucket;
import dev.cutover.replication.port.Versioning;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The replication step's own S3 adapter ({@link S3BucketReplication}, raw XML bodies) against
 * LocalS3: the configuration it puts on blue comes back byte for byte, and versioning reads as the
 * step expects.
 */
class ReplicationConfigurationTest {

  private static final String XML =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          + "<ReplicationConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
          + "<Role>arn:aws:iam::111122223333:role/cutover-replication</Role>"
          + "<Rule><ID>cutover  blue→green</ID><Priority>1</Priority><Status>Enabled</Status><Filter/>"
          + "<DeleteMarkerReplication><Status>Disabled</Status></DeleteMarkerReplication>"
          + "<Destination><Bucket>arn:aws:s3:::green</Bucket><Account>444455556666</Account></Destination>"
          + "<SomethingNewer attr=\"kept\"/></Rule></ReplicationConfiguration>";

  private static LocalS3 s3;
  private static S3Client client;
  private static S3BucketReplication replication;

  @BeforeAll
  static void start() {
    s3 = LocalS3.start();
    client = RawXmlBodies.install(s3.clientBuilder()).build();
    replication = new S3BucketReplication(bucket -> client);
    s3.createBucket("blue", true);
    s3.createBucket("plain", false);
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  private static Bucket bucket(String name) {
    return new Bucket(name, "111122223333", "us-east-1", null, "rehearsal");
  }

  @Test
  void aConfigurationRoundTripsByteForByteAndIsDeleted() {
    byte[] xml = XML.getBytes(StandardCharsets.UTF_8);
    assertThat(replication.configuration(bucket("blue"))).isEmpty();

    replication.putConfiguration(bucket("blue"), xml);
    assertThat(replication.configuration(bucket("blue"))).hasValueSatisfying(got -> assertThat(got).isEqualTo(xml));
    assertThat(s3.replicationConfiguration("blue")).hasValueSatisfying(got -> assertThat(got).isEqualTo(xml));

    replication.deleteConfiguration(bucket("blue"));
    assertThat(replication.configuration(bucket("blue"))).isEmpty();
    assertThat(s3.replicationConfiguration("blue")).isEmpty();
  }

  @Test
  void aBucketWithoutVersioningRefusesAConfiguration() {
    assertThat(replication.versioning(bucket("plain"))).isEqualTo(Versioning.NEVER_ENABLED);
    assertThat(replication.versioning(bucket("blue"))).isEqualTo(Versioning.ENABLED);
    assertThatThrownBy(() -> replication.putConfiguration(bucket("plain"), XML.getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("Versioning must be 'Enabled'");
    assertThat(s3.replicationConfiguration("plain")).isEmpty();
  }
}
