package dev.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.local.s3.LocalS3;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** The seeded asset set on the embedded S3, and the snapshot that proves blue untouched. */
class AssetSetTest {

  private static LocalS3 s3;
  private static S3Client client;

  @BeforeAll
  static void start() {
    s3 = LocalS3.start();
    client = s3.newClient();
  }

  @AfterAll
  static void stop() {
    client.close();
    s3.close();
  }

  @Test
  void the_seeded_assets_keep_every_header_that_matters_to_browsers() {
    s3.createBucket("seed-blue", true);
    AssetSet set = AssetSet.of("static/", 40, 7);
    List<Integer> progress = java.util.Collections.synchronizedList(new ArrayList<>());

    set.write(client, "seed-blue", 4, progress::add);

    assertThat(set.assets()).hasSize(40);
    assertThat(progress).hasSize(40).contains(40);
    assertThat(set.assets()).extracting(AssetSet.Asset::key)
        .contains("static/index.html", "static/empty.txt", "static/img/team photo 2026.jpg", "static/fonts/Übersicht-Grotesk.woff2", "static/docs/guide+faq (v2).pdf");
    AssetSet.Asset app = set.assets().stream().filter(a -> a.key().startsWith("static/js/app.")).findFirst().orElseThrow();
    HeadObjectResponse head = client.headObject(r -> r.bucket("seed-blue").key(app.key()));
    assertThat(head.contentEncoding()).isEqualTo("gzip");
    assertThat(head.cacheControl()).isEqualTo("public, max-age=31536000, immutable");
    assertThat(head.contentLength()).isEqualTo(app.body().length);
    HeadObjectResponse video = client.headObject(r -> r.bucket("seed-blue").key("static/media/intro.mp4"));
    assertThat(video.eTag()).as("a multipart ETag").endsWith("-2\"");
    assertThat(client.headObject(r -> r.bucket("seed-blue").key("static/empty.txt")).contentLength()).isZero();
    assertThat(client.getObjectTagging(r -> r.bucket("seed-blue").key("static/img/logo.png")).tagSet()).hasSize(2);
    assertThat(AssetSet.of("static/", 40, 7).assets()).extracting(AssetSet.Asset::key).isEqualTo(set.assets().stream().map(AssetSet.Asset::key).toList());
  }

  @Test
  void the_snapshot_sees_an_overwrite_a_delete_and_a_tag_change_but_not_new_keys() {
    s3.createBucket("snap-blue", true);
    AssetSet.of("", 14, 3).write(client, "snap-blue", 2, n -> {});
    BucketSnapshot before = BucketSnapshot.take(client, "snap-blue");

    client.putObject(r -> r.bucket("snap-blue").key("new-by-traffic.js"), RequestBody.fromString("new"));
    assertThat(before.changesTo(BucketSnapshot.take(client, "snap-blue"))).isEmpty();

    client.putObject(r -> r.bucket("snap-blue").key("index.html").contentType("text/html"), RequestBody.fromString("overwritten"));
    client.deleteObject(r -> r.bucket("snap-blue").key("empty.txt"));
    client.putObjectTagging(r -> r.bucket("snap-blue").key("img/logo.png").tagging(t -> t.tagSet(software.amazon.awssdk.services.s3.model.Tag.builder().key("team").value("other").build())));

    List<String> changes = before.changesTo(BucketSnapshot.take(client, "snap-blue"));
    assertThat(changes).hasSize(3);
    assertThat(changes).anySatisfy(c -> assertThat(c).startsWith("index.html: "))
        .anySatisfy(c -> assertThat(c).startsWith("empty.txt: ").contains("delete-marker"))
        .anySatisfy(c -> assertThat(c).startsWith("img/logo.png: "));
  }
}
