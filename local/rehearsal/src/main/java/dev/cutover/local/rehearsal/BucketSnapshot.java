package dev.cutover.local.rehearsal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/**
 * Every version of every object in a bucket, with what a reader would see of it: the proof that a
 * rehearsal touched nothing in blue. Each version is fingerprinted by its version id, ETag, size,
 * the SHA-256 of its bytes, its headers, user metadata and tags; delete markers are listed too, so
 * a delete shows up as a new marker.
 *
 * <p>The bytes and headers are read, not trusted to the version id: in S3 a version never changes,
 * but S3Mock 5.2.0 applies a CopyObject onto itself with {@code REPLACE} to the version in place
 * (no new version), which only the headers show.
 */
public record BucketSnapshot(String bucket, Map<String, List<String>> versions) {

  public BucketSnapshot {
    versions = Map.copyOf(versions);
  }

  /** Reads every version of every key in {@code bucket}, eight at a time. */
  public static BucketSnapshot take(S3Client s3, String bucket) {
    Map<String, List<Future<String>>> pending = new TreeMap<>();
    ExecutorService readers = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "bucket-snapshot");
      t.setDaemon(true);
      return t;
    });
    try {
      String keyMarker = null;
      String versionMarker = null;
      do {
        String km = keyMarker;
        String vm = versionMarker;
        ListObjectVersionsResponse page = s3.listObjectVersions(r -> r.bucket(bucket).keyMarker(km).versionIdMarker(vm));
        for (ObjectVersion v : page.versions()) {
          pending.computeIfAbsent(v.key(), k -> new ArrayList<>()).add(readers.submit(() -> fingerprint(s3, bucket, v)));
        }
        page.deleteMarkers().forEach(m -> pending.computeIfAbsent(m.key(), k -> new ArrayList<>())
            .add(CompletableFuture.completedFuture("delete-marker " + m.versionId())));
        keyMarker = Boolean.TRUE.equals(page.isTruncated()) ? page.nextKeyMarker() : null;
        versionMarker = Boolean.TRUE.equals(page.isTruncated()) ? page.nextVersionIdMarker() : null;
      } while (keyMarker != null);
      Map<String, List<String>> versions = new TreeMap<>();
      for (Map.Entry<String, List<Future<String>>> entry : pending.entrySet()) {
        List<String> prints = new ArrayList<>();
        for (Future<String> print : entry.getValue()) {
          prints.add(print.get());
        }
        versions.put(entry.getKey(), prints.stream().sorted().toList());
      }
      return new BucketSnapshot(bucket, versions);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + bucket, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("reading " + bucket + " for its snapshot failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      readers.shutdownNow();
    }
  }

  /**
   * What changed since {@code before} for the keys it held: a version added, removed or altered,
   * a delete marker. Keys {@code before} did not have are left out (a rehearsal's traffic writes
   * new ones to blue on purpose).
   *
   * @return one line per changed key, empty when nothing before was touched
   */
  public List<String> changesTo(BucketSnapshot after) {
    List<String> changes = new ArrayList<>();
    for (Map.Entry<String, List<String>> entry : new TreeMap<>(versions).entrySet()) {
      List<String> now = after.versions().get(entry.getKey());
      if (now == null) {
        changes.add(entry.getKey() + ": gone (" + entry.getValue().size() + " versions before)");
      } else if (!now.equals(entry.getValue())) {
        changes.add(entry.getKey() + ": " + entry.getValue() + " -> " + now);
      }
    }
    return changes;
  }

  /** The keys it holds. */
  public Set<String> keys() {
    return versions.keySet();
  }

  private static String fingerprint(S3Client s3, String bucket, ObjectVersion v) {
    ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(r -> r.bucket(bucket).key(v.key()).versionId(v.versionId()));
    GetObjectResponse h = object.response();
    Map<String, String> tags = new TreeMap<>();
    s3.getObjectTagging(r -> r.bucket(bucket).key(v.key()).versionId(v.versionId())).tagSet().forEach(t -> tags.put(t.key(), t.value()));
    return String.join(" ",
        "version=" + v.versionId(), "etag=" + v.eTag(), "size=" + v.size(), "sha256=" + sha256(object.asByteArray()),
        "type=" + h.contentType(), "cache=" + h.cacheControl(), "encoding=" + h.contentEncoding(), "disposition=" + h.contentDisposition(),
        "language=" + h.contentLanguage(), "expires=" + h.expiresString(), "redirect=" + h.websiteRedirectLocation(),
        "class=" + h.storageClassAsString(), "meta=" + new TreeMap<>(h.metadata()), "tags=" + tags);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
