package dev.cutover.verify.aws;

import dev.cutover.aws.AwsErrors;
import dev.cutover.verify.port.ListedObject;
import dev.cutover.verify.port.ListingPage;
import dev.cutover.verify.port.ObjectHead;
import dev.cutover.verify.port.ObjectStore;
import dev.cutover.verify.port.StoredChecksum;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.GetObjectTaggingResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * {@link ObjectStore} over the S3 API: ListObjectsV2, HeadObject with checksum mode, and
 * GetObjectTagging, each sent with the bucket's expected owner when known.
 */
public final class S3ObjectStore implements ObjectStore {

  /** A composite checksum ends in {@code -<parts>}. */
  private static final Pattern COMPOSITE_SUFFIX = Pattern.compile(".*-\\d+$");

  /** {@code aws-chunked} describes how an upload was sent; S3 does not store it as an encoding. */
  private static final String AWS_CHUNKED = "aws-chunked";

  /** S3's largest (and default) page. */
  static final int PAGE_SIZE = 1000;

  private final S3Client s3;
  private final String bucket;
  private final String expectedOwner;
  private final int pageSize;

  /**
   * @param expectedOwner the account that must own the bucket; {@code null} to not check
   */
  public S3ObjectStore(S3Client s3, String bucket, String expectedOwner) {
    this(s3, bucket, expectedOwner, PAGE_SIZE);
  }

  S3ObjectStore(S3Client s3, String bucket, String expectedOwner, int pageSize) {
    this.s3 = s3;
    this.bucket = bucket;
    this.expectedOwner = expectedOwner;
    this.pageSize = pageSize;
  }

  @Override
  public String bucket() {
    return bucket;
  }

  @Override
  public ListingPage list(String prefix, String startAfter, String continuationToken) {
    ListObjectsV2Response page;
    try {
      // URL encoding lets keys with characters XML 1.0 cannot carry be listed; the SDK decodes them.
      page =
          s3.listObjectsV2(
              r ->
                  r.bucket(bucket)
                      .prefix(prefix.isEmpty() ? null : prefix)
                      .startAfter(continuationToken == null ? startAfter : null)
                      .continuationToken(continuationToken)
                      .maxKeys(pageSize)
                      .encodingType(EncodingType.URL)
                      .expectedBucketOwner(expectedOwner));
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "ListObjectsV2");
    }
    return new ListingPage(
        page.contents().stream().map(o -> new ListedObject(o.key(), o.size())).toList(),
        Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null);
  }

  @Override
  public Optional<ObjectHead> head(String key) {
    HeadObjectResponse head;
    try {
      head =
          s3.headObject(
              r -> r.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED).expectedBucketOwner(expectedOwner));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw AwsErrors.translate(e, "HeadObject");
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "HeadObject");
    }
    return Optional.of(toHead(head));
  }

  @Override
  public Optional<Map<String, String>> tags(String key) {
    GetObjectTaggingResponse tagging;
    try {
      tagging = s3.getObjectTagging(r -> r.bucket(bucket).key(key).expectedBucketOwner(expectedOwner));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw AwsErrors.translate(e, "GetObjectTagging");
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "GetObjectTagging");
    }
    return Optional.of(tagging.tagSet().stream().collect(Collectors.toMap(Tag::key, Tag::value)));
  }

  static ObjectHead toHead(HeadObjectResponse head) {
    Map<String, String> headers = new HashMap<>();
    put(headers, "Content-Type", head.contentType());
    put(headers, "Cache-Control", head.cacheControl());
    put(headers, "Content-Encoding", contentEncoding(head.contentEncoding()));
    put(headers, "Content-Disposition", head.contentDisposition());
    put(headers, "Content-Language", head.contentLanguage());
    // As sent: the SDK also parses Expires, which would lose a value that is not an HTTP date.
    put(headers, "Expires", head.expiresString());
    put(headers, "website-redirect", head.websiteRedirectLocation());
    // HEAD leaves x-amz-storage-class out for STANDARD.
    headers.put("storage-class", head.storageClassAsString() == null ? "STANDARD" : head.storageClassAsString());
    Map<String, String> userMetadata = new HashMap<>();
    head.metadata().forEach((name, value) -> userMetadata.put(name.toLowerCase(Locale.ROOT), value));
    return new ObjectHead(
        head.contentLength() == null ? 0 : head.contentLength(),
        head.eTag(),
        checksum(head),
        head.serverSideEncryptionAsString(),
        head.sseCustomerAlgorithm() != null,
        headers,
        userMetadata);
  }

  private static StoredChecksum checksum(HeadObjectResponse head) {
    String[][] candidates = {
      {"CRC64NVME", head.checksumCRC64NVME()},
      {"CRC32C", head.checksumCRC32C()},
      {"CRC32", head.checksumCRC32()},
      {"SHA256", head.checksumSHA256()},
      {"SHA1", head.checksumSHA1()},
    };
    for (String[] candidate : candidates) {
      String value = candidate[1];
      if (value != null) {
        boolean fullObject =
            head.checksumType() != null
                ? head.checksumType() == ChecksumType.FULL_OBJECT
                : !COMPOSITE_SUFFIX.matcher(value).matches();
        return new StoredChecksum(candidate[0], value, fullObject);
      }
    }
    return null;
  }

  /** The stored content codings without {@code aws-chunked}; {@code null} when none is left. */
  private static String contentEncoding(String value) {
    if (value == null) {
      return null;
    }
    String kept =
        Arrays.stream(value.split(","))
            .map(String::strip)
            .filter(coding -> !coding.isEmpty() && !coding.equalsIgnoreCase(AWS_CHUNKED))
            .collect(Collectors.joining(","));
    return kept.isEmpty() ? null : kept;
  }

  private static void put(Map<String, String> map, String field, String value) {
    if (value != null) {
      map.put(field, value);
    }
  }
}
