package dev.cutover.preflight.aws;

import dev.cutover.errors.InternalErrorException;
import dev.cutover.preflight.port.BucketFacts;
import dev.cutover.preflight.port.BucketLocation;
import dev.cutover.preflight.port.DefaultEncryption;
import dev.cutover.preflight.port.LifecycleRule;
import dev.cutover.preflight.port.ListedObject;
import dev.cutover.preflight.port.ListingPage;
import dev.cutover.preflight.port.ObjectProbe;
import dev.cutover.preflight.port.Versioning;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.OwnershipControlsRule;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3.model.Transition;

/**
 * {@link BucketFacts} over the S3 API, every call with {@code x-amz-expected-bucket-owner} so a
 * same-named bucket in another account is refused rather than inspected. Only reads: HeadBucket,
 * GetBucketVersioning, GetBucketOwnershipControls, GetBucketEncryption,
 * GetBucketLifecycleConfiguration, ListObjectsV2, HeadObject.
 */
public final class S3BucketFacts implements BucketFacts {

  /** GetBucketOwnershipControls on a bucket that never set any (HTTP 404). */
  static final String NO_OWNERSHIP_CONTROLS = "OwnershipControlsNotFoundError";

  /** GetBucketEncryption on a bucket without default encryption (HTTP 404; before 2023 only). */
  static final String NO_ENCRYPTION = "ServerSideEncryptionConfigurationNotFoundError";

  /** GetBucketLifecycleConfiguration on a bucket without rules (HTTP 404). */
  static final String NO_LIFECYCLE = "NoSuchLifecycleConfiguration";

  /** S3's largest (and default) page. */
  static final int PAGE_SIZE = 1000;

  private final S3Client s3;
  private final String bucket;
  private final String expectedOwner;
  private final int pageSize;

  /** @param expectedOwner the account that must own the bucket; {@code null} to not check */
  public S3BucketFacts(S3Client s3, String bucket, String expectedOwner) {
    this(s3, bucket, expectedOwner, PAGE_SIZE);
  }

  S3BucketFacts(S3Client s3, String bucket, String expectedOwner, int pageSize) {
    this.s3 = s3;
    this.bucket = bucket;
    this.expectedOwner = expectedOwner;
    this.pageSize = pageSize;
  }

  @Override
  public BucketLocation locate() {
    return call("HeadBucket", "s3:ListBucket",
        () -> new BucketLocation(s3.headBucket(r -> r.bucket(bucket).expectedBucketOwner(expectedOwner)).bucketRegion()));
  }

  @Override
  public Versioning versioning() {
    String status = call("GetBucketVersioning", "s3:GetBucketVersioning",
        () -> s3.getBucketVersioning(r -> r.bucket(bucket).expectedBucketOwner(expectedOwner)).statusAsString());
    if (status == null || status.isEmpty()) {
      return Versioning.NEVER_ENABLED;
    }
    return switch (status) {
      case "Enabled" -> Versioning.ENABLED;
      case "Suspended" -> Versioning.SUSPENDED;
      default -> throw new InternalErrorException(
          "GetBucketVersioning on " + bucket + " returned an unknown status \"" + status + "\"");
    };
  }

  @Override
  public Optional<String> objectOwnership() {
    return callOrAbsent("GetBucketOwnershipControls", "s3:GetBucketOwnershipControls", NO_OWNERSHIP_CONTROLS,
        () -> {
          var controls = s3.getBucketOwnershipControls(r -> r.bucket(bucket).expectedBucketOwner(expectedOwner)).ownershipControls();
          return controls == null ? Optional.<String>empty()
              : controls.rules().stream().map(OwnershipControlsRule::objectOwnershipAsString).findFirst();
        });
  }

  @Override
  public Optional<DefaultEncryption> defaultEncryption() {
    return callOrAbsent("GetBucketEncryption", "s3:GetEncryptionConfiguration", NO_ENCRYPTION,
        () -> {
          var configuration =
              s3.getBucketEncryption(r -> r.bucket(bucket).expectedBucketOwner(expectedOwner)).serverSideEncryptionConfiguration();
          if (configuration == null) {
            return Optional.<DefaultEncryption>empty();
          }
          for (ServerSideEncryptionRule rule : configuration.rules()) {
            ServerSideEncryptionByDefault byDefault = rule.applyServerSideEncryptionByDefault();
            if (byDefault != null && byDefault.sseAlgorithmAsString() != null) {
              return Optional.of(new DefaultEncryption(
                  byDefault.sseAlgorithmAsString(), blankToNull(byDefault.kmsMasterKeyID()), Boolean.TRUE.equals(rule.bucketKeyEnabled())));
            }
          }
          return Optional.<DefaultEncryption>empty();
        });
  }

  @Override
  public List<LifecycleRule> lifecycleRules() {
    return callOrAbsent("GetBucketLifecycleConfiguration", "s3:GetLifecycleConfiguration", NO_LIFECYCLE,
            () -> Optional.of(
                s3.getBucketLifecycleConfiguration(r -> r.bucket(bucket).expectedBucketOwner(expectedOwner)).rules().stream()
                    .map(S3BucketFacts::rule).toList()))
        .orElse(List.of());
  }

  @Override
  public ListingPage list(String prefix, String continuationToken) {
    // URL encoding lets keys with characters XML 1.0 cannot carry be listed; the SDK decodes them.
    ListObjectsV2Response page = call("ListObjectsV2", "s3:ListBucket",
        () -> s3.listObjectsV2(r -> r.bucket(bucket)
            .prefix(prefix.isEmpty() ? null : prefix)
            .continuationToken(continuationToken)
            .maxKeys(pageSize)
            .encodingType(EncodingType.URL)
            .expectedBucketOwner(expectedOwner)));
    return new ListingPage(
        page.contents().stream()
            .map(o -> new ListedObject(o.key(), o.size() == null ? 0 : o.size(),
                o.storageClassAsString() == null ? "STANDARD" : o.storageClassAsString()))
            .toList(),
        Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null);
  }

  @Override
  public ObjectProbe head(String key) {
    HeadObjectResponse head;
    try {
      head = s3.headObject(r -> r.bucket(bucket).key(key).expectedBucketOwner(expectedOwner));
    } catch (S3Exception e) {
      switch (e.statusCode()) {
        case 403 -> {
          return ObjectProbe.of(ObjectProbe.Access.FORBIDDEN);
        }
        case 400 -> {
          return ObjectProbe.of(ObjectProbe.Access.CUSTOMER_KEY_REQUIRED);
        }
        case 404 -> {
          return ObjectProbe.of(ObjectProbe.Access.GONE);
        }
        default -> throw Refusals.of(e, "HeadObject", "s3:GetObject");
      }
    } catch (SdkException e) {
      throw Refusals.of(e, "HeadObject", "s3:GetObject");
    }
    return new ObjectProbe(
        ObjectProbe.Access.READABLE, head.serverSideEncryptionAsString(), head.ssekmsKeyId(), head.archiveStatusAsString());
  }

  /** Reads the legacy {@code Rule/Prefix} too: configurations written before filters still use it. */
  @SuppressWarnings("deprecation")
  private static LifecycleRule rule(software.amazon.awssdk.services.s3.model.LifecycleRule rule) {
    LifecycleRuleFilter filter = rule.filter();
    String prefix = rule.prefix();
    boolean narrowed = false;
    if (filter != null) {
      if (filter.prefix() != null) {
        prefix = filter.prefix();
      }
      if (filter.and() != null) {
        if (filter.and().prefix() != null) {
          prefix = filter.and().prefix();
        }
        narrowed = !filter.and().tags().isEmpty()
            || filter.and().objectSizeGreaterThan() != null || filter.and().objectSizeLessThan() != null;
      }
      narrowed = narrowed || filter.tag() != null || filter.objectSizeGreaterThan() != null || filter.objectSizeLessThan() != null;
    }
    var expiration = rule.expiration();
    return new LifecycleRule(
        rule.id(),
        rule.status() == ExpirationStatus.ENABLED,
        prefix,
        narrowed,
        expiration == null ? null : expiration.days(),
        expiration == null || expiration.date() == null ? null : expiration.date().toString(),
        rule.transitions().stream().map(Transition::storageClassAsString).toList());
  }

  private <T> T call(String operation, String permission, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw Refusals.of(e, operation, permission);
    }
  }

  /** A configuration read whose "none configured" answer is a 404 with {@code absentCode}. */
  private <T> Optional<T> callOrAbsent(String operation, String permission, String absentCode, Supplier<Optional<T>> call) {
    try {
      return call.get();
    } catch (S3Exception e) {
      if (absentCode.equals(Refusals.code(e))) {
        return Optional.empty();
      }
      throw Refusals.of(e, operation, permission);
    } catch (SdkException e) {
      throw Refusals.of(e, operation, permission);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
