package dev.cutover.local.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.batch.CompletionReport;
import dev.cutover.batch.CsvRecords;
import dev.cutover.batch.ManifestCsv;
import dev.cutover.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3control.model.JobManifest;
import software.amazon.awssdk.services.s3control.model.JobManifestGeneratorFilter;
import software.amazon.awssdk.services.s3control.model.JobManifestLocation;
import software.amazon.awssdk.services.s3control.model.KeyNameConstraint;
import software.amazon.awssdk.services.s3control.model.S3GeneratedManifestDescriptor;
import software.amazon.awssdk.services.s3control.model.S3JobManifestGenerator;
import software.amazon.awssdk.services.s3control.model.S3ManifestOutputLocation;

/**
 * The objects a job runs on: read from a CSV manifest in S3 ({@code
 * S3BatchOperations_CSV_20180820}, fields {@code Bucket, Key[, VersionId]}, keys URL-encoded), or
 * generated from the source bucket the way S3's manifest generator does (a listing filtered by
 * key, creation date, size, storage class, replication status and eligibility for replication),
 * and then written where the job asks ({@code S3InventoryReport_CSV_20211130}: a {@code
 * manifest.json} and a gzip'd CSV data file under {@code <prefix>/job-<id>/}).
 */
final class Manifests {

  /** A job failure before any task ran: S3's failure code and reason. */
  static final class JobFailedException extends RuntimeException {
    final String code;

    JobFailedException(String code, String reason) {
      super(reason);
      this.code = code;
    }
  }

  /** The tasks, and the generated manifest's descriptor when one was written. */
  record Tasks(List<BatchTask> tasks, S3GeneratedManifestDescriptor generated) {}

  private final S3Client s3;
  private final ReplicationConfigSource configs;
  private final ReplicationStatuses statuses;
  private final Retrying retrying;

  Manifests(S3Client s3, ReplicationConfigSource configs, ReplicationStatuses statuses, Retrying retrying) {
    this.s3 = s3;
    this.configs = configs;
    this.statuses = statuses;
    this.retrying = retrying;
  }

  /** Calls S3 with the job's retries for temporary failures. */
  interface Retrying {
    <T> T call(String bucket, String key, Supplier<T> call);
  }

  Tasks fromCsv(JobManifest manifest) {
    JobManifestLocation location = manifest.location();
    String arn = location.objectArn();
    int slash = arn.indexOf('/', arn.indexOf(":::") + 3);
    if (!arn.contains(":::") || slash < 0) {
      throw new JobFailedException("InvalidManifest", "the manifest ARN " + arn + " names no object");
    }
    String bucket = arn.substring(arn.indexOf(":::") + 3, slash);
    String key = arn.substring(slash + 1);
    List<String> fields = manifest.spec().fieldsAsStrings();
    int bucketField = fields.indexOf("Bucket");
    int keyField = fields.indexOf("Key");
    int versionField = fields.indexOf("VersionId");
    List<BatchTask> tasks = new ArrayList<>();
    try {
      HeadObjectResponse head = retrying.call(bucket, key, () -> s3.headObject(r -> r.bucket(bucket).key(key).versionId(location.objectVersionId())));
      String eTag = head.eTag() == null ? "" : head.eTag().replace("\"", "");
      if (location.eTag() != null && !location.eTag().replace("\"", "").equals(eTag)) {
        throw new JobFailedException(
            "ManifestETagMismatch",
            "Reading the manifest failed: its ETag is " + eTag + ", not " + location.eTag() + " as the job was created with");
      }
      try (ResponseInputStream<GetObjectResponse> in =
              retrying.call(bucket, key, () -> s3.getObject(r -> r.bucket(bucket).key(key).versionId(location.objectVersionId())));
          Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        CsvRecords rows = new CsvRecords(reader);
        for (List<String> row = rows.next(); row != null; row = rows.next()) {
          if (row.size() <= Math.max(bucketField, keyField)) {
            throw new JobFailedException(
                "InvalidManifestContent", "Line " + rows.lineNumber() + " of the manifest has " + row.size() + " fields, not " + fields.size());
          }
          String encoded = row.get(keyField);
          String version = versionField >= 0 && versionField < row.size() && !row.get(versionField).isEmpty() ? row.get(versionField) : null;
          tasks.add(new BatchTask(row.get(bucketField), CompletionReport.decodeKey(encoded), encoded, version));
        }
      }
    } catch (JobFailedException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      S3Failure failure = e instanceof Exception ex ? S3Failure.of(ex) : null;
      throw new JobFailedException(
          "ManifestReadFailed",
          "Reading the manifest " + arn + " failed: " + (failure == null ? e.toString() : failure.errorCode() + " " + failure.message()));
    }
    return new Tasks(tasks, null);
  }

  Tasks generate(S3JobManifestGenerator generator, String jobId, String accountId, Instant now) {
    String bucket = Operations.bucketOf(generator.sourceBucket());
    JobManifestGeneratorFilter filter = generator.filter() == null ? JobManifestGeneratorFilter.builder().build() : generator.filter();
    ReplicationRules rules;
    try {
      rules = ReplicationRules.of(configs, bucket);
    } catch (IllegalArgumentException e) {
      throw new JobFailedException("ReplicationConfigurationNotFoundError", "The replication configuration of " + bucket + " is unreadable: " + e.getMessage());
    }
    boolean eligibleOnly = Boolean.TRUE.equals(filter.eligibleForReplication());
    if (eligibleOnly && !rules.anyEnabled()) {
      throw new JobFailedException(
          "ReplicationConfigurationNotFoundError",
          "The source bucket " + bucket + " has no enabled replication rule, so no object is eligible for replication");
    }
    Set<String> replicationStatuses =
        filter.objectReplicationStatusesAsStrings().stream().map(s -> s.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
    Set<String> storageClasses = Set.copyOf(filter.matchAnyStorageClassAsStrings());
    KeyNameConstraint names = filter.keyNameConstraint();
    List<BatchTask> tasks = new ArrayList<>();
    String prefix = names != null && names.matchAnyPrefix().size() == 1 ? names.matchAnyPrefix().get(0) : null;
    List<S3Object> listed;
    try {
      listed = new ArrayList<>();
      String token = null;
      do {
        String continuation = token;
        var page = retrying.call(bucket, null, () -> s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix).continuationToken(continuation)));
        listed.addAll(page.contents());
        token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
      } while (token != null);
    } catch (RuntimeException e) {
      S3Failure failure = S3Failure.of(e);
      throw new JobFailedException("ManifestGenerationFailed", "Listing " + bucket + " failed: " + failure.errorCode() + " " + failure.message());
    }
    for (S3Object object : listed) {
      String key = object.key();
      if (names != null && !matches(names, key)) {
        continue;
      }
      if (filter.createdAfter() != null && !object.lastModified().isAfter(filter.createdAfter())) {
        continue;
      }
      if (filter.createdBefore() != null && !object.lastModified().isBefore(filter.createdBefore())) {
        continue;
      }
      if (filter.objectSizeGreaterThanBytes() != null && object.size() <= filter.objectSizeGreaterThanBytes()) {
        continue;
      }
      if (filter.objectSizeLessThanBytes() != null && object.size() >= filter.objectSizeLessThanBytes()) {
        continue;
      }
      if (!storageClasses.isEmpty() && !storageClasses.contains(object.storageClassAsString() == null ? "STANDARD" : object.storageClassAsString())) {
        continue;
      }
      if (!replicationStatuses.isEmpty()) {
        ReplicationStatus status = statuses.status(bucket, key);
        // PENDING shows as nothing a filter can select until the copy ends; it is not NONE.
        if (!replicationStatuses.contains(status.name())) {
          continue;
        }
      }
      if (eligibleOnly && !rules.mayApply(key)) {
        continue;
      }
      tasks.add(new BatchTask(bucket, key, ManifestCsv.encodeKey(key), null));
    }
    S3GeneratedManifestDescriptor descriptor = null;
    if (Boolean.TRUE.equals(generator.enableManifestOutput()) && generator.manifestOutputLocation() != null) {
      descriptor = writeGenerated(generator.manifestOutputLocation(), bucket, jobId, tasks, now);
    }
    return new Tasks(tasks, descriptor);
  }

  private static boolean matches(KeyNameConstraint names, String key) {
    boolean prefix = names.matchAnyPrefix().isEmpty() || names.matchAnyPrefix().stream().anyMatch(key::startsWith);
    boolean suffix = names.matchAnySuffix().isEmpty() || names.matchAnySuffix().stream().anyMatch(key::endsWith);
    boolean substring = names.matchAnySubstring().isEmpty() || names.matchAnySubstring().stream().anyMatch(key::contains);
    return prefix && suffix && substring;
  }

  private S3GeneratedManifestDescriptor writeGenerated(
      S3ManifestOutputLocation location, String sourceBucket, String jobId, List<BatchTask> tasks, Instant now) {
    String bucket = Operations.bucketOf(location.bucket());
    String prefix = location.manifestPrefix() == null || location.manifestPrefix().isEmpty() ? "" : location.manifestPrefix().replaceAll("/+$", "") + "/";
    String folder = prefix + "job-" + jobId + "/";
    try {
      StringBuilder csv = new StringBuilder();
      for (BatchTask task : tasks) {
        csv.append(task.bucket()).append(',').append(task.encodedKey()).append(',').append(task.versionId() == null ? "" : task.versionId()).append('\n');
      }
      ByteArrayOutputStream gz = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
        out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
      }
      byte[] data = gz.toByteArray();
      String dataKey = folder + "data/" + UUID.nameUUIDFromBytes((jobId + "/data").getBytes(StandardCharsets.UTF_8)) + ".csv.gz";
      put(bucket, dataKey, data);
      ObjectNode manifest = Json.mapper().createObjectNode();
      manifest.put("sourceBucket", sourceBucket);
      manifest.put("destinationBucket", location.bucket());
      manifest.put("version", "2021-11-30");
      manifest.put("creationTimestamp", Long.toString(now.toEpochMilli()));
      manifest.put("fileFormat", "CSV");
      manifest.put("fileSchema", "Bucket, Key, VersionId");
      manifest.putArray("files").addObject().put("key", dataKey).put("size", data.length).put("MD5checksum", HexFormat.of().formatHex(md5(data)));
      String manifestKey = folder + "manifest.json";
      String eTag = put(bucket, manifestKey, Json.mapper().writeValueAsBytes(manifest));
      return S3GeneratedManifestDescriptor.builder()
          .format("S3InventoryReport_CSV_20211130")
          .location(JobManifestLocation.builder().objectArn("arn:aws:s3:::" + bucket + "/" + manifestKey).eTag(eTag).build())
          .build();
    } catch (IOException | RuntimeException e) {
      throw new JobFailedException("ManifestOutputFailed", "Writing the generated manifest to " + location.bucket() + " failed: " + e.getMessage());
    }
  }

  private String put(String bucket, String key, byte[] content) {
    String eTag =
        retrying.call(bucket, key, () -> s3.putObject(
            r -> r.bucket(bucket).key(key).serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromBytes(content)).eTag());
    return eTag == null ? "" : eTag.replace("\"", "");
  }

  private static byte[] md5(byte[] content) {
    try {
      return MessageDigest.getInstance("MD5").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
