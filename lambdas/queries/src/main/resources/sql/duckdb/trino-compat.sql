-- trino-compat: DuckDB macros that give the Trino (Athena engine version 3) functions our queries
-- use the meaning Trino gives them, so the same SQL text runs on Athena and on DuckDB.
--
-- Load this file into a DuckDB connection before running a query from sql/. Each statement ends
-- with ";" at the end of a line (dev.cutover.queries.sql.TrinoCompat splits on that). A macro
-- named like a DuckDB function hides it; the DuckDB function stays reachable as
-- system.main.<name>, which is how a macro here calls the function it wraps.
--
-- Checked against the examples in Trino's documentation (TrinoCompatTest). Where DuckDB cannot
-- follow Trino exactly, the comment says how the macro differs; stay in the portable subset of
-- SQL otherwise: e.g. "current_date - INTERVAL '7' DAY" means the same on both engines, so no
-- date_add shim is needed.

-- regexp_like(string, pattern) -> boolean: true when pattern matches any part of string
-- (not the whole of it). Both engines' patterns are close to Java's / RE2's syntax.
CREATE OR REPLACE MACRO regexp_like(string, pattern) AS regexp_matches(string, pattern);

-- url_decode(value) -> varchar: Java's URLDecoder, as Trino: %XX sequences are UTF-8 bytes, and
-- "+" is a space (form encoding, as in S3 Inventory CSV keys). DuckDB's own url_decode leaves "+"
-- alone. Trino fails on a malformed %-sequence; DuckDB leaves it in place. Bytes that are not
-- UTF-8 (%FF) become U+FFFD in Trino; DuckDB's url_decode fails on them, so here they give NULL
-- (a log line for such a path must not fail a local scan; no S3 key has such bytes).
CREATE OR REPLACE MACRO url_decode(value) AS try(system.main.url_decode(replace(value, '+', '%20')));

-- url_extract_path(url) -> varchar: java.net.URI's getPath(), as Trino: the path between the
-- authority and "?"/"#", %-decoded ("+" stays "+"); "" when there is none or the URI is opaque
-- ("mailto:x@example.com"); NULL when the text is not a URI (a space, a control character, one
-- of "<>\^`{|}, or a "%" not followed by two hex digits). Not handled: IPv6 hosts in brackets.
CREATE OR REPLACE MACRO url_extract_path(url) AS
  CASE
    WHEN regexp_matches(url, '[[:cntrl:] "<>\\^`{|}]')
      OR regexp_matches(url, '%([^0-9A-Fa-f]|[0-9A-Fa-f][^0-9A-Fa-f]|[0-9A-Fa-f]?$)') THEN NULL
    WHEN regexp_matches(url, '^[A-Za-z][A-Za-z0-9+.-]*:([^/]|$)') THEN ''
    ELSE system.main.url_decode(
      regexp_extract(url, '^([A-Za-z][A-Za-z0-9+.-]*:)?(//[^/?#]*)?([^?#]*)', 3))
  END;

-- date_parse(string, format) -> timestamp: MySQL-style format, as Trino. This subset of the
-- specifiers is translated to DuckDB's strptime: %Y %y %m %c %d %e %H %k %h %I %l %i %s %S %f %p
-- %T %r %M %b %W %a %j and literal text. %y is 1970..2069 as in Trino (strptime alone reads "69"
-- as 1969). Not handled: %D %U %u %V %v %w %X %x (Trino refuses most
-- of them too) and "%%" directly before a specifier letter. %f takes 1 to 6 digits here (Trino
-- 1 to 9). DuckDB keeps microseconds where Trino truncates to milliseconds. The format must be a
-- constant (DuckDB's strptime needs one), which it is in every query we write.
--
-- DuckDB checks a macro's body when it is created, and refuses strptime with a format computed
-- from a parameter, though at the call the translated format is a constant. So date_parse calls
-- a helper that is a stub while date_parse is created, and strptime from then on: macros are
-- expanded where they are called, with the helper's body as it is then.
CREATE OR REPLACE MACRO trino_compat_strptime(string, format) AS CAST(NULL AS TIMESTAMP);
CREATE OR REPLACE MACRO trino_compat_two_digit_year(parsed, format) AS
  CASE WHEN contains(format, '%y') AND year(parsed) = 1969 THEN parsed + INTERVAL 100 YEAR ELSE parsed END;
CREATE OR REPLACE MACRO date_parse(string, format) AS
  trino_compat_two_digit_year(trino_compat_strptime(
    string,
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
      format,
      '%M', '%B'),
      '%W', '%A'),
      '%i', '%M'),
      '%s', '%S'),
      '%T', '%H:%M:%S'),
      '%r', '%I:%M:%S %p'),
      '%h', '%I'),
      '%e', '%-d'),
      '%c', '%-m'),
      '%k', '%-H'),
      '%l', '%-I')),
    format);
CREATE OR REPLACE MACRO trino_compat_strptime(string, format) AS strptime(string, format);

-- from_iso8601_timestamp(string) -> timestamp with time zone: an ISO 8601 date, or date and time
-- with an optional offset; without an offset it is in the session time zone (DuckDB's TimeZone
-- setting), as in Trino. DuckDB keeps microseconds where Trino keeps milliseconds.
CREATE OR REPLACE MACRO from_iso8601_timestamp(string) AS CAST(string AS TIMESTAMP WITH TIME ZONE);

-- approx_distinct(x) -> bigint: the number of distinct non-NULL values, 0 when there are none.
-- Trino estimates it (HyperLogLog, 2.3 % standard error); here it is exact. DuckDB's own
-- estimate, approx_count_distinct, was 5.6 % off on the 10 000 values 0..9999, over twice the
-- error Trino documents, and an exact count costs little at the sizes a local run has.
CREATE OR REPLACE MACRO approx_distinct(x) AS count(DISTINCT x);
