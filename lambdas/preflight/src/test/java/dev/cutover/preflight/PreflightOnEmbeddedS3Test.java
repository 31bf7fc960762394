package dev.cutover.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cutover.plan.Plan;
import dev.cutover.preflight.aws.S3BucketFacts;
import dev.cutover.preflight.port.BucketFacts;
import dev.cutover.preflight.port.BucketRef;
import dev.cutover.preflight.port.Facts;
import dev.cutover.preflight.port.KeyFacts;
import dev.cutover.testing.EmbeddedS3;
import dev.cutover.testing.TestPlans;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * The step end to end through the S3 adapter on S3Mock: versioning, the listing with archived
 * objects, the HEAD sample with a customer-key object and lifecycle are read over the wire and
 * found together. (S3Mock answers ownership controls and default encryption with empty bodies;
 * those findings are not asserted here.)
 */
@ExtendWith(EmbeddedS3.class)
class PreflightOnEmbeddedS3Test {

  @Test
  void findings_from_a_real_wire_protocol_all_reach_the_result() {
    S3Client s3 = EmbeddedS3.client();
    String blue = EmbeddedS3.bucket("pf-e2e-blue");
    String green = EmbeddedS3.bucket("pf-e2e-green");
    s3.putBucketVersioning(r -> r.bucket(blue).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    for (int i = 0; i < 6; i++) {
      int n = i;
      s3.putObject(r -> r.bucket(blue).key("static/app-" + n + ".js"), RequestBody.fromString("console.log(" + n + ")"));
    }
    s3.putObject(r -> r.bucket(blue).key("static/archive.zip").storageClass(StorageClass.DEEP_ARCHIVE), RequestBody.fromString("zip"));
    s3.putObject(r -> r.bucket(blue).key("static/secret.json").serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(EmbeddedS3.KMS_KEY_ID),
        RequestBody.fromString("{}"));
    s3.putObject(r -> r.bucket(blue).key("elsewhere/not-migrated.js"), RequestBody.fromString("x"));
    s3.putBucketLifecycleConfiguration(r -> r.bucket(green).lifecycleConfiguration(c -> c.rules(
        LifecycleRule.builder().id("expire-30").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("static/")).expiration(e -> e.days(30)).build())));
    Facts facts =
        new Facts() {
          @Override
          public BucketFacts bucket(BucketRef bucket) {
            return new S3BucketFacts(s3, bucket.bucket(), bucket.expectedOwner());
          }

          @Override
          public KeyFacts keys(BucketRef bucket) {
            return () -> Optional.of("arn:aws:kms:us-east-1:" + bucket.expectedOwner() + ":key/0000aaaa-1111-2222-3333-444455556666");
          }
        };
    Plan plan = TestPlans.plan(p -> {
      p.withObject("/source").put("bucket", blue);
      p.withObject("/target").put("bucket", green);
      p.withObject("/target").remove("kmsKeyArn");
    });

    PreflightResult result = new PreflightStep(facts, PreflightSettings.DEFAULT).run(plan);

    assertThat(result.passed()).isFalse();
    assertThat(result.findings())
        .filteredOn(f -> !f.check().equals("ownership") && f.severity() != Severity.INFO)
        .extracting(Finding::check, Finding::severity, Finding::side, Finding::count)
        .containsExactlyInAnyOrder(
            tuple("versioning", Severity.BLOCKER, BucketSide.TARGET, null),
            tuple("archive", Severity.WARNING, BucketSide.SOURCE, 1L),
            tuple("encryption", Severity.BLOCKER, BucketSide.SOURCE, 1L),
            tuple("lifecycle", Severity.BLOCKER, BucketSide.TARGET, null));
    assertThat(result.estimate().objects()).isEqualTo(8);
    assertThat(result.estimate().archivedObjects()).isEqualTo(1);
    assertThat(result.estimate().sampledForEncryption()).isEqualTo(8);
    assertThat(result.estimate().bytes()).isEqualTo(6 * "console.log(0)".length() + 3 + 2);
  }
}
