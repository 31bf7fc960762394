-- logscan-top-keys: the object keys users requested from blue's distribution, ranked by requests.
--
-- tables: logs
-- parameters: distribution_id, first_year, last_year, first_hour, last_hour, window_start, window_end, default_root_object, prefix, top_n
--
-- One text for Athena (engine version 3, Trino) and DuckDB (with sql/duckdb/trino-compat.sql
-- loaded first). {{logs}} is the table sql/cloudfront-logs-table.ddl defines: CloudFront standard
-- log fields as strings, partitioned by distributionid, year, month, day and hour.
--
-- Counted: requests to distribution_id whose own date and time (UTC) are in [window_start,
-- window_end) ('YYYY-MM-DD HH:MM:SS'), with method GET or HEAD and a 2xx or 3xx status. Header
-- lines and malformed rows have no time or status that passes, so they drop out here.
--
-- Partitions read: first_hour to last_hour (YYYYMMDDHH, within first_year..last_year). The caller
-- reads from an hour before the window to a day after it, so a row counts by its own time
-- whichever hour CloudFront filed it under (logs arrive up to 24 hours late).
--
-- From request to key, as CloudFront and an S3 REST origin (OAC/OAI) map them:
--   1. cs_uri_stem is the path as the viewer sent it (itself percent-encoded) with CloudFront's
--      log encoding on top: "%" is written %25, a space or non-ASCII byte %XX, and so on. A key
--      "a b.js" requested as /a%20b.js is logged /a%2520b.js. Every "%" in the field is an escape
--      CloudFront added, so one full percent-decode gives the wire path back.
--   2. S3 percent-decodes the wire path into the key. A "+" is a plus in a path (not a space
--      as in a form), so both decodes keep it: "+" becomes "%2B" before url_decode, which
--      would otherwise read it as a space.
--   3. The leading "/" goes. A request for "/" is the distribution's default root object
--      (default_root_object, '' to leave such requests out). No origin path is prepended, dot
--      segments are not resolved: the key is the path as sent. An S3 website endpoint origin
--      (which reads "+" as a space and serves index documents) is not modelled.
-- A path with a malformed %-escape at either level maps to no key and is not counted (Trino's
-- url_decode would fail the whole query on it; the CASE keeps it from being called). Escapes
-- that decode to bytes that are not UTF-8 (no S3 key has them; only an error page served as 200
-- logs them with a 2xx) give U+FFFD in Trino and no key on DuckDB: either way nothing green lacks.
--
-- Result: the top_n keys under prefix by requests, then by key in UTF-8 byte order (both
-- engines order varchar by bytes), each with its rank, and on every row the number of distinct
-- keys under the prefix that were requested and their requests in all (so a caller can say how
-- much of the traffic the top keys cover). No rows when nothing was requested.
WITH
requests AS (
  SELECT l.cs_uri_stem AS stem
  FROM {{logs}} AS l
  WHERE l.distributionid = CAST(? AS varchar)
    AND l.year BETWEEN CAST(? AS integer) AND CAST(? AS integer)
    AND CAST(l.year AS bigint) * 1000000 + l.month * 10000 + l.day * 100 + l.hour
      BETWEEN CAST(? AS bigint) AND CAST(? AS bigint)
    AND l."date" || ' ' || l."time" >= CAST(? AS varchar)
    AND l."date" || ' ' || l."time" < CAST(? AS varchar)
    AND l.cs_method IN ('GET', 'HEAD')
    AND regexp_like(l.sc_status, '^[23][0-9][0-9]$')
),
wire_paths AS (
  SELECT
    CASE
      WHEN regexp_like(r.stem, '%([^0-9A-Fa-f]|[0-9A-Fa-f][^0-9A-Fa-f]|[0-9A-Fa-f]?$)') THEN NULL
      ELSE url_decode(replace(r.stem, '+', '%2B'))
    END AS path
  FROM requests AS r
),
object_keys AS (
  SELECT
    CASE
      WHEN w.path IS NULL OR NOT starts_with(w.path, '/') THEN NULL
      WHEN regexp_like(w.path, '%([^0-9A-Fa-f]|[0-9A-Fa-f][^0-9A-Fa-f]|[0-9A-Fa-f]?$)') THEN NULL
      ELSE substr(url_decode(replace(w.path, '+', '%2B')), 2)
    END AS key
  FROM wire_paths AS w
),
served AS (
  SELECT
    CASE WHEN k.key = '' THEN nullif(CAST(? AS varchar), '') ELSE k.key END AS key
  FROM object_keys AS k
),
counted AS (
  SELECT s.key, count(*) AS requests
  FROM served AS s
  WHERE s.key IS NOT NULL
    AND starts_with(s.key, CAST(? AS varchar))
  GROUP BY s.key
),
ranked AS (
  SELECT
    c.key,
    c.requests,
    row_number() OVER (ORDER BY c.requests DESC, c.key) AS request_rank,
    count(*) OVER () AS distinct_keys,
    sum(c.requests) OVER () AS all_requests
  FROM counted AS c
)
SELECT
  r.request_rank,
  r.key,
  r.requests,
  r.distinct_keys,
  r.all_requests
FROM ranked AS r
WHERE r.request_rank <= CAST(? AS bigint)
ORDER BY r.request_rank
