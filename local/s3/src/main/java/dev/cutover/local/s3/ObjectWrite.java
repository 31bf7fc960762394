package dev.cutover.local.s3;

import java.util.Optional;

/**
 * One successful object write seen by {@link LocalS3}: what the local replication copier (and any
 * other listener) needs to find the object that changed.
 *
 * @param bucket the bucket written to
 * @param key the object key, decoded
 * @param versionId the version the write created (a delete marker's for {@link Kind#DELETE}), when
 *     the server reported one: only in a bucket with versioning enabled
 * @param kind which request made it
 */
public record ObjectWrite(String bucket, String key, Optional<String> versionId, Kind kind) {

  /** The S3 request behind a write. */
  public enum Kind {
    /** PutObject. */
    PUT,
    /** CopyObject (a PUT with {@code x-amz-copy-source}). */
    COPY,
    /** CompleteMultipartUpload. */
    COMPLETE_MULTIPART_UPLOAD,
    /** DeleteObject (DeleteObjects, the batch form, is not reported). */
    DELETE
  }
}
