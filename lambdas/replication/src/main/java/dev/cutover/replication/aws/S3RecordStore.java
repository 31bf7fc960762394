package dev.cutover.replication.aws;

import dev.cutover.aws.AwsErrors;
import dev.cutover.errors.TransientException;
import dev.cutover.replication.port.Bucket;
import dev.cutover.replication.port.RecordStore;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@link RecordStore} in the report bucket. A record is written with {@code If-None-Match: *}, so
 * S3 itself refuses to replace one that exists, even when two runs race.
 */
public final class S3RecordStore implements RecordStore {

  /** User metadata naming the execution that wrote a record. */
  static final String RECORDED_BY = "cutover-recorded-by";

  private final S3Clients clients;

  public S3RecordStore(S3Clients clients) {
    this.clients = clients;
  }

  @Override
  public Optional<byte[]> read(Bucket bucket, String key) {
    try {
      return Optional.of(
          clients.forBucket(bucket).getObjectAsBytes(r -> r.bucket(bucket.name()).key(key)).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "GetObject");
    }
  }

  @Override
  public boolean createIfAbsent(Bucket bucket, String key, byte[] content, String recordedBy) {
    try {
      clients
          .forBucket(bucket)
          .putObject(
              r ->
                  r.bucket(bucket.name())
                      .key(key)
                      .ifNoneMatch("*")
                      .contentType("application/xml")
                      .metadata(Map.of(RECORDED_BY, recordedBy)),
              RequestBody.fromBytes(content));
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() == 412) {
        return false;
      }
      if (e.statusCode() == 409) {
        throw new TransientException(
            "Another run is writing s3://" + bucket.name() + "/" + key + " at the same time"
                + " (ConditionalRequestConflict); retry.", e);
      }
      throw AwsErrors.translate(e, "PutObject");
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "PutObject");
    }
  }
}
