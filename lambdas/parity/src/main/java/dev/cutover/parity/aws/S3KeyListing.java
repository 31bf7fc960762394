package dev.cutover.parity.aws;

import dev.cutover.aws.AwsErrors;
import dev.cutover.parity.port.KeyListing;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@link KeyListing} as one ListObjectsV2 page. */
public final class S3KeyListing implements KeyListing {

  /** The most keys ListObjectsV2 returns in one page. */
  static final int PAGE = 1000;

  private final S3Client s3;
  private final String bucket;
  private final String expectedOwner;

  public S3KeyListing(S3Client s3, String bucket, String expectedOwner) {
    this.s3 = s3;
    this.bucket = bucket;
    this.expectedOwner = expectedOwner;
  }

  @Override
  public List<String> firstKeys(String prefix, int max) {
    try {
      return s3
          .listObjectsV2(
              r -> r.bucket(bucket)
                  .prefix(prefix.isEmpty() ? null : prefix)
                  .maxKeys(Math.min(max, PAGE))
                  .expectedBucketOwner(expectedOwner))
          .contents()
          .stream()
          .map(S3Object::key)
          .toList();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "ListObjectsV2");
    }
  }
}
