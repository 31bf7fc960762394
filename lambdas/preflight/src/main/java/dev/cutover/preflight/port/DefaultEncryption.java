package dev.cutover.preflight.port;

/**
 * A bucket's default encryption (the first rule of GetBucketEncryption).
 *
 * @param algorithm {@code AES256} (SSE-S3), {@code aws:kms} (SSE-KMS) or {@code aws:kms:dsse}
 *     (DSSE-KMS)
 * @param kmsKeyId the key as configured (key id, key ARN, alias name or alias ARN); {@code null}
 *     for SSE-KMS without a key, which means the AWS managed key {@code aws/s3}
 * @param bucketKeyEnabled whether S3 Bucket Keys cut the KMS calls
 */
public record DefaultEncryption(String algorithm, String kmsKeyId, boolean bucketKeyEnabled) {

  /** Whether new objects are encrypted with a KMS key (SSE-KMS or DSSE-KMS). */
  public boolean usesKms() {
    return algorithm != null && algorithm.startsWith("aws:kms");
  }
}
