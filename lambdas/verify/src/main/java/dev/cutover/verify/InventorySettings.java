package dev.cutover.verify;

import dev.cutover.queries.sql.TableName;

/**
 * Where the two S3 Inventory tables are and how Athena reads them: the {@code inventory} field of
 * the inventory-diff task's payload ({@link InventoryInput}).
 *
 * @param catalog the data catalog ({@code AwsDataCatalog} unless given)
 * @param database the Athena database both tables are in
 * @param blueTable the source bucket's inventory table
 * @param greenTable the target bucket's inventory table
 * @param blueDt the delivery of blue's inventory to read ({@code YYYY-MM-DD-HH-MM}); {@code null}
 *     for the newest
 * @param greenDt the delivery of green's inventory to read; {@code null} for the newest
 * @param format the inventories' file format: {@code PARQUET} (recommended), {@code ORC} or {@code
 *     CSV}, whose keys S3 writes URL-encoded
 * @param workGroup the Athena workgroup: its per-query data usage limit applies
 * @param outputLocation where Athena writes results; {@code null} for the workgroup's
 */
record InventorySettings(
    String catalog,
    String database,
    TableName blueTable,
    TableName greenTable,
    String blueDt,
    String greenDt,
    Format format,
    String workGroup,
    String outputLocation) {

  /** An S3 Inventory's file format. */
  enum Format {
    PARQUET,
    ORC,
    CSV;

    /** Whether the inventory holds keys URL-encoded: S3 encodes them in CSV only. */
    boolean keysUrlEncoded() {
      return this == CSV;
    }
  }
}
