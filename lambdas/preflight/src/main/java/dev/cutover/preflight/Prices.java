package dev.cutover.preflight;

/**
 * The list prices the cost estimate uses, carried in the result so the report shows what the
 * figures rest on. AWS list prices for US East (N. Virginia), looked up in November 2026:
 *
 * <ul>
 *   <li>{@code batchJobUsd} $0.25 per S3 Batch Operations job and {@code
 *       batchPerMillionObjectsUsd} $1.00 per million object operations: Amazon S3 pricing,
 *       "Management &amp; insights" tab, https://aws.amazon.com/s3/pricing/. The per-job fee is
 *       confirmed by Yelp's write-up of running Batch Operations at scale ("flat $0.25 per bucket
 *       per job", 2025-09-26, summarised at https://sysdesign-wiki.pages.dev/systems/s3-batch-operations/);
 *       the per-object fee could not be confirmed from the pages reachable when this was written:
 *       check it on the pricing page before relying on large estimates.
 *   <li>{@code putPer1000Usd} $0.005 per 1,000 PUT, COPY, POST, LIST requests to S3 Standard, which
 *       is what each replica costs in the destination: same page, "Requests &amp; data
 *       retrievals"; also https://c3x.dev/blog/s3-request-fees-explained ("PUT, COPY, POST, LIST
 *       (Tier 1): $0.005 per 1,000 requests"). Replicas stored in colder classes pay more per PUT.
 *   <li>{@code kmsPer10000Usd} $0.03 per 10,000 symmetric-key requests beyond the free tier of
 *       20,000 a month: https://aws.amazon.com/kms/pricing/; also
 *       https://www.wring.co/blog/aws-kms-pricing-guide and
 *       https://www.factualminds.com/blog/aws-kms-pricing-keys-requests-multi-region/ ("KMS pricing
 *       breakdown — us-east-1, June 2026").
 *   <li>{@code interRegionPerGbUsd} $0.02 per GB of data transfer from S3 to another AWS region
 *       (cross-region replication): same S3 page, "Data transfer"; also
 *       https://awsnegotiations.com/cross-region-transfer-minimization.html ("US-East-1 → US-West-2
 *       ... $0.02", most pairs; higher from São Paulo, Cape Town, Bahrain, Hong Kong).
 * </ul>
 *
 * Other regions differ by up to a few tens of percent; the estimate is for deciding, not billing.
 */
public record Prices(
    String source,
    double batchJobUsd,
    double batchPerMillionObjectsUsd,
    double putPer1000Usd,
    double kmsPer10000Usd,
    double interRegionPerGbUsd) {

  /** The prices above. */
  public static final Prices US_EAST_1 =
      new Prices("AWS list prices, us-east-1, November 2026", 0.25, 1.00, 0.005, 0.03, 0.02);
}
