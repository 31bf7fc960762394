package dev.cutover.local.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.Tag;

/** The copy request a replication sends, field by field (some servers drop fields they receive). */
class ObjectReplicatorTest {

  static final ReplicationRules.Rule RULE =
      ReplicationRules.parse(Fixtures.replicationConfig("green", "other", true)).rules().get(1);

  @Test
  void the_copy_names_every_compared_field_explicitly() {
    HeadObjectResponse head = HeadObjectResponse.builder()
        .contentType("application/javascript")
        .cacheControl("max-age=60")
        .contentEncoding("aws-chunked,gzip")
        .contentDisposition("inline")
        .contentLanguage("de")
        .expires(Instant.parse("2030-01-01T00:00:00Z"))
        .metadata(Map.of("build", "1"))
        .websiteRedirectLocation("/new.js")
        .storageClass("STANDARD_IA")
        .checksumCRC32C("AAAAAA==")
        .serverSideEncryption(ServerSideEncryption.AES256)
        .build();

    CopyObjectRequest copy = ObjectReplicator.copy("blue", "static/a b.js", "v1", head,
        List.of(Tag.builder().key("team").value("web & co").build()), RULE, false);

    assertThat(copy.destinationBucket()).isEqualTo("green");
    assertThat(copy.destinationKey()).isEqualTo("static/a b.js");
    assertThat(copy.sourceVersionId()).isEqualTo("v1");
    assertThat(copy.metadataDirectiveAsString()).isEqualTo("REPLACE");
    assertThat(copy.contentType()).isEqualTo("application/javascript");
    assertThat(copy.cacheControl()).isEqualTo("max-age=60");
    assertThat(copy.contentEncoding()).as("aws-chunked is how it was sent, not stored").isEqualTo("gzip");
    assertThat(copy.contentDisposition()).isEqualTo("inline");
    assertThat(copy.contentLanguage()).isEqualTo("de");
    assertThat(copy.expires()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(copy.metadata()).containsExactly(Map.entry("build", "1"));
    assertThat(copy.websiteRedirectLocation()).isEqualTo("/new.js");
    assertThat(copy.storageClassAsString()).isEqualTo("STANDARD_IA");
    assertThat(copy.checksumAlgorithmAsString()).isEqualTo("CRC32C");
    assertThat(copy.taggingDirectiveAsString()).isEqualTo("REPLACE");
    assertThat(copy.tagging()).isEqualTo("team=web%20%26%20co");
    assertThat(copy.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
  }

  @Test
  void sse_kms_objects_are_encrypted_with_the_rules_replica_key() {
    ReplicationRules.Rule kmsRule = ReplicationRules.parse(("<ReplicationConfiguration><Rule><ID>c</ID><Priority>1</Priority>"
            + "<Status>Enabled</Status><Filter><Prefix>static/</Prefix></Filter><SourceSelectionCriteria><SseKmsEncryptedObjects>"
            + "<Status>Enabled</Status></SseKmsEncryptedObjects></SourceSelectionCriteria><Destination><Bucket>arn:aws:s3:::green</Bucket>"
            + "<EncryptionConfiguration><ReplicaKmsKeyID>arn:aws:kms:us-east-1:444455556666:key/k</ReplicaKmsKeyID></EncryptionConfiguration>"
            + "</Destination></Rule></ReplicationConfiguration>").getBytes(StandardCharsets.UTF_8)).rules().getFirst();
    HeadObjectResponse head = HeadObjectResponse.builder().serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId("blue-key").build();

    CopyObjectRequest copy = ObjectReplicator.copy("blue", "static/k.js", null, head, List.of(), kmsRule, true);

    assertThat(kmsRule.sseKmsObjects()).isTrue();
    assertThat(copy.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
    assertThat(copy.ssekmsKeyId()).isEqualTo("arn:aws:kms:us-east-1:444455556666:key/k");
    assertThat(copy.tagging()).isNull();
  }
}
