-- inventory-latest-dt: the newest inventory delivery (dt partition) in an S3 Inventory table.
--
-- tables: inventory
-- parameters:
--
-- S3 Inventory's Hive layout partitions the table by dt (YYYY-MM-DD-HH-MM, the delivery's
-- start), so the newest delivery is the largest dt. An inventory diff reads exactly one dt per
-- table: without one given, it asks this first. NULL when the table has no partition yet.
SELECT max(dt) AS dt FROM {{inventory}}
