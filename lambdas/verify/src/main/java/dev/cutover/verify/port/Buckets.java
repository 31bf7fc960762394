package dev.cutover.verify.port;

/** Opens the buckets a verification reads (blue, green) and writes its report to. */
public interface Buckets {

  /** Read access to the objects of one bucket. */
  ObjectStore objects(BucketRef bucket);

  /** Where the full findings list is written. */
  ReportStore reports(BucketRef bucket);
}
