package dev.cutover.cutover.aws;

import dev.cutover.aws.AwsErrors;
import dev.cutover.cutover.port.RecordLocation;
import dev.cutover.cutover.port.RecordStore;
import dev.cutover.errors.TransientException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@link RecordStore} in the report bucket. The record is written with {@code If-None-Match: *},
 * so S3 itself refuses to replace one that exists, even when two invocations race; both calls
 * name the expected bucket owner, so a mistyped bucket in another account is refused.
 */
public final class S3RecordStore implements RecordStore {

  /** User metadata naming the execution that wrote the record. */
  static final String RECORDED_BY = "cutover-recorded-by";

  private final Function<RecordLocation, S3Client> clients;

  /** @param clients the client to reach the report bucket with (green's role, its region) */
  public S3RecordStore(Function<RecordLocation, S3Client> clients) {
    this.clients = clients;
  }

  @Override
  public Optional<byte[]> read(RecordLocation at) {
    try {
      return Optional.of(
          clients.apply(at)
              .getObjectAsBytes(r -> r.bucket(at.bucket()).key(at.key()).expectedBucketOwner(at.expectedOwner()))
              .asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "GetObject " + at.uri());
    }
  }

  @Override
  public boolean createIfAbsent(RecordLocation at, byte[] content, String recordedBy) {
    try {
      clients.apply(at)
          .putObject(
              r ->
                  r.bucket(at.bucket())
                      .key(at.key())
                      .expectedBucketOwner(at.expectedOwner())
                      .ifNoneMatch("*")
                      .contentType("application/json")
                      .metadata(Map.of(RECORDED_BY, recordedBy)),
              RequestBody.fromBytes(content));
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() == 412) {
        return false;
      }
      if (e.statusCode() == 409) {
        throw new TransientException(
            "Another invocation is writing " + at.uri() + " at the same time (ConditionalRequestConflict); retry.", e);
      }
      throw AwsErrors.translate(e, "PutObject " + at.uri());
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "PutObject " + at.uri());
    }
  }
}
