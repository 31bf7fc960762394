package dev.cutover.preflight;

import dev.cutover.plan.Arn;
import dev.cutover.plan.Side;
import dev.cutover.preflight.port.BucketFacts;
import dev.cutover.preflight.port.BucketLocation;
import dev.cutover.preflight.port.BucketRef;
import dev.cutover.preflight.port.DefaultEncryption;
import dev.cutover.preflight.port.Facts;
import dev.cutover.preflight.port.LifecycleRule;
import dev.cutover.preflight.port.ListingPage;
import dev.cutover.preflight.port.Refusal;
import dev.cutover.preflight.port.Versioning;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One side of the migration as the checks see it: the plan's view of it, and its bucket's facts
 * read at most once each. Every read goes through {@link #read}, which turns a {@link Refusal}
 * into a finding naming the role, the resource and the permission to grant, so a refused call
 * never stops the other checks.
 *
 * <p>When no call on this side can succeed (the bucket does not exist, is in another region, or
 * the role cannot be assumed) the side is marked unreachable after one finding, and later reads
 * return empty without adding more findings that would all say the same thing.
 */
final class SideView {

  /** What a refused call needed access to, for the resource ARN the fix names. */
  enum Resource {
    BUCKET,
    OBJECTS,
    KEYS
  }

  final BucketSide side;
  final Side plan;
  final BucketRef ref;
  /** The key prefix the migration covers on this side; empty for the whole bucket. */
  final String prefix;

  private final Facts facts;
  private final BucketFacts bucket;
  private final Findings findings;
  private final Map<String, Optional<?>> memo = new HashMap<>();
  private boolean reachable = true;

  SideView(BucketSide side, Side plan, String prefix, String sessionName, Facts facts, Findings findings) {
    this.side = side;
    this.plan = plan;
    this.prefix = prefix;
    this.ref = new BucketRef(plan.bucket(), plan.region(), plan.roleArn(), sessionName, plan.accountId());
    this.facts = facts;
    this.bucket = facts.bucket(ref);
    this.findings = findings;
  }

  boolean reachable() {
    return reachable;
  }

  /** {@code s3://bucket}. */
  String subject() {
    return ref.uri();
  }

  /** {@code s3://bucket/prefix}: what the migration covers. */
  String prefixSubject() {
    return ref.uri() + "/" + prefix;
  }

  /** "blue" or "green". */
  String colour() {
    return side.colour();
  }

  /** The plan's name for this side: {@code source} or {@code target}. */
  String field() {
    return side.jsonName();
  }

  /**
   * HeadBucket: the bucket exists, in the plan's region, and the role may list it. An unreachable
   * bucket is one BLOCKER and ends the checks of this side.
   */
  void checkReachable() {
    Optional<BucketLocation> location =
        read("HeadBucket", "reachability", Severity.BLOCKER, "whether it exists and can be listed", Resource.BUCKET, bucket::locate);
    if (location.isEmpty()) {
      return;
    }
    String actual = location.get().region();
    if (actual != null && !actual.equals(plan.region())) {
      wrongRegion(actual, "HeadBucket");
      return;
    }
    findings.add(
        Finding.of(
            "reachability", Severity.INFO, side, subject(),
            subject() + " exists in " + plan.region() + " and " + plan.roleArn() + " may list it.", ""));
  }

  Optional<Versioning> versioning() {
    return read("GetBucketVersioning", "versioning", Severity.BLOCKER,
        "whether versioning is enabled (replication needs it on both buckets)", Resource.BUCKET, bucket::versioning);
  }

  /** Present with an empty inner value when the bucket has no ownership controls. */
  Optional<Optional<String>> objectOwnership() {
    return read("GetBucketOwnershipControls", "ownership", Severity.WARNING,
        "who owns the objects written to it (Object Ownership)", Resource.BUCKET, bucket::objectOwnership);
  }

  /** Present with an empty inner value when the bucket has no default encryption. */
  Optional<Optional<DefaultEncryption>> defaultEncryption(Severity ifRefused) {
    return read("GetBucketEncryption", "encryption", ifRefused,
        "how new objects are encrypted (default encryption)", Resource.BUCKET, bucket::defaultEncryption);
  }

  Optional<List<LifecycleRule>> lifecycleRules(Severity ifRefused) {
    return read("GetBucketLifecycleConfiguration", "lifecycle", ifRefused,
        "whether lifecycle rules expire or archive objects under the prefix", Resource.BUCKET, bucket::lifecycleRules);
  }

  /**
   * The ARN of this account's AWS managed S3 key in this region; present with an empty inner
   * value when it does not exist.
   */
  Optional<Optional<String>> awsManagedS3Key(Severity ifRefused) {
    return read("DescribeKey", "encryption", ifRefused,
        "whether its SSE-KMS objects use the AWS managed key aws/s3", Resource.KEYS,
        () -> facts.keys(ref).awsManagedS3KeyArn());
  }

  /** One listing page, not remembered (a listing is read once, page by page). */
  Optional<ListingPage> list(String check, Severity ifRefused, String unchecked, String token) {
    return call(check, ifRefused, unchecked, Resource.BUCKET, () -> bucket.list(prefix, token));
  }

  BucketFacts bucket() {
    return bucket;
  }

  /** Runs {@code call} once per {@code operation}; a refusal becomes a finding and an empty result. */
  @SuppressWarnings("unchecked")
  private <T> Optional<T> read(
      String operation, String check, Severity ifRefused, String unchecked, Resource resource, Supplier<T> call) {
    if (memo.containsKey(operation)) {
      return (Optional<T>) memo.get(operation);
    }
    Optional<T> result = call(check, ifRefused, unchecked, resource, call);
    memo.put(operation, result);
    return result;
  }

  /** Runs {@code call}; a refusal becomes a finding and an empty result. */
  <T> Optional<T> call(String check, Severity ifRefused, String unchecked, Resource resource, Supplier<T> call) {
    if (!reachable) {
      return Optional.empty();
    }
    try {
      return Optional.of(call.get());
    } catch (Refusal refusal) {
      refused(refusal, check, ifRefused, unchecked, resource);
      return Optional.empty();
    }
  }

  /** Reports a refused call; a refusal that no other call on this side can avoid ends the side's checks. */
  void refused(Refusal refusal, String check, Severity ifRefused, String unchecked, Resource resource) {
    switch (refusal.reason()) {
      case ACCESS_DENIED -> findings.add(denied(refusal, check, ifRefused, unchecked, resource));
      case ROLE_NOT_ASSUMABLE -> {
        reachable = false;
        findings.add(
            Finding.of(
                "reachability", Severity.BLOCKER, side, subject(),
                "cutover could not assume " + colour() + "'s role " + plan.roleArn() + " (" + refusal.detail()
                    + "), so nothing about " + subject() + " could be checked.",
                "Check " + field() + ".roleArn in the plan. The role's trust policy must allow sts:AssumeRole by the"
                    + " cutover function's execution role, and the execution role's policy must allow sts:AssumeRole on "
                    + plan.roleArn() + "."));
      }
      case NO_SUCH_BUCKET -> {
        reachable = false;
        findings.add(
            Finding.of(
                "reachability", Severity.BLOCKER, side, subject(),
                subject() + " does not exist (" + refusal.detail() + ").",
                "Check " + field() + ".bucket in the plan, or create the bucket in account " + plan.accountId()
                    + ", region " + plan.region() + "."));
      }
      case WRONG_REGION -> wrongRegion(refusal.actualRegion(), refusal.operation());
    }
  }

  private void wrongRegion(String actual, String operation) {
    reachable = false;
    String where = actual == null ? "another region" : actual;
    findings.add(
        Finding.of(
            "reachability", Severity.BLOCKER, side, subject(),
            subject() + " is in " + where + ", not in " + plan.region() + " as " + field() + ".region says ("
                + operation + " was redirected).",
            actual == null
                ? "Set " + field() + ".region to the bucket's region (the S3 console shows it)."
                : "Set " + field() + ".region to " + actual + "."));
  }

  private Finding denied(Refusal refusal, String check, Severity severity, String unchecked, Resource resource) {
    String resourceArn = resourceArn(resource);
    return Finding.of(
        check, severity, side, subject(),
        Character.toUpperCase(colour().charAt(0)) + colour().substring(1) + "'s role " + plan.roleArn() + " may not call " + refusal.operation() + " on "
            + (resource == Resource.KEYS ? "KMS keys of account " + plan.accountId() + " in " + plan.region() : subject())
            + " (" + refusal.detail() + "), so preflight could not check " + unchecked + ".",
        "Allow " + refusal.permission() + " on " + resourceArn + " to " + plan.roleArn()
            + " in its IAM policy, and check that no bucket or key policy, SCP or permissions boundary denies it."
            + (resource == Resource.KEYS
                ? ""
                : " If " + plan.bucket() + " does not belong to account " + plan.accountId()
                    + ", fix " + field() + ".accountId or " + field() + ".bucket instead: S3 refuses calls whose expected"
                    + " bucket owner does not match."));
  }

  /** The ARN a policy names to allow a call on {@code resource} of this side. */
  String resourceArn(Resource resource) {
    String partition = Arn.parse(plan.roleArn()).map(Arn::partition).orElse("aws");
    return switch (resource) {
      case BUCKET -> "arn:" + partition + ":s3:::" + plan.bucket();
      case OBJECTS -> "arn:" + partition + ":s3:::" + plan.bucket() + "/" + prefix + "*";
      case KEYS -> "arn:" + partition + ":kms:" + plan.region() + ":" + plan.accountId() + ":key/*";
    };
  }
}
