package dev.cutover.parity.port;

/** Opens what the parity step reads and writes, each as the account that owns it. */
public interface Accounts {

  /** One side's CloudFront. */
  EdgeConfigs edge(AccountRef account);

  /** Keys of a bucket. */
  KeyListing keys(BucketRef bucket);

  /** The report bucket. */
  ReportStore reports(BucketRef bucket);
}
