package dev.cutover.plan;

import java.util.List;

/**
 * Every default a plan field takes when the input leaves it out. The README's plan table is
 * checked against these values by a test, so the two cannot drift.
 */
public final class PlanDefaults {

  private PlanDefaults() {}

  /** The metadata a browser depends on, plus tags and storage class: everything the verify step knows how to compare. */
  public static final List<String> METADATA_FIELDS =
      List.of(
          "Content-Type",
          "Cache-Control",
          "Content-Encoding",
          "Content-Disposition",
          "Content-Language",
          "Expires",
          "x-amz-meta-*",
          "website-redirect",
          "tags",
          "storage-class");

  /** Objects allowed to differ before verification fails. */
  public static final int MISMATCH_TOLERANCE = 0;

  public static final int LOG_SCAN_WINDOW_DAYS = 7;
  public static final int LOG_SCAN_TOP_N = 1000;
  public static final int PROBE_SAMPLE_SIZE = 50;

  /** No configuration difference between the distributions is intended unless the plan says so. */
  public static final List<String> PARITY_ALLOW = List.of();

  /** 24 hours for a person to approve the cutover. */
  public static final int APPROVAL_TIMEOUT_SECONDS = 86_400;

  public static final boolean APPROVER_MUST_DIFFER_FROM_STARTER = true;

  /** 30 minutes of watching green after the cutover. */
  public static final int BAKE_DURATION_SECONDS = 1_800;

  public static final int BAKE_POLL_INTERVAL_SECONDS = 60;
  public static final double MAX_5XX_ERROR_RATE_PERCENT = 1.0;
  public static final double MAX_4XX_ERROR_RATE_PERCENT = 10.0;

  public static final String REPORT_PREFIX = "cutover/";

  /** S3 Batch Operations job priority; higher runs first. */
  public static final int BATCH_PRIORITY = 10;

  /** Deletes on blue during the dual run also hide the object on green, so the two stay equal. */
  public static final boolean REPLICATE_DELETE_MARKERS = true;

  /** Off by default: reverse replication writes into the blue bucket. */
  public static final boolean REVERSE_REPLICATION_AFTER_CUTOVER = false;
}
