package dev.cutover.preflight.port;

import java.util.List;
import java.util.Optional;

/**
 * What preflight reads about one bucket: read-only calls only (HeadBucket, the bucket's
 * versioning, ownership, default encryption and lifecycle configuration, ListObjectsV2,
 * HeadObject).
 *
 * <p>Every method throws {@link Refusal} when AWS refuses the call (access denied, no such
 * bucket, wrong region, a role that cannot be assumed), which the step turns into a finding.
 * Other failures are the error contract ({@code dev.cutover.errors}): throttling and 5xx answers
 * are {@code TransientException}, which the state machine retries.
 */
public interface BucketFacts {

  /** HeadBucket: the bucket exists, the role may list it, and where it is. */
  BucketLocation locate();

  /** GetBucketVersioning. */
  Versioning versioning();

  /**
   * GetBucketOwnershipControls: {@code BucketOwnerEnforced}, {@code BucketOwnerPreferred} or
   * {@code ObjectWriter}; empty when the bucket has no ownership controls (buckets created before
   * April 2023 that never set one behave as {@code ObjectWriter}).
   */
  Optional<String> objectOwnership();

  /** GetBucketEncryption: the default encryption; empty when none is configured. */
  Optional<DefaultEncryption> defaultEncryption();

  /** GetBucketLifecycleConfiguration: every rule, enabled or not; empty when there is none. */
  List<LifecycleRule> lifecycleRules();

  /**
   * One page of ListObjectsV2 under {@code prefix} (current versions, with storage class).
   *
   * @param continuationToken {@code null} for the first page, then the previous page's {@link
   *     ListingPage#nextToken()}
   */
  ListingPage list(String prefix, String continuationToken);

  /**
   * HeadObject of one key as the role sees it. A refusal of this one object is not a {@link
   * Refusal} but an {@link ObjectProbe} saying so: objects can be unreadable one by one.
   */
  ObjectProbe head(String key);
}
