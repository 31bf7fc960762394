-- inventory-diff: blue (the source bucket) against green (the target), from two S3 Inventory tables.
--
-- tables: blue_inventory, green_inventory
-- parameters: prefix, keys_url_encoded, storage_class_counts, examples_per_category, blue_dt, green_dt
--
-- One text for Athena (engine version 3, Trino) and DuckDB (with sql/duckdb/trino-compat.sql
-- loaded first): only functions both have, or that the macros give DuckDB with Trino's meaning.
-- The {{...}} names are table names, substituted after strict validation (a table name cannot be
-- a parameter); each ? is a parameter, bound in the order of the "parameters" line above.
--
-- The tables are as "Querying Amazon S3 Inventory with Amazon Athena" defines them: partitioned
-- by dt, from an inventory of ALL object versions (so is_latest and is_delete_marker exist), with
-- the optional fields Size, ETag, StorageClass, IsMultipartUploaded and EncryptionStatus. Parquet
-- (recommended) and ORC inventories hold keys as they are; CSV inventories hold them URL-encoded
-- (form encoding: a space is "+"), so keys_url_encoded decodes them before anything compares them.
--
-- Compared: the latest version of each key, unless it is a delete marker; older versions are
-- ignored. Keys are compared whole and must start with prefix (the empty string for every key).
--   missingOnTarget      on blue, not on green
--   extraOnTarget        on green, not on blue
--   sizeDiffers          on both, sizes differ
--   storageClassDiffers  on both, storage classes differ (a mismatch only if storage_class_counts)
--   checksumDiffers      same size, both ETags are MD5s of the bytes (single part upload, and
--                        NOT-SSE or SSE-S3), and the ETags differ
--   contentUnverified    same size, but an ETag is not an MD5 (multipart, SSE-KMS, DSSE-KMS,
--                        SSE-C): the inventory cannot prove the bytes equal; not a mismatch
-- Result: for each category with findings, its first examples_per_category keys in key order
-- (UTF-8 byte order on both engines), each row carrying the category's object count; then one
-- row each for objectsCompared, sourceObjects, targetObjects and mismatchedObjects (key NULL).
-- Athena reads each inventory twice (once for the totals, once for the findings): Trino does
-- not materialise a WITH query that is used twice.
WITH
params AS (
  SELECT
    CAST(? AS varchar) AS prefix,
    CAST(? AS boolean) AS keys_url_encoded,
    CAST(? AS boolean) AS storage_class_counts,
    CAST(? AS bigint) AS examples_per_category
),
blue_rows AS (
  SELECT
    CASE WHEN p.keys_url_encoded THEN url_decode(i.key) ELSE i.key END AS key,
    CAST(i.size AS bigint) AS size,
    i.e_tag,
    i.storage_class,
    i.is_multipart_uploaded,
    i.encryption_status
  FROM {{blue_inventory}} AS i
  CROSS JOIN params AS p
  WHERE i.dt = ?
    AND i.is_latest
    AND NOT coalesce(i.is_delete_marker, false)
),
green_rows AS (
  SELECT
    CASE WHEN p.keys_url_encoded THEN url_decode(i.key) ELSE i.key END AS key,
    CAST(i.size AS bigint) AS size,
    i.e_tag,
    i.storage_class,
    i.is_multipart_uploaded,
    i.encryption_status
  FROM {{green_inventory}} AS i
  CROSS JOIN params AS p
  WHERE i.dt = ?
    AND i.is_latest
    AND NOT coalesce(i.is_delete_marker, false)
),
blue AS (
  SELECT b.* FROM blue_rows AS b CROSS JOIN params AS p WHERE starts_with(b.key, p.prefix)
),
green AS (
  SELECT g.* FROM green_rows AS g CROSS JOIN params AS p WHERE starts_with(g.key, p.prefix)
),
joined AS (
  SELECT
    coalesce(b.key, g.key) AS key,
    b.key IS NOT NULL AS on_blue,
    g.key IS NOT NULL AS on_green,
    b.size AS blue_size,
    g.size AS green_size,
    b.storage_class AS blue_storage_class,
    g.storage_class AS green_storage_class,
    b.e_tag AS blue_e_tag,
    g.e_tag AS green_e_tag,
    coalesce(
      NOT b.is_multipart_uploaded AND NOT g.is_multipart_uploaded
        AND b.encryption_status IN ('NOT-SSE', 'SSE-S3')
        AND g.encryption_status IN ('NOT-SSE', 'SSE-S3'),
      false) AS etags_are_md5
  FROM blue AS b
  FULL OUTER JOIN green AS g ON b.key = g.key
),
classified AS (
  SELECT
    j.*,
    j.on_blue AND NOT j.on_green AS missing_on_target,
    j.on_green AND NOT j.on_blue AS extra_on_target,
    coalesce(j.on_blue AND j.on_green AND j.blue_size <> j.green_size, false) AS size_differs,
    j.on_blue AND j.on_green
      AND j.blue_storage_class IS DISTINCT FROM j.green_storage_class AS storage_class_differs,
    coalesce(j.on_blue AND j.on_green AND j.blue_size = j.green_size AND j.etags_are_md5
      AND j.blue_e_tag IS DISTINCT FROM j.green_e_tag, false) AS checksum_differs,
    coalesce(j.on_blue AND j.on_green AND j.blue_size = j.green_size
      AND NOT j.etags_are_md5, false) AS content_unverified,
    p.storage_class_counts
  FROM joined AS j
  CROSS JOIN params AS p
),
totals AS (
  SELECT
    count(*) AS objects_compared,
    count(CASE WHEN on_blue THEN 1 END) AS source_objects,
    count(CASE WHEN on_green THEN 1 END) AS target_objects,
    count(CASE WHEN missing_on_target OR extra_on_target OR size_differs OR checksum_differs
      OR (storage_class_differs AND storage_class_counts) THEN 1 END) AS mismatched_objects
  FROM classified
),
findings AS (
  SELECT c.*, k.category
  FROM (
    SELECT * FROM classified
    WHERE missing_on_target OR extra_on_target OR size_differs OR storage_class_differs
      OR checksum_differs OR content_unverified
  ) AS c
  CROSS JOIN (
    VALUES ('missingOnTarget'), ('extraOnTarget'), ('sizeDiffers'),
      ('storageClassDiffers'), ('checksumDiffers'), ('contentUnverified')
  ) AS k (category)
  WHERE (k.category = 'missingOnTarget' AND c.missing_on_target)
    OR (k.category = 'extraOnTarget' AND c.extra_on_target)
    OR (k.category = 'sizeDiffers' AND c.size_differs)
    OR (k.category = 'storageClassDiffers' AND c.storage_class_differs)
    OR (k.category = 'checksumDiffers' AND c.checksum_differs)
    OR (k.category = 'contentUnverified' AND c.content_unverified)
),
ranked AS (
  SELECT
    f.*,
    count(*) OVER (PARTITION BY f.category) AS objects,
    row_number() OVER (PARTITION BY f.category ORDER BY f.key) AS example_rank
  FROM findings AS f
)
SELECT
  r.category,
  r.objects,
  r.key,
  r.blue_size,
  r.green_size,
  r.blue_storage_class,
  r.green_storage_class,
  r.blue_e_tag,
  r.green_e_tag
FROM ranked AS r
CROSS JOIN params AS p
WHERE r.example_rank <= p.examples_per_category
UNION ALL
SELECT
  n.category,
  CASE n.category
    WHEN 'objectsCompared' THEN t.objects_compared
    WHEN 'sourceObjects' THEN t.source_objects
    WHEN 'targetObjects' THEN t.target_objects
    ELSE t.mismatched_objects
  END,
  NULL,
  NULL,
  NULL,
  NULL,
  NULL,
  NULL,
  NULL
FROM totals AS t
CROSS JOIN (
  VALUES ('objectsCompared'), ('sourceObjects'), ('targetObjects'), ('mismatchedObjects')
) AS n (category)
ORDER BY category, key
