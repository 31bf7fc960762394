package dev.cutover.local.batch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.TaggingDirective;

/**
 * Replicates one object the way S3 replication does, through any S3 server: a server-side copy
 * into each destination whose rule selects the object, carrying every field the verify step
 * compares (Content-Type, Cache-Control, Content-Encoding, Content-Disposition, Content-Language,
 * Expires, {@code x-amz-meta-*}, website redirect, tags, storage class, checksum algorithm), and
 * the source's replication status set to {@code COMPLETED} or {@code FAILED}, the replica's to
 * {@code REPLICA}. Shared by the background copier and the {@code S3ReplicateObject} operation.
 *
 * <p>The copy names every field explicitly ({@code REPLACE} directives) rather than trusting the
 * server to carry them: S3 does not copy the website redirect with {@code COPY}, and servers
 * differ in what else they keep. Objects up to 5 GB (one CopyObject), which covers the rehearsal.
 */
final class ObjectReplicator {

  /** What became of one object. */
  sealed interface Outcome {}

  /** Copied into these destination buckets. */
  record Replicated(List<String> destinations, String eTag) implements Outcome {}

  /** No enabled rule selects the object (or it is SSE-KMS and no rule takes such objects). */
  record NotSelected(String why) implements Outcome {}

  /** The copy failed; the source's status is {@code FAILED} unless the failure is temporary. */
  record Failed(S3Failure failure) implements Outcome {}

  private static final String AWS_CHUNKED = "aws-chunked";

  private final S3Client s3;
  private final Faults faults;
  private final ReplicationStatuses statuses;

  ObjectReplicator(S3Client s3, Faults faults, ReplicationStatuses statuses) {
    this.s3 = s3;
    this.faults = faults;
    this.statuses = statuses;
  }

  /**
   * Copies the object per {@code rules}. A temporary failure (throttling, 5xx) leaves the status as
   * it was, for the caller to retry; {@code markTemporaryFailures} records it as {@code FAILED}
   * too, once the caller has given up.
   */
  Outcome replicate(String bucket, String key, String versionId, ReplicationRules rules, boolean markTemporaryFailures) {
    try {
      faults.check(bucket, key);
      HeadObjectResponse head =
          s3.headObject(r -> r.bucket(bucket).key(key).versionId(versionId).checksumMode(ChecksumMode.ENABLED));
      faults.check(bucket, key);
      List<Tag> tags = s3.getObjectTagging(r -> r.bucket(bucket).key(key).versionId(versionId)).tagSet();
      Map<String, String> tagMap = new LinkedHashMap<>();
      tags.forEach(t -> tagMap.put(t.key(), t.value()));
      Collection<ReplicationRules.Rule> applying = rules.applying(key, tagMap);
      boolean kms = ServerSideEncryption.AWS_KMS.equals(head.serverSideEncryption())
          || ServerSideEncryption.AWS_KMS_DSSE.equals(head.serverSideEncryption());
      List<ReplicationRules.Rule> taken = new ArrayList<>();
      for (ReplicationRules.Rule rule : applying) {
        if (!kms || rule.sseKmsObjects()) {
          taken.add(rule);
        }
      }
      if (taken.isEmpty()) {
        return new NotSelected(
            applying.isEmpty()
                ? "no enabled rule of " + bucket + "'s replication configuration selects it"
                : "it is SSE-KMS encrypted and no rule selecting it enables SseKmsEncryptedObjects");
      }
      List<String> destinations = new ArrayList<>();
      for (ReplicationRules.Rule rule : taken) {
        faults.check(rule.destinationBucket(), key);
        s3.copyObject(copy(bucket, key, versionId, head, tags, rule, kms));
        statuses.record(rule.destinationBucket(), key, ReplicationStatus.REPLICA, null);
        destinations.add(rule.destinationBucket());
      }
      statuses.record(bucket, key, ReplicationStatus.COMPLETED, head.eTag());
      return new Replicated(destinations, head.eTag());
    } catch (RuntimeException e) {
      S3Failure failure = S3Failure.of(e);
      if (!failure.temporary() || markTemporaryFailures) {
        statuses.record(bucket, key, ReplicationStatus.FAILED, null);
      }
      return new Failed(failure);
    }
  }

  /** Adds a delete marker in every destination whose rule replicates delete markers for the key. */
  List<String> replicateDelete(String bucket, String key, ReplicationRules rules) {
    List<String> destinations = new ArrayList<>();
    for (ReplicationRules.Rule rule : rules.applying(key, Map.of())) {
      if (rule.deleteMarkers()) {
        faults.check(rule.destinationBucket(), key);
        s3.deleteObject(r -> r.bucket(rule.destinationBucket()).key(key));
        destinations.add(rule.destinationBucket());
      }
    }
    statuses.forget(bucket, key);
    return destinations;
  }

  static CopyObjectRequest copy(
      String bucket, String key, String versionId, HeadObjectResponse head, List<Tag> tags,
      ReplicationRules.Rule rule, boolean kms) {
    CopyObjectRequest.Builder copy =
        CopyObjectRequest.builder()
            .sourceBucket(bucket)
            .sourceKey(key)
            .sourceVersionId(versionId)
            .destinationBucket(rule.destinationBucket())
            .destinationKey(key)
            .metadataDirective(MetadataDirective.REPLACE)
            .contentType(head.contentType())
            .cacheControl(head.cacheControl())
            .contentEncoding(contentEncoding(head.contentEncoding()))
            .contentDisposition(head.contentDisposition())
            .contentLanguage(head.contentLanguage())
            .expires(head.expires())
            .metadata(head.metadata())
            .websiteRedirectLocation(head.websiteRedirectLocation())
            .taggingDirective(TaggingDirective.REPLACE)
            .tagging(tagging(tags));
    String storageClass = rule.storageClass() != null ? rule.storageClass() : head.storageClassAsString();
    if (storageClass != null) {
      copy.storageClass(storageClass);
    }
    String algorithm = checksumAlgorithm(head);
    if (algorithm != null) {
      copy.checksumAlgorithm(algorithm);
    }
    if (kms) {
      copy.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(rule.replicaKmsKeyId());
    } else if (head.serverSideEncryption() != null) {
      copy.serverSideEncryption(head.serverSideEncryption());
    }
    return copy.build();
  }

  /** The algorithm of the checksum S3 stores for the object, or {@code null}. */
  static String checksumAlgorithm(HeadObjectResponse head) {
    if (head.checksumCRC64NVME() != null) {
      return "CRC64NVME";
    }
    if (head.checksumCRC32() != null) {
      return "CRC32";
    }
    if (head.checksumCRC32C() != null) {
      return "CRC32C";
    }
    if (head.checksumSHA256() != null) {
      return "SHA256";
    }
    if (head.checksumSHA1() != null) {
      return "SHA1";
    }
    return null;
  }

  /** {@code aws-chunked} names how an upload was sent, not a stored encoding (S3 drops it). */
  static String contentEncoding(String encoding) {
    if (encoding == null) {
      return null;
    }
    String kept =
        java.util.Arrays.stream(encoding.split(","))
            .map(String::strip)
            .filter(e -> !e.isEmpty() && !e.equalsIgnoreCase(AWS_CHUNKED))
            .collect(Collectors.joining(","));
    return kept.isEmpty() ? null : kept;
  }

  /** Tags as the {@code x-amz-tagging} header carries them (URL query form). */
  static String tagging(List<Tag> tags) {
    if (tags.isEmpty()) {
      return null;
    }
    return tags.stream()
        .map(t -> encode(t.key()) + "=" + encode(t.value()))
        .collect(Collectors.joining("&"));
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }
}
