package dev.cutover.preflight.port;

/**
 * Opens read-only views of one side of the migration: its bucket, and the KMS keys of its
 * account and region. Nothing reached through this port can change anything.
 */
public interface Facts {

  /** The bucket's configuration and objects, read as {@link BucketRef#roleArn()}. */
  BucketFacts bucket(BucketRef bucket);

  /** KMS key metadata in the bucket's account and region, read as {@link BucketRef#roleArn()}. */
  KeyFacts keys(BucketRef bucket);
}
