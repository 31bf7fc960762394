package dev.cutover.logscan;

import dev.cutover.queries.sql.TableName;

/**
 * Where blue's CloudFront logs are queried: the {@code logs} field of the log scan task's payload
 * ({@link LogScanInput}).
 *
 * @param catalog the data catalog ({@code AwsDataCatalog} unless given)
 * @param database the Athena database the log table is in
 * @param table the table over blue's standard logs, as {@code sql/cloudfront-logs-table.ddl}
 *     defines it (the CDK app creates it)
 * @param workGroup the Athena workgroup: its per-query data usage limit applies
 * @param outputLocation where Athena writes results; {@code null} for the workgroup's
 * @param defaultRootObject blue's distribution's default root object, which a request for {@code
 *     /} is served from; {@code null} to leave such requests out
 */
record LogsSettings(
    String catalog, String database, TableName table, String workGroup, String outputLocation, String defaultRootObject) {}
