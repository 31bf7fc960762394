package dev.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.local.s3.LocalS3;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.Tag;

/** The blue-untouched proof sees every kind of change to an object that was there before, and only those. */
class BucketSnapshotTest {

  private static LocalS3 s3;
  private static S3Client client;

  @BeforeAll
  static void start() {
    s3 = LocalS3.start();
    client = s3.newClient();
    s3.createBucket("blue", true);
    for (String key : List.of("same", "overwritten", "retagged", "deleted", "recached")) {
      client.putObject(r -> r.bucket("blue").key(key).cacheControl("max-age=60").tagging("team=web"), RequestBody.fromString("body of " + key));
    }
  }

  @AfterAll
  static void stop() {
    client.close();
    s3.close();
  }

  @Test
  void a_rewrite_a_retag_a_delete_and_a_metadata_change_show_and_new_keys_do_not() {
    BucketSnapshot before = BucketSnapshot.take(client, "blue");
    assertThat(before.keys()).containsExactlyInAnyOrder("deleted", "overwritten", "recached", "retagged", "same");
    assertThat(before.changesTo(BucketSnapshot.take(client, "blue"))).isEmpty();

    client.putObject(r -> r.bucket("blue").key("overwritten").cacheControl("max-age=60").tagging("team=web"), RequestBody.fromString("body of overwritten"));
    client.putObjectTagging(r -> r.bucket("blue").key("retagged").tagging(t -> t.tagSet(Tag.builder().key("team").value("other").build())));
    client.deleteObject(r -> r.bucket("blue").key("deleted"));
    client.copyObject(r -> r.sourceBucket("blue").sourceKey("recached").destinationBucket("blue").destinationKey("recached")
        .metadataDirective(MetadataDirective.REPLACE).cacheControl("no-store"));
    client.putObject(r -> r.bucket("blue").key("new"), RequestBody.fromString("a new object the application wrote"));

    List<String> changes = before.changesTo(BucketSnapshot.take(client, "blue"));
    assertThat(changes).hasSize(4);
    assertThat(changes).anySatisfy(c -> assertThat(c).startsWith("overwritten: "));
    assertThat(changes).anySatisfy(c -> assertThat(c).startsWith("retagged: ").contains("team=other"));
    assertThat(changes).anySatisfy(c -> assertThat(c).startsWith("deleted: ").contains("delete-marker"));
    assertThat(changes).anySatisfy(c -> assertThat(c).startsWith("recached: ").contains("cache=no-store"));
    assertThat(changes).noneSatisfy(c -> assertThat(c).startsWith("same"));
  }
}
