package dev.cutover.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.iam.PolicyStatement;

/** Small builders for the role policies, so each statement reads as actions on named resources. */
final class Policies {

  private Policies() {}

  static PolicyStatement allow(String sid, List<String> actions, List<String> resources) {
    return PolicyStatement.Builder.create().sid(sid).actions(actions).resources(resources).build();
  }

  static PolicyStatement allow(String sid, List<String> actions, List<String> resources, Map<String, Object> conditions) {
    return PolicyStatement.Builder.create().sid(sid).actions(actions).resources(resources).conditions(conditions).build();
  }

  static String bucketArn(String bucket) {
    return "arn:aws:s3:::" + bucket;
  }

  static String objectsArn(String bucket) {
    return "arn:aws:s3:::" + bucket + "/*";
  }

  /** Read a bucket's settings and list it: what preflight, verify and parity need of either side. */
  static final List<String> BUCKET_READ =
      List.of(
          "s3:ListBucket",
          "s3:ListBucketVersions",
          "s3:GetBucketLocation",
          "s3:GetBucketVersioning",
          "s3:GetEncryptionConfiguration",
          "s3:GetBucketOwnershipControls",
          "s3:GetLifecycleConfiguration",
          "s3:GetReplicationConfiguration");

  /** HEAD / GET an object and its tags and attributes; never a write. */
  static final List<String> OBJECT_READ =
      List.of(
          "s3:GetObject",
          "s3:GetObjectVersion",
          "s3:GetObjectTagging",
          "s3:GetObjectVersionTagging",
          "s3:GetObjectAttributes",
          "s3:GetObjectVersionAttributes");

  /** The CloudFront configuration parity compares, besides the distribution itself. */
  static final List<String> EDGE_POLICY_READ =
      List.of(
          "cloudfront:GetCachePolicy",
          "cloudfront:GetOriginRequestPolicy",
          "cloudfront:GetResponseHeadersPolicy",
          "cloudfront:GetOriginAccessControl",
          "cloudfront:DescribeFunction",
          "cloudfront:GetFunction");

  /** The account-scoped ARNs of what {@link #EDGE_POLICY_READ} reads. */
  static List<String> edgePolicyArns(String account) {
    return List.of(
        "arn:aws:cloudfront::" + account + ":cache-policy/*",
        "arn:aws:cloudfront::" + account + ":origin-request-policy/*",
        "arn:aws:cloudfront::" + account + ":response-headers-policy/*",
        "arn:aws:cloudfront::" + account + ":origin-access-control/*",
        "arn:aws:cloudfront::" + account + ":function/*");
  }

  /** The distribution calls: read it, move the alias (cutover / rollback), check alias conflicts. */
  static final List<String> DISTRIBUTION =
      List.of(
          "cloudfront:GetDistribution",
          "cloudfront:GetDistributionConfig",
          "cloudfront:UpdateDistribution",
          "cloudfront:ListConflictingAliases",
          "cloudfront:ListDomainConflicts");

  static String distributionArn(String account, String distributionId) {
    return "arn:aws:cloudfront::" + account + ":distribution/" + distributionId;
  }
}
