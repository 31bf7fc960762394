package dev.cutover.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

@ExtendWith(EmbeddedS3.class)
class EmbeddedS3Test {

  @Test
  void every_port_of_the_server_answers_on_loopback_and_on_no_other_address() throws IOException {
    List<InetAddress> others =
        NetworkInterface.networkInterfaces()
            .flatMap(NetworkInterface::inetAddresses)
            .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
            .toList();

    for (int port : EmbeddedS3.ports()) {
      try (Socket loopback = new Socket()) {
        loopback.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      }
      for (InetAddress other : others) {
        assertThatThrownBy(
                () -> {
                  try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(other, port), 5_000);
                  }
                })
            .as("port %d on %s", port, other)
            .isInstanceOf(ConnectException.class);
      }
    }
  }

  @Test
  void bucket_creates_once_and_can_be_asked_again() {
    assertThat(EmbeddedS3.bucket("testing-twice")).isEqualTo("testing-twice");
    assertThat(EmbeddedS3.bucket("testing-twice")).isEqualTo("testing-twice");

    assertThat(EmbeddedS3.client().listBuckets().buckets()).filteredOn(b -> b.name().equals("testing-twice")).hasSize(1);
  }

  @Test
  void sse_kms_uploads_under_the_registered_key_are_accepted() {
    S3Client s3 = EmbeddedS3.client();
    String bucket = EmbeddedS3.bucket("testing-kms");

    s3.putObject(
        r -> r.bucket(bucket).key("k").serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(EmbeddedS3.KMS_KEY_ID),
        RequestBody.fromString("x"));

    assertThat(s3.headObject(r -> r.bucket(bucket).key("k")).ssekmsKeyId()).isEqualTo(EmbeddedS3.KMS_KEY_ID);
  }

  @Test
  void a_client_without_checksums_stores_objects_with_none_where_the_default_client_stores_one() {
    String bucket = EmbeddedS3.bucket("testing-clients");
    EmbeddedS3.client().putObject(r -> r.bucket(bucket).key("current"), RequestBody.fromString("x"));
    EmbeddedS3.clientWithoutChecksums().putObject(r -> r.bucket(bucket).key("legacy"), RequestBody.fromString("x"));

    S3Client noRetries = EmbeddedS3.clientWithoutRetries(EmbeddedS3.endpoint());
    assertThat(noRetries.headObject(r -> r.bucket(bucket).key("current").checksumMode(ChecksumMode.ENABLED)).checksumCRC32()).isNotNull();
    assertThat(noRetries.headObject(r -> r.bucket(bucket).key("legacy").checksumMode(ChecksumMode.ENABLED)).checksumCRC32()).isNull();
  }
}
