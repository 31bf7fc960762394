package dev.cutover.preflight.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cutover.preflight.port.BucketLocation;
import dev.cutover.preflight.port.LifecycleRule;
import dev.cutover.preflight.port.ListedObject;
import dev.cutover.preflight.port.ListingPage;
import dev.cutover.preflight.port.ObjectProbe;
import dev.cutover.preflight.port.Refusal;
import dev.cutover.preflight.port.Versioning;
import dev.cutover.testing.EmbeddedS3;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.Transition;
import software.amazon.awssdk.services.s3.model.TransitionStorageClass;

/**
 * The S3 adapter over the real wire protocol, against S3Mock, for what S3Mock implements
 * (measured on 5.2.0): HeadBucket with the bucket's region, versioning, lifecycle configuration,
 * ListObjectsV2 with storage classes, HeadObject with SSE and KMS key id. Ownership controls and
 * default encryption, which S3Mock answers with empty bodies, are covered in {@link
 * S3BucketFactsStubTest}.
 */
@ExtendWith(EmbeddedS3.class)
class S3BucketFactsTest {

  private final S3Client s3 = EmbeddedS3.client();

  @Test
  void head_bucket_says_where_the_bucket_is_and_a_missing_bucket_is_refused_as_such() {
    String bucket = EmbeddedS3.bucket("pf-locate");

    assertThat(new S3BucketFacts(s3, bucket, null).locate()).isEqualTo(new BucketLocation("us-east-1"));
    Refusal missing = catchThrowableOfType(Refusal.class, () -> new S3BucketFacts(s3, "pf-no-such-bucket", null).locate());
    assertThat(missing.reason()).isEqualTo(Refusal.Reason.NO_SUCH_BUCKET);
    assertThat(missing.operation()).isEqualTo("HeadBucket");
  }

  @Test
  void versioning_reads_never_enabled_enabled_and_suspended() {
    String bucket = EmbeddedS3.bucket("pf-versioning");
    S3BucketFacts facts = new S3BucketFacts(s3, bucket, null);

    assertThat(facts.versioning()).isEqualTo(Versioning.NEVER_ENABLED);
    s3.putBucketVersioning(r -> r.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    assertThat(facts.versioning()).isEqualTo(Versioning.ENABLED);
    s3.putBucketVersioning(r -> r.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
    assertThat(facts.versioning()).isEqualTo(Versioning.SUSPENDED);
  }

  @Test
  void lifecycle_rules_are_read_with_prefix_expiry_transitions_and_status() {
    String bucket = EmbeddedS3.bucket("pf-lifecycle");
    S3BucketFacts facts = new S3BucketFacts(s3, bucket, null);
    assertThat(facts.lifecycleRules()).isEmpty();

    s3.putBucketLifecycleConfiguration(r -> r.bucket(bucket).lifecycleConfiguration(c -> c.rules(
        software.amazon.awssdk.services.s3.model.LifecycleRule.builder().id("expire").status(ExpirationStatus.ENABLED)
            .filter(f -> f.prefix("static/")).expiration(e -> e.days(30)).build(),
        software.amazon.awssdk.services.s3.model.LifecycleRule.builder().id("archive").status(ExpirationStatus.ENABLED)
            .filter(f -> f.and(a -> a.prefix("static/old/")))
            .transitions(Transition.builder().days(90).storageClass(TransitionStorageClass.GLACIER).build()).build(),
        software.amazon.awssdk.services.s3.model.LifecycleRule.builder().id("off").status(ExpirationStatus.DISABLED)
            .filter(f -> f.prefix("")).expiration(e -> e.days(1)).build())));

    assertThat(facts.lifecycleRules())
        .containsExactly(
            new LifecycleRule("expire", true, "static/", false, 30, null, List.of()),
            new LifecycleRule("archive", true, "static/old/", false, null, null, List.of("GLACIER")),
            new LifecycleRule("off", false, "", false, 1, null, List.of()));
  }

  @Test
  void listing_walks_every_page_with_sizes_and_storage_classes_under_the_prefix_only() {
    String bucket = EmbeddedS3.bucket("pf-listing");
    put(bucket, "static/a b+c.css", "aaa", null);
    put(bucket, "static/café.js", "bb", StorageClass.STANDARD_IA);
    put(bucket, "static/cold.png", "c", StorageClass.GLACIER);
    put(bucket, "static/colder.png", "dddd", StorageClass.DEEP_ARCHIVE);
    put(bucket, "other/x.css", "x", null);
    S3BucketFacts facts = new S3BucketFacts(s3, bucket, null, 3);

    List<ListedObject> listed = new ArrayList<>();
    int pages = 0;
    String token = null;
    do {
      ListingPage page = facts.list("static/", token);
      listed.addAll(page.objects());
      token = page.nextToken();
      pages++;
    } while (token != null);

    assertThat(pages).isEqualTo(2);
    assertThat(listed)
        .containsExactly(
            new ListedObject("static/a b+c.css", 3, "STANDARD"),
            new ListedObject("static/café.js", 2, "STANDARD_IA"),
            new ListedObject("static/cold.png", 1, "GLACIER"),
            new ListedObject("static/colder.png", 4, "DEEP_ARCHIVE"));
  }

  @Test
  void head_reports_encryption_and_kms_key_and_a_vanished_object_as_gone() {
    String bucket = EmbeddedS3.bucket("pf-head");
    s3.putObject(r -> r.bucket(bucket).key("static/s3.css").serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromString("s"));
    s3.putObject(r -> r.bucket(bucket).key("static/kms.css").serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(EmbeddedS3.KMS_KEY_ID),
        RequestBody.fromString("k"));
    put(bucket, "static/glacier.css", "g", StorageClass.GLACIER);
    S3BucketFacts facts = new S3BucketFacts(s3, bucket, null);

    assertThat(facts.head("static/s3.css")).isEqualTo(new ObjectProbe(ObjectProbe.Access.READABLE, "AES256", null, null));
    assertThat(facts.head("static/kms.css")).isEqualTo(new ObjectProbe(ObjectProbe.Access.READABLE, "aws:kms", EmbeddedS3.KMS_KEY_ID, null));
    assertThat(facts.head("static/glacier.css").access()).isEqualTo(ObjectProbe.Access.READABLE);
    assertThat(facts.head("static/deleted.css")).isEqualTo(ObjectProbe.of(ObjectProbe.Access.GONE));
  }

  private void put(String bucket, String key, String content, StorageClass storageClass) {
    s3.putObject(r -> r.bucket(bucket).key(key).storageClass(storageClass), RequestBody.fromString(content));
  }
}
