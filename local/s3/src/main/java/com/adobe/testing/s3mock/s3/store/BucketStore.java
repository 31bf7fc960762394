package com.adobe.testing.s3mock.s3.store;

import com.adobe.testing.s3mock.s3.dto.BucketInfo;
import com.adobe.testing.s3mock.s3.dto.BucketLifecycleConfiguration;
import com.adobe.testing.s3mock.s3.dto.LocationInfo;
import com.adobe.testing.s3mock.s3.dto.ObjectLockConfiguration;
import com.adobe.testing.s3mock.s3.dto.ObjectLockEnabled;
import com.adobe.testing.s3mock.s3.dto.ObjectOwnership;
import com.adobe.testing.s3mock.s3.dto.VersioningConfiguration;
import com.adobe.testing.s3mock.s3.model.BucketMetadata;
import dev.cutover.aws.S3KeyOrder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

/**
 * S3Mock 5.2.0's bucket store with each bucket's key index held in memory. <b>Shadows the class of
 * the same name in {@code com.adobe.testing:s3mock:5.2.0} and is only valid for that version</b>:
 * it must come first on the class path (LocalS3 checks that it did), and {@code
 * S3MockVersionTest} fails if the S3Mock version moves.
 *
 * <p>Why: S3Mock 5.2.0 keeps a bucket's whole key → object-id index in one {@code
 * bucketMetadata.json} and re-reads and re-parses it on every request, rewriting it on every put
 * and delete under one lock, so each operation costs time proportional to the bucket (HEAD with 8
 * client threads: 852/s at 100 objects, 75/s at 10 000; VERSIONS.md). Here the bucket metadata
 * and its index live in memory; the metadata file is written when a bucket is created or its
 * configuration changes (S3Mock reads nothing back while running), without the index, which only
 * this process holds. Object bytes and per-object metadata stay in S3Mock's files, untouched.
 *
 * <p>Same public methods, signatures, exceptions and messages as the original (Kotlin) class,
 * read from its bytecode. The index is a concurrent skip list ordered by code point, which is
 * UTF-8 byte order, the order S3 lists keys in; readers iterate it while writers add keys.
 */
public class BucketStore {

  /** The per-bucket metadata file's name, as in the original. */
  public static final String BUCKET_META_FILE = "bucketMetadata.json";

  private static final Logger LOG = LoggerFactory.getLogger(BucketStore.class);


  private final File rootFolder;
  private final DateTimeFormatter s3ObjectDateFormat;
  private final String region;
  private final ObjectMapper objectMapper;
  private final Map<String, BucketMetadata> buckets = new ConcurrentHashMap<>();

  /**
   * Each bucket's index, the very map its {@link BucketMetadata} holds ({@code getObjects()} would
   * copy it on every call).
   */
  private final Map<String, ConcurrentSkipListMap<String, UUID>> indexes = new ConcurrentHashMap<>();

  public BucketStore(File rootFolder, DateTimeFormatter s3ObjectDateFormat, String region, ObjectMapper objectMapper) {
    this.rootFolder = rootFolder;
    this.s3ObjectDateFormat = s3ObjectDateFormat;
    this.region = region;
    this.objectMapper = objectMapper;
  }

  public final List<BucketMetadata> listBuckets() {
    return buckets.values().stream().sorted(Comparator.comparing(BucketMetadata::getName)).toList();
  }

  public final BucketMetadata getBucketMetadata(String bucketName) {
    BucketMetadata metadata = buckets.get(bucketName);
    if (metadata == null) {
      throw new IllegalStateException("Bucket does not exist: " + bucketName);
    }
    return metadata;
  }

  public final UUID addKeyToBucket(String key, String bucketName) {
    getBucketMetadata(bucketName);
    return indexes.get(bucketName).computeIfAbsent(key, k -> UUID.randomUUID());
  }

  public final List<UUID> lookupIdsInBucket(String prefix, String bucketName) {
    return lookupInBucket(prefix, bucketName, Map.Entry::getValue);
  }

  public final List<String> lookupKeysInBucket(String prefix, String bucketName) {
    return lookupInBucket(prefix, bucketName, Map.Entry::getKey);
  }

  private <R> List<R> lookupInBucket(String prefix, String bucketName, Function<Map.Entry<String, UUID>, R> extract) {
    String from = prefix == null ? "" : prefix;
    getBucketMetadata(bucketName);
    List<R> found = new ArrayList<>();
    // Keys with the prefix are contiguous in code point order: start there, stop after them.
    for (Map.Entry<String, UUID> entry : indexes.get(bucketName).tailMap(from, true).entrySet()) {
      if (!entry.getKey().startsWith(from)) {
        break;
      }
      found.add(extract.apply(entry));
    }
    return found;
  }

  public final boolean removeFromBucket(String key, String bucketName) {
    getBucketMetadata(bucketName);
    return indexes.get(bucketName).remove(key) != null;
  }

  public final BucketMetadata createBucket(
      String bucketName,
      boolean objectLockEnabled,
      ObjectOwnership objectOwnership,
      String bucketRegion,
      BucketInfo bucketInfo,
      LocationInfo locationInfo) {
    synchronized (buckets) {
      if (doesBucketExist(bucketName)) {
        throw new IllegalStateException("Bucket already exists.");
      }
      Path folder = createBucketFolder(bucketName);
      ConcurrentSkipListMap<String, UUID> index = newIndex();
      BucketMetadata metadata =
          new BucketMetadata(
              bucketName,
              s3ObjectDateFormat.format(LocalDateTime.now()),
              new VersioningConfiguration(null, null),
              objectLockEnabled ? new ObjectLockConfiguration(ObjectLockEnabled.ENABLED, null) : null,
              null,
              objectOwnership,
              folder,
              bucketRegion != null ? bucketRegion : region,
              bucketInfo,
              locationInfo,
              index);
      writeToDisk(metadata);
      indexes.put(bucketName, index);
      buckets.put(bucketName, metadata);
      return metadata;
    }
  }

  public final boolean doesBucketExist(String bucketName) {
    return buckets.containsKey(bucketName);
  }

  public final boolean isObjectLockEnabled(String bucketName) {
    ObjectLockConfiguration configuration = getBucketMetadata(bucketName).getObjectLockConfiguration();
    return configuration != null && configuration.getObjectLockEnabled() == ObjectLockEnabled.ENABLED;
  }

  public final void storeObjectLockConfiguration(BucketMetadata metadata, ObjectLockConfiguration configuration) {
    BucketMetadata current = getBucketMetadata(metadata.getName());
    replace(
        new BucketMetadata(
            current.getName(),
            current.getCreationDate(),
            current.getVersioningConfiguration(),
            configuration,
            current.getBucketLifecycleConfiguration(),
            current.getObjectOwnership(),
            current.getPath(),
            current.getBucketRegion(),
            current.getBucketInfo(),
            current.getLocationInfo(),
            indexes.get(current.getName())));
  }

  public final void storeVersioningConfiguration(BucketMetadata metadata, VersioningConfiguration configuration) {
    BucketMetadata current = getBucketMetadata(metadata.getName());
    replace(
        new BucketMetadata(
            current.getName(),
            current.getCreationDate(),
            configuration,
            current.getObjectLockConfiguration(),
            current.getBucketLifecycleConfiguration(),
            current.getObjectOwnership(),
            current.getPath(),
            current.getBucketRegion(),
            current.getBucketInfo(),
            current.getLocationInfo(),
            indexes.get(current.getName())));
  }

  public final void storeBucketLifecycleConfiguration(
      BucketMetadata metadata, BucketLifecycleConfiguration configuration) {
    BucketMetadata current = getBucketMetadata(metadata.getName());
    replace(
        new BucketMetadata(
            current.getName(),
            current.getCreationDate(),
            current.getVersioningConfiguration(),
            current.getObjectLockConfiguration(),
            configuration,
            current.getObjectOwnership(),
            current.getPath(),
            current.getBucketRegion(),
            current.getBucketInfo(),
            current.getLocationInfo(),
            indexes.get(current.getName())));
  }

  public final boolean isBucketEmpty(String bucketName) {
    if (!doesBucketExist(bucketName)) {
      throw new IllegalStateException("Requested Bucket does not exist: " + bucketName);
    }
    return indexes.get(bucketName).isEmpty();
  }

  public final boolean deleteBucket(String bucketName) {
    synchronized (buckets) {
      if (!isBucketEmpty(bucketName)) {
        return false;
      }
      BucketMetadata metadata = buckets.remove(bucketName);
      indexes.remove(bucketName);
      deleteRecursively(metadata.getPath());
      return true;
    }
  }

  /** Called when S3Mock starts over an existing root: reads each bucket's file once, into memory. */
  public final List<UUID> loadBuckets(List<String> bucketNames) {
    List<UUID> ids = new ArrayList<>();
    for (String bucketName : bucketNames) {
      LOG.info("Loading existing bucket {}.", bucketName);
      BucketMetadata read = objectMapper.readValue(getMetaFilePath(bucketName).toFile(), BucketMetadata.class);
      ConcurrentSkipListMap<String, UUID> index = newIndex();
      index.putAll(read.getObjects());
      indexes.put(bucketName, index);
      buckets.put(
          bucketName,
          new BucketMetadata(
              read.getName(),
              read.getCreationDate(),
              read.getVersioningConfiguration(),
              read.getObjectLockConfiguration(),
              read.getBucketLifecycleConfiguration(),
              read.getObjectOwnership(),
              read.getPath(),
              read.getBucketRegion(),
              read.getBucketInfo(),
              read.getLocationInfo(),
              index));
      ids.addAll(index.values());
    }
    return ids;
  }

  private static ConcurrentSkipListMap<String, UUID> newIndex() {
    return new ConcurrentSkipListMap<>(S3KeyOrder.KEYS);
  }

  private void replace(BucketMetadata metadata) {
    buckets.put(metadata.getName(), metadata);
    writeToDisk(metadata);
  }

  private void writeToDisk(BucketMetadata metadata) {
    try {
      objectMapper.writeValue(getMetaFilePath(metadata.getName()).toFile(), metadata);
    } catch (RuntimeException e) {
      throw new IllegalStateException("Could not write bucket metadata-file", e);
    }
  }

  private Path getBucketFolderPath(String bucketName) {
    Path root = rootFolder.toPath().toAbsolutePath().normalize();
    Path candidate = root.resolve(bucketName).normalize();
    if (!candidate.startsWith(root)) {
      throw new IllegalArgumentException("Invalid bucket name (path traversal detected).");
    }
    return candidate;
  }

  private Path createBucketFolder(String bucketName) {
    try {
      return Files.createDirectories(getBucketFolderPath(bucketName));
    } catch (IOException e) {
      throw new IllegalStateException("Can't create bucket directory!", e);
    }
  }

  private Path getMetaFilePath(String bucketName) {
    return getBucketFolderPath(bucketName).resolve(BUCKET_META_FILE);
  }

  private static void deleteRecursively(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
