package dev.cutover.parity.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.parity.port.ReportLocation;
import dev.cutover.testing.EmbeddedS3;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The listing and report adapters against S3Mock: the real wire protocol. */
class S3AdaptersTest {

  @Test
  void the_listing_is_one_page_under_the_prefix_in_key_order() {
    S3Client s3 = EmbeddedS3.client();
    String bucket = EmbeddedS3.bucket("parity-listing-blue");
    for (String key : List.of("static/b.css", "static/a.css", "static/my file.js", "static/ünïcode/é.css", "other/x.css", "static/c.css")) {
      s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(key));
    }

    List<String> keys = new S3KeyListing(s3, bucket, null).firstKeys("static/", 3);
    List<String> all = new S3KeyListing(s3, bucket, null).firstKeys("", 1000);

    assertThat(keys).containsExactly("static/a.css", "static/b.css", "static/c.css");
    assertThat(all).hasSize(6).contains("static/ünïcode/é.css", "static/my file.js", "other/x.css");
  }

  @Test
  void a_bucket_that_does_not_exist_is_a_precondition() {
    Throwable e = catchThrowable(() -> new S3KeyListing(EmbeddedS3.client(), "parity-no-such-bucket", null).firstKeys("", 10));

    assertThat(e).isInstanceOf(PreconditionFailedException.class).hasMessageContaining("NoSuchBucket");
  }

  @Test
  void the_report_is_written_whole_and_rewritten_on_a_retry() {
    S3Client s3 = EmbeddedS3.client();
    String bucket = EmbeddedS3.bucket("parity-reports");
    S3ReportStore store = new S3ReportStore(s3, bucket, null);
    String key = "cutover/m/parity/run/findings.json";

    store.put(key, "{\"passed\":false}".getBytes(StandardCharsets.UTF_8), "application/json");
    ReportLocation location = store.put(key, "{\"passed\":true}".getBytes(StandardCharsets.UTF_8), "application/json");

    assertThat(location.uri()).isEqualTo("s3://parity-reports/" + key);
    var stored = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key));
    assertThat(stored.asUtf8String()).isEqualTo("{\"passed\":true}");
    assertThat(stored.response().contentType()).isEqualTo("application/json");
  }
}
