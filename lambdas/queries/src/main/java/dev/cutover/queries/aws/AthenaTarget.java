package dev.cutover.queries.aws;

import java.util.Objects;

/**
 * Where Athena runs a query and what it reads by default.
 *
 * @param catalog the data catalog, {@code AwsDataCatalog} for Glue
 * @param database the database unqualified table names in the SQL resolve in
 * @param workGroup the workgroup: its per-query data usage limit, engine version and (when it
 *     enforces its configuration) its result location apply
 * @param outputLocation where Athena writes the result ({@code s3://bucket/prefix/}); {@code null}
 *     to use the workgroup's
 */
public record AthenaTarget(String catalog, String database, String workGroup, String outputLocation) {

  /** Glue's catalog, Athena's default. */
  public static final String DEFAULT_CATALOG = "AwsDataCatalog";

  public AthenaTarget {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(workGroup, "workGroup");
  }
}
