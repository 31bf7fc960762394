package dev.cutover.preflight.port;

/**
 * What HeadObject says about one sampled object.
 *
 * @param access whether the role could read it
 * @param serverSideEncryption {@code AES256}, {@code aws:kms}, {@code aws:kms:dsse}, or {@code
 *     null} (only when {@link Access#READABLE})
 * @param kmsKeyId the KMS key S3 names for an SSE-KMS object ({@code
 *     x-amz-server-side-encryption-aws-kms-key-id}), or {@code null}
 * @param archiveStatus {@code ARCHIVE_ACCESS} or {@code DEEP_ARCHIVE_ACCESS} for an object in an
 *     S3 Intelligent-Tiering archive tier ({@code x-amz-archive-status}), else {@code null}
 */
public record ObjectProbe(Access access, String serverSideEncryption, String kmsKeyId, String archiveStatus) {

  /** How HeadObject answered. */
  public enum Access {
    /** 200: metadata read. */
    READABLE,
    /**
     * 403: the role may not read it. For one object among readable ones this means the object
     * belongs to another account (ACLs); S3 replicates only what the bucket owner can read.
     */
    FORBIDDEN,
    /** 400: encrypted with a customer-provided key (SSE-C); HEAD needs the key. */
    CUSTOMER_KEY_REQUIRED,
    /** 404: deleted since it was listed. */
    GONE
  }

  public static ObjectProbe of(Access access) {
    return new ObjectProbe(access, null, null, null);
  }

  public boolean usesKms() {
    return serverSideEncryption != null && serverSideEncryption.startsWith("aws:kms");
  }
}
