package dev.cutover.infra;

import static dev.cutover.infra.CutoverStack.nagApplies;
import static dev.cutover.infra.Policies.allow;
import static dev.cutover.infra.Policies.bucketArn;
import static dev.cutover.infra.Policies.objectsArn;

import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * The roles cutover needs in blue's (the source) account, deployed there with blue's credentials
 * ({@code npx cdk deploy CutoverSource}): the access role the steps assume (the plans'
 * {@code source.roleArn}), the replication role S3 assumes to copy blue → green, and the Batch
 * Operations role of the Batch Replication and compute-checksum jobs on blue.
 *
 * <p>Names are fixed ({@link CutoverSettings}) because the other account refers to them before
 * either stack can read the other's outputs. Nothing here may write or delete an object of blue's
 * bucket: replication reads blue and writes green, the steps only read blue's objects.
 */
public final class SourceAccountStack extends Stack {

  public SourceAccountStack(Construct scope, String id, StackProps props, CutoverSettings settings) {
    super(scope, id, props);
    String source = settings.sourceBucket();
    String target = settings.targetBucket();

    // ---- S3 replication blue → green.
    Role replication =
        Role.Builder.create(this, "ReplicationRole")
            .roleName(settings.replicationRoleName())
            .description("S3 replication of " + source + " to " + target + " (cutover)")
            .assumedBy(
                new ServicePrincipal("s3.amazonaws.com")
                    .withConditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID))))
            .build();
    replication.addToPolicy(allow("ReadBlueConfiguration", List.of("s3:GetReplicationConfiguration", "s3:ListBucket"), List.of(bucketArn(source))));
    replication.addToPolicy(
        allow(
            "ReadBlueObjectsForReplication",
            List.of("s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"),
            List.of(objectsArn(source))));
    replication.addToPolicy(
        allow(
            "WriteGreenReplicas",
            List.of("s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"),
            List.of(objectsArn(target))));
    settings.targetKmsKeyArn().ifPresent(key -> replication.addToPolicy(allow("EncryptGreenReplicas", List.of("kms:Encrypt", "kms:GenerateDataKey"), List.of(key))));

    // ---- Batch Operations on blue: Batch Replication (backfill) and compute-checksum jobs.
    Role batch =
        Role.Builder.create(this, "BatchOperationsRole")
            .roleName(settings.sourceBatchRoleName())
            .description("S3 Batch Operations jobs on " + source + ": Batch Replication and compute checksum (cutover)")
            .assumedBy(
                new ServicePrincipal("batchoperations.s3.amazonaws.com")
                    .withConditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID))))
            .build();
    batch.addToPolicy(
        allow(
            "GenerateManifest",
            List.of("s3:GetReplicationConfiguration", "s3:PutInventoryConfiguration", "s3:ListBucket"),
            List.of(bucketArn(source))));
    batch.addToPolicy(
        allow(
            "ReplicateAndChecksumBlueObjects",
            List.of("s3:InitiateReplication", "s3:GetObject", "s3:GetObjectVersion"),
            List.of(objectsArn(source))));
    batch.addToPolicy(
        allow(
            "ManifestsAndReports",
            List.of("s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"),
            List.of(objectsArn(settings.reportBucketName()))));
    batch.addToPolicy(allow("LocateReportBucket", List.of("s3:GetBucketLocation"), List.of(bucketArn(settings.reportBucketName()))));

    // ---- What the steps may do here: read blue, switch replication, run the jobs, move the alias.
    Role access =
        Role.Builder.create(this, "SourceAccessRole")
            .roleName(settings.sourceRoleName())
            .description("What cutover's steps (roles " + settings.stepRolePrefix() + "* in " + settings.account() + ") may do in blue's account")
            .assumedBy(
                new AccountPrincipal(settings.account())
                    .withConditions(
                        Map.of(
                            "ArnLike",
                            Map.of("aws:PrincipalArn", "arn:aws:iam::" + settings.account() + ":role/" + settings.stepRolePrefix() + "*"))))
            .build();
    access.addToPolicy(allow("ReadBlueBucket", Policies.BUCKET_READ, List.of(bucketArn(source))));
    access.addToPolicy(allow("DescribeBucketKeys", List.of("kms:DescribeKey"), List.of("arn:aws:kms:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":key/*")));
    access.addToPolicy(allow("SwitchReplication", List.of("s3:PutReplicationConfiguration"), List.of(bucketArn(source))));
    access.addToPolicy(allow("ReadBlueObjects", Policies.OBJECT_READ, List.of(objectsArn(source))));
    access.addToPolicy(
        allow(
            "PassReplicationRole",
            List.of("iam:PassRole"),
            List.of(replication.getRoleArn()),
            Map.of("StringEquals", Map.of("iam:PassedToService", "s3.amazonaws.com"))));
    access.addToPolicy(
        allow(
            "PassBatchRole",
            List.of("iam:PassRole"),
            List.of(batch.getRoleArn()),
            Map.of("StringEquals", Map.of("iam:PassedToService", "batchoperations.s3.amazonaws.com"))));
    access.addToPolicy(allow("CreateBatchJobs", List.of("s3:CreateJob"), List.of("*")));
    access.addToPolicy(
        allow(
            "FollowBatchJobs",
            List.of("s3:DescribeJob", "s3:UpdateJobStatus"),
            List.of("arn:aws:s3:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":job/*")));
    access.addToPolicy(allow("BlueDistribution", Policies.DISTRIBUTION, List.of(Policies.distributionArn(Aws.ACCOUNT_ID, settings.sourceDistributionId()))));
    access.addToPolicy(allow("BlueEdgePolicies", Policies.EDGE_POLICY_READ, Policies.edgePolicyArns(Aws.ACCOUNT_ID)));

    CfnOutput.Builder.create(this, "SourceRoleArn").description("the plans' source.roleArn").value(access.getRoleArn()).build();
    CfnOutput.Builder.create(this, "ReplicationRoleArn").value(replication.getRoleArn()).build();
    CfnOutput.Builder.create(this, "BatchRoleArn").value(batch.getRoleArn()).build();

    String objects = "Resource::arn:aws:s3:::" + source + "/*";
    NagSuppressions.addResourceSuppressions(
        replication,
        List.of(
            nagApplies(
                "AwsSolutions-IAM5",
                "Replication copies every object of blue's bucket to green's: the object ARNs of the two named buckets.",
                List.of(objects, "Resource::arn:aws:s3:::" + target + "/*"))),
        true);
    NagSuppressions.addResourceSuppressions(
        batch,
        List.of(
            nagApplies(
                "AwsSolutions-IAM5",
                "Batch Replication and compute checksum act on every object of blue's bucket; manifests and completion reports are objects of the named report bucket.",
                List.of(objects, "Resource::arn:aws:s3:::" + settings.reportBucketName() + "/*"))),
        true);
    NagSuppressions.addResourceSuppressions(
        access,
        List.of(
            nagApplies(
                "AwsSolutions-IAM5",
                "Preflight/verify read every object of blue's bucket (never write); s3:CreateJob has no resource-level permissions (Resource::*); "
                    + "jobs get ids only when created (job/*); preflight describes the bucket's KMS key, whichever it is (kms:DescribeKey only, key/*); parity reads whichever cache/origin-request/response-headers policies, origin access controls "
                    + "and functions blue's distribution references, all of this account (type/*).",
                List.of(
                    objects,
                    "Resource::*",
                    "Resource::arn:aws:s3:<AWS::Region>:<AWS::AccountId>:job/*",
                    "Resource::arn:aws:kms:<AWS::Region>:<AWS::AccountId>:key/*",
                    "Resource::arn:aws:cloudfront::<AWS::AccountId>:cache-policy/*",
                    "Resource::arn:aws:cloudfront::<AWS::AccountId>:origin-request-policy/*",
                    "Resource::arn:aws:cloudfront::<AWS::AccountId>:response-headers-policy/*",
                    "Resource::arn:aws:cloudfront::<AWS::AccountId>:origin-access-control/*",
                    "Resource::arn:aws:cloudfront::<AWS::AccountId>:function/*"))),
        true);
  }
}
