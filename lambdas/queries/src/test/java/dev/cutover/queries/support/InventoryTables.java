package dev.cutover.queries.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * S3 Inventory tables in DuckDB, with the columns "Querying Amazon S3 Inventory with Amazon Athena"
 * gives the Parquet table (every optional field) and its {@code dt} partition column, filled from
 * fixtures.
 */
public final class InventoryTables {

  /** The Athena DDL's columns, Parquet types mapped to DuckDB's, then the partition column. */
  public static final String COLUMNS =
      """
      bucket VARCHAR,
      key VARCHAR,
      version_id VARCHAR,
      is_latest BOOLEAN,
      is_delete_marker BOOLEAN,
      size BIGINT,
      last_modified_date TIMESTAMP,
      e_tag VARCHAR,
      storage_class VARCHAR,
      is_multipart_uploaded BOOLEAN,
      replication_status VARCHAR,
      encryption_status VARCHAR,
      object_lock_retain_until_date BIGINT,
      object_lock_mode VARCHAR,
      object_lock_legal_hold_status VARCHAR,
      intelligent_tiering_access_tier VARCHAR,
      bucket_key_status VARCHAR,
      checksum_algorithm VARCHAR,
      object_access_control_list VARCHAR,
      object_owner VARCHAR,
      dt VARCHAR""";

  private InventoryTables() {}

  /**
   * One row of an inventory: one version of one key.
   *
   * @param key as the inventory holds it (URL-encoded in a CSV inventory)
   * @param latest {@code is_latest}
   * @param deleteMarker {@code is_delete_marker}; a delete marker has no size, ETag or class
   */
  public record Version(
      String key,
      String versionId,
      boolean latest,
      boolean deleteMarker,
      Long size,
      String eTag,
      String storageClass,
      Boolean multipart,
      String encryption) {

    /** The latest version of a key: a single-part, SSE-S3, STANDARD object. */
    public static Version live(String key, long size, String eTag) {
      return new Version(key, "v-" + Integer.toHexString(key.hashCode()), true, false, size, eTag, "STANDARD", false, "SSE-S3");
    }

    /** The latest version of a key, a delete marker. */
    public static Version deleteMarker(String key) {
      return new Version(key, "dm-" + Integer.toHexString(key.hashCode()), true, true, null, null, null, null, null);
    }

    /** This version, no longer the latest. */
    public Version older() {
      return new Version(key, versionId + "-old", false, deleteMarker, size, eTag, storageClass, multipart, encryption);
    }

    public Version storageClass(String value) {
      return new Version(key, versionId, latest, deleteMarker, size, eTag, value, multipart, encryption);
    }

    public Version multipartUpload() {
      return new Version(key, versionId, latest, deleteMarker, size, eTag, storageClass, true, encryption);
    }

    public Version encryption(String value) {
      return new Version(key, versionId, latest, deleteMarker, size, eTag, storageClass, multipart, value);
    }
  }

  /** Creates the table {@code name}. */
  public static void create(Connection connection, String name) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE \"" + name + "\" (" + COLUMNS + ")");
    }
  }

  /** Adds {@code versions} to the table {@code name} as the delivery {@code dt} of bucket {@code bucket}. */
  public static void insert(Connection connection, String name, String bucket, String dt, List<Version> versions)
      throws SQLException {
    String sql =
        "INSERT INTO \"" + name + "\" (bucket, key, version_id, is_latest, is_delete_marker, size,"
            + " last_modified_date, e_tag, storage_class, is_multipart_uploaded, replication_status,"
            + " encryption_status, dt) VALUES (?, ?, ?, ?, ?, ?, TIMESTAMP '2026-11-20 10:00:00', ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      for (Version v : versions) {
        insert.setString(1, bucket);
        insert.setString(2, v.key());
        insert.setString(3, v.versionId());
        insert.setBoolean(4, v.latest());
        insert.setBoolean(5, v.deleteMarker());
        insert.setObject(6, v.size());
        insert.setString(7, v.eTag());
        insert.setString(8, v.storageClass());
        insert.setObject(9, v.multipart());
        insert.setString(10, v.deleteMarker() ? null : "COMPLETED");
        insert.setString(11, v.encryption());
        insert.setString(12, dt);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
