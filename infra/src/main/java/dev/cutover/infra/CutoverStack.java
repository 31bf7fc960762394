package dev.cutover.infra;

import static dev.cutover.infra.Policies.allow;
import static dev.cutover.infra.Policies.bucketArn;
import static dev.cutover.infra.Policies.objectsArn;

import dev.cutover.plan.Mode;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Plans;
import dev.cutover.queries.logscan.CloudFrontLogTable;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.athena.CfnWorkGroup;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SfnStateMachine;
import software.amazon.awscdk.services.glue.CfnDatabase;
import software.amazon.awscdk.services.glue.CfnTable;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.CompositePrincipal;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionUrl;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;
import software.amazon.awscdk.services.lambda.FunctionUrlOptions;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * The workflow's home in the target (green) account: one Lambda per step, the state machine from
 * {@code statemachine/migration.asl.json}, the approval table, the notice topic, the report bucket,
 * the Athena workgroup and Glue table over blue's CloudFront logs, the role the steps assume in
 * this account ({@code <name>-target}), the Batch Operations role for jobs on green, the rule that
 * rolls back a failed execution and, when configured, the nightly VALIDATE_ONLY schedule.
 *
 * <p>The state machine is loaded from the file, so CDK grants it nothing by itself: every
 * permission below is explicit and names its resource. A {@code *} resource appears only where
 * the AWS action has no resource-level permissions; the template tests list each such case.
 */
public final class CutoverStack extends Stack {

  /** The ASL file, relative to the repository root. */
  public static final String DEFINITION = "statemachine/migration.asl.json";

  /** The substitution the ASL uses for the notice topic. */
  public static final String TOPIC_PLACEHOLDER = "NotificationTopicArn";

  /** The substitutions the ASL uses for the log scan's Athena workgroup, Glue database and table. */
  public static final String WORKGROUP_PLACEHOLDER = "AthenaWorkGroup";

  public static final String DATABASE_PLACEHOLDER = "LogsDatabase";

  public static final String TABLE_PLACEHOLDER = "LogsTable";

  /** The Glue table over blue's CloudFront standard logs. */
  public static final String LOG_TABLE = "cloudfront_logs";

  /** Task tokens are encrypted with exactly this encryption context (the approval module's record). */
  private static final Map<String, Object> TOKEN_CONTEXT =
      Map.of(
          "ForAllValues:StringEquals", Map.of("kms:EncryptionContextKeys", List.of("executionArn", "approvalId")),
          "Null", Map.of("kms:EncryptionContextKeys", "false"));

  private final Map<String, Function> functions = new LinkedHashMap<>();
  private final Map<String, Role> stepRoles = new LinkedHashMap<>();
  private final StateMachine stateMachine;

  /**
   * @param repositoryRoot where {@code statemachine/} and {@code lambdas/} are
   */
  public CutoverStack(Construct scope, String id, StackProps props, CutoverSettings settings, Path repositoryRoot) {
    super(scope, id, props);

    // ---- Keys: one for data at rest (table, topic), one only for the approval task tokens.
    Key dataKey =
        Key.Builder.create(this, "DataKey")
            .description(settings.name() + ": the approval table and the notice topic")
            .enableKeyRotation(true)
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    Key tokenKey =
        Key.Builder.create(this, "ApprovalTokenKey")
            .description(settings.name() + ": encrypts task tokens waiting for an approval (encryption context executionArn, approvalId)")
            .enableKeyRotation(true)
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();

    // ---- Approval record and notices.
    Table approvals =
        Table.Builder.create(this, "ApprovalTable")
            .partitionKey(Attribute.builder().name("executionArn").type(AttributeType.STRING).build())
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .encryption(TableEncryption.CUSTOMER_MANAGED)
            .encryptionKey(dataKey)
            .timeToLiveAttribute("expiresAt")
            .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    Topic topic =
        Topic.Builder.create(this, "NotificationTopic")
            .topicName(settings.name() + "-notices")
            .masterKey(dataKey)
            .enforceSsl(true)
            .build();

    // ---- Reports (JSON/HTML, Batch Operations manifests and completion reports, Athena results).
    Bucket accessLogs =
        Bucket.Builder.create(this, "AccessLogBucket")
            .encryption(BucketEncryption.S3_MANAGED)
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .enforceSsl(true)
            .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
            .lifecycleRules(List.of(LifecycleRule.builder().id("expire-access-logs").expiration(Duration.days(365)).build()))
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    NagSuppressions.addResourceSuppressions(
        accessLogs,
        List.of(nag("AwsSolutions-S1", "This is the server access log bucket of the report bucket; logging its own access would log every log delivery, without end.")));
    Bucket reports =
        Bucket.Builder.create(this, "ReportBucket")
            .bucketName(settings.reportBucketName())
            .encryption(BucketEncryption.S3_MANAGED)
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .enforceSsl(true)
            .versioned(true)
            .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
            .serverAccessLogsBucket(accessLogs)
            .serverAccessLogsPrefix("report-bucket/")
            .lifecycleRules(
                List.of(
                    LifecycleRule.builder()
                        .id("abort-incomplete-uploads")
                        .abortIncompleteMultipartUploadAfter(Duration.days(7))
                        .noncurrentVersionExpiration(Duration.days(90))
                        .build(),
                    LifecycleRule.builder().id("expire-athena-results").prefix("athena/").expiration(Duration.days(30)).build()))
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    // Batch Replication and compute-checksum jobs run in blue's account under blue's batch role; their
    // manifests and completion reports live here. Granted by principal ARN condition, so this policy
    // deploys whether or not blue's stack exists yet.
    String sourceBatchRoleArn = settings.sourceRoleArn(settings.sourceBatchRoleName());
    reports.addToResourcePolicy(
        PolicyStatement.Builder.create()
            .sid("SourceBatchJobsReadManifestsWriteReports")
            .principals(List.of(new AccountPrincipal(settings.sourceAccount())))
            .actions(List.of("s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"))
            .resources(List.of(reports.arnForObjects("*")))
            .conditions(Map.of("ArnEquals", Map.of("aws:PrincipalArn", sourceBatchRoleArn)))
            .build());
    reports.addToResourcePolicy(
        PolicyStatement.Builder.create()
            .sid("SourceBatchJobsLocateBucket")
            .principals(List.of(new AccountPrincipal(settings.sourceAccount())))
            .actions(List.of("s3:GetBucketLocation"))
            .resources(List.of(reports.getBucketArn()))
            .conditions(Map.of("ArnEquals", Map.of("aws:PrincipalArn", sourceBatchRoleArn)))
            .build());

    // ---- Athena over blue's CloudFront standard logs (the log scan), columns from the queries' DDL.
    String athenaOutput = "s3://" + settings.reportBucketName() + "/athena/";
    CfnWorkGroup workGroup =
        CfnWorkGroup.Builder.create(this, "AthenaWorkGroup")
            .name(settings.name())
            .description("cutover log scan: per-query data limit so a wrong query cannot scan every log")
            .recursiveDeleteOption(true)
            .workGroupConfiguration(
                CfnWorkGroup.WorkGroupConfigurationProperty.builder()
                    .bytesScannedCutoffPerQuery(settings.athenaBytesScannedCutoff())
                    .enforceWorkGroupConfiguration(true)
                    .publishCloudWatchMetricsEnabled(true)
                    .resultConfiguration(
                        CfnWorkGroup.ResultConfigurationProperty.builder()
                            .outputLocation(athenaOutput)
                            .encryptionConfiguration(CfnWorkGroup.EncryptionConfigurationProperty.builder().encryptionOption("SSE_S3").build())
                            .build())
                    .build())
            .build();
    CfnDatabase database =
        CfnDatabase.Builder.create(this, "GlueDatabase")
            .catalogId(Aws.ACCOUNT_ID)
            .databaseInput(CfnDatabase.DatabaseInputProperty.builder().name(settings.glueDatabase()).description("cutover: blue's CloudFront standard logs").build())
            .build();
    CfnTable logTable = logTable(settings, database);

    // ---- Green's Batch Operations role (verify and compute-checksum jobs on green).
    Role batchRole =
        Role.Builder.create(this, "BatchOperationsRole")
            .roleName(settings.targetBatchRoleName())
            .description("S3 Batch Operations jobs on green: invoke the verify task function, compute checksums, read manifests and write reports")
            .assumedBy(
                new ServicePrincipal("batchoperations.s3.amazonaws.com")
                    .withConditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID))))
            .build();

    // ---- The step functions.
    String targetRoleArn = "arn:aws:iam::" + Aws.ACCOUNT_ID + ":role/" + settings.targetRoleName();
    for (Step step : Step.ALL) {
      LogGroup logGroup =
          LogGroup.Builder.create(this, step.id() + "Logs")
              .logGroupName("/aws/lambda/" + settings.name() + "-" + Step.kebab(step.id()))
              .retention(RetentionDays.THREE_MONTHS)
              .removalPolicy(RemovalPolicy.RETAIN)
              .build();
      Role role =
          Role.Builder.create(this, step.id() + "Role")
              .roleName(step.roleName(settings))
              .description("cutover step " + step.id() + " (" + step.handler() + ")")
              .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
              .build();
      logGroup.grantWrite(role);
      for (Step.Side side : step.assumes()) {
        switch (side) {
          case SOURCE -> role.addToPolicy(allow("AssumeSourceAccessRole", List.of("sts:AssumeRole"), List.of(settings.sourceRoleArn())));
          case TARGET -> role.addToPolicy(allow("AssumeTargetAccessRole", List.of("sts:AssumeRole"), List.of(targetRoleArn)));
          case DNS -> settings.dnsRoleArn().ifPresent(arn -> role.addToPolicy(allow("AssumeDnsRole", List.of("sts:AssumeRole"), List.of(arn))));
        }
      }
      Map<String, String> environment = new LinkedHashMap<>();
      environment.put("POWERTOOLS_SERVICE_NAME", step.serviceName());
      // No POWERTOOLS_LOG_LEVEL: Powertools would force it on every logger, SDK wire loggers included.
      environment.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
      Function function =
          Function.Builder.create(this, step.id() + "Function")
              .functionName(settings.name() + "-" + Step.kebab(step.id()))
              .description("cutover: " + step.handler())
              .runtime(Runtime.JAVA_25)
              .architecture(Architecture.ARM_64)
              .handler(step.handler())
              .code(Code.fromAsset(step.zip(repositoryRoot).toString()))
              .memorySize(step.memoryMb())
              .timeout(Duration.seconds(step.timeoutSeconds()))
              .ephemeralStorageSize(Size.mebibytes(step.ephemeralStorageMb()))
              .role(role)
              .logGroup(logGroup)
              .loggingFormat(LoggingFormat.JSON)
              .tracing(Tracing.ACTIVE)
              .environment(environment)
              .build();
      functions.put(step.id(), function);
      stepRoles.put(step.id(), role);
    }

    // ---- Function-specific settings and grants.
    Function backfill = functions.get("Backfill");
    backfill.addEnvironment("CUTOVER_BATCH_ROLE_ARN", sourceBatchRoleArn);
    functions.get("Replication").addEnvironment("CUTOVER_REPLICATION_ROLE_ARN", settings.sourceRoleArn(settings.replicationRoleName()));
    Function checksum = functions.get("Checksum");
    checksum.addEnvironment("CUTOVER_CHECKSUM_SOURCE_ROLE_ARN", sourceBatchRoleArn);
    checksum.addEnvironment("CUTOVER_CHECKSUM_TARGET_ROLE_ARN", batchRole.getRoleArn());
    for (String stepId : List.of("Cutover", "Rollback")) {
      settings.dnsRoleArn().ifPresent(arn -> functions.get(stepId).addEnvironment("CUTOVER_DNS_ROLE_ARN", arn));
    }

    Function request = functions.get("RequestApproval");
    Function decide = functions.get("Decide");
    for (Function f : List.of(request, decide)) {
      f.addEnvironment("CUTOVER_APPROVAL_TABLE", approvals.getTableName());
      f.addEnvironment("CUTOVER_APPROVAL_KEY_ID", tokenKey.getKeyArn());
    }
    request.addEnvironment("CUTOVER_APPROVAL_TOPIC_ARN", topic.getTopicArn());
    Role requestRole = stepRoles.get("RequestApproval");
    requestRole.addToPolicy(allow("ApprovalRecord", List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"), List.of(approvals.getTableArn())));
    requestRole.addToPolicy(allow("ApprovalTableKey", List.of("kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"), List.of(dataKey.getKeyArn())));
    requestRole.addToPolicy(allow("EncryptTaskToken", List.of("kms:Encrypt"), List.of(tokenKey.getKeyArn()), TOKEN_CONTEXT));
    requestRole.addToPolicy(allow("SendNotice", List.of("sns:Publish"), List.of(topic.getTopicArn())));
    Role decideRole = stepRoles.get("Decide");
    decideRole.addToPolicy(allow("ApprovalRecord", List.of("dynamodb:GetItem", "dynamodb:UpdateItem"), List.of(approvals.getTableArn())));
    decideRole.addToPolicy(allow("ApprovalTableKey", List.of("kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"), List.of(dataKey.getKeyArn())));
    decideRole.addToPolicy(allow("DecryptTaskToken", List.of("kms:Decrypt"), List.of(tokenKey.getKeyArn()), TOKEN_CONTEXT));
    decideRole.addToPolicy(allow("WhoStartedTheExecution", List.of("cloudtrail:LookupEvents"), List.of("*")));

    FunctionUrl decideUrl = decide.addFunctionUrl(FunctionUrlOptions.builder().authType(FunctionUrlAuthType.AWS_IAM).build());

    Function verifyBatchTask = functions.get("VerifyBatchTask");
    batchRole.addToPolicy(allow("InvokeVerifyTask", List.of("lambda:InvokeFunction"), List.of(verifyBatchTask.getFunctionArn())));
    batchRole.addToPolicy(allow("ReadGreenObjects", List.of("s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTagging", "s3:GetObjectVersionTagging"), List.of(objectsArn(settings.targetBucket()))));
    batchRole.addToPolicy(allow("ManifestsAndReports", List.of("s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"), List.of(reports.arnForObjects("*"))));
    batchRole.addToPolicy(allow("LocateReportBucket", List.of("s3:GetBucketLocation"), List.of(reports.getBucketArn())));
    settings.targetKmsKeyArn().ifPresent(key -> batchRole.addToPolicy(allow("ReadGreenObjectsKey", List.of("kms:Decrypt"), List.of(key))));

    // ---- The role the steps assume in this account (the plans' target.roleArn).
    List<IPrincipal> targetAssumers = new ArrayList<>();
    for (Step step : Step.ALL) {
      if (step.assumes().contains(Step.Side.TARGET)) {
        targetAssumers.add(stepRoles.get(step.id()));
      }
    }
    Role targetRole =
        Role.Builder.create(this, "TargetAccessRole")
            .roleName(settings.targetRoleName())
            .description("What cutover's steps may do in green's account: read green, move the alias, query blue's logs, write reports")
            .assumedBy(new CompositePrincipal(targetAssumers.toArray(IPrincipal[]::new)))
            .build();
    targetAccessPolicy(settings, targetRole, reports, batchRole, workGroup, database, logTable);

    // ---- The state machine.
    String definition;
    try {
      definition = Files.readString(repositoryRoot.resolve(DEFINITION));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DEFINITION + " under " + repositoryRoot, e);
    }
    Map<String, String> substitutions = new LinkedHashMap<>();
    List<String> invoked = new ArrayList<>();
    for (Step step : Step.ALL) {
      step.placeholder().ifPresent(p -> {
        substitutions.put(p, functions.get(step.id()).getFunctionArn());
        invoked.add(functions.get(step.id()).getFunctionArn());
      });
    }
    substitutions.put(TOPIC_PLACEHOLDER, topic.getTopicArn());
    substitutions.put(WORKGROUP_PLACEHOLDER, workGroup.getRef());
    substitutions.put(DATABASE_PLACEHOLDER, settings.glueDatabase());
    substitutions.put(TABLE_PLACEHOLDER, LOG_TABLE);
    Role machineRole =
        Role.Builder.create(this, "StateMachineRole")
            .description("cutover state machine: invoke the step functions, publish notices, write its logs and traces")
            .assumedBy(
                new ServicePrincipal("states.amazonaws.com")
                    .withConditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID))))
            .build();
    machineRole.addToPolicy(allow("InvokeSteps", List.of("lambda:InvokeFunction"), invoked));
    machineRole.addToPolicy(allow("PublishNotices", List.of("sns:Publish"), List.of(topic.getTopicArn())));
    machineRole.addToPolicy(allow("NoticeTopicKey", List.of("kms:Decrypt", "kms:GenerateDataKey"), List.of(dataKey.getKeyArn())));
    LogGroup machineLogs =
        LogGroup.Builder.create(this, "StateMachineLogs")
            .logGroupName("/aws/vendedlogs/states/" + settings.name() + "-migration")
            .retention(RetentionDays.ONE_YEAR)
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    stateMachine =
        StateMachine.Builder.create(this, "MigrationStateMachine")
            .stateMachineName(settings.name() + "-migration")
            .definitionBody(DefinitionBody.fromString(definition))
            .definitionSubstitutions(substitutions)
            .role(machineRole)
            .tracingEnabled(true)
            // Every event, but not its data: the approval task's parameters carry its task token, which
            // must not reach a log group readers of logs can see (the execution history keeps the data).
            .logs(LogOptions.builder().destination(machineLogs).level(LogLevel.ALL).includeExecutionData(false).build())
            .build();
    // Decide sends the waiting task's result; the tokens are this state machine's.
    decideRole.addToPolicy(allow("AnswerApprovalTask", List.of("states:SendTaskSuccess", "states:SendTaskFailure"), List.of(stateMachine.getStateMachineArn())));

    // ---- A failed, timed-out or aborted execution starts a ROLLBACK execution of the same machine.
    Queue deadLetters =
        Queue.Builder.create(this, "RollbackDeadLetterQueue")
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            .retentionPeriod(Duration.days(14))
            .build();
    NagSuppressions.addResourceSuppressions(
        deadLetters,
        List.of(nag("AwsSolutions-SQS3", "This queue is the dead-letter queue of the rollback rule and the schedule; a dead-letter queue of a dead-letter queue would only move the problem.")));
    Role ruleRole =
        Role.Builder.create(this, "RollbackRuleRole")
            .description("EventBridge: start a ROLLBACK execution of the cutover state machine")
            .assumedBy(new ServicePrincipal("events.amazonaws.com"))
            .build();
    Rule.Builder.create(this, "RollbackOnFailureRule")
        .description("An execution of " + settings.name() + "-migration that ends FAILED, TIMED_OUT or ABORTED starts a rollback execution (the event is its input)")
        .eventPattern(
            EventPattern.builder()
                .source(List.of("aws.states"))
                .detailType(List.of("Step Functions Execution Status Change"))
                .detail(Map.of("status", List.of("FAILED", "TIMED_OUT", "ABORTED"), "stateMachineArn", List.of(stateMachine.getStateMachineArn())))
                .build())
        .targets(
            List.of(
                SfnStateMachine.Builder.create(stateMachine)
                    .role(ruleRole)
                    .deadLetterQueue(deadLetters)
                    .retryAttempts(10)
                    .maxEventAge(Duration.hours(4))
                    .build()))
        .build();

    // ---- Nightly VALIDATE_ONLY runs, when cutover:validateOnlySchedule is set.
    settings.validateOnlySchedule().ifPresent(expression -> validateOnlySchedule(settings, repositoryRoot, expression, deadLetters));

    // ---- What operators and the CLI need.
    CfnOutput.Builder.create(this, "StateMachineArn").value(stateMachine.getStateMachineArn()).build();
    CfnOutput.Builder.create(this, "DecideUrl").description("cutover approve/reject POST here, signed with SigV4 (lambda:InvokeFunctionUrl)").value(decideUrl.getUrl()).build();
    CfnOutput.Builder.create(this, "ReportBucketName").value(reports.getBucketName()).build();
    CfnOutput.Builder.create(this, "NotificationTopicArnOutput").value(topic.getTopicArn()).build();
    CfnOutput.Builder.create(this, "TargetRoleArn").description("the plans' target.roleArn").value(targetRole.getRoleArn()).build();
    CfnOutput.Builder.create(this, "SourceRoleArn").description("the plans' source.roleArn (deploy the source stack in blue's account)").value(settings.sourceRoleArn()).build();
    CfnOutput.Builder.create(this, "AthenaWorkGroupName").value(workGroup.getRef()).build();
    CfnOutput.Builder.create(this, "LogTable").value(settings.glueDatabase() + "." + LOG_TABLE).build();

    suppressions(settings, machineRole, targetRole, batchRole);
  }

  /** The functions by step id ({@link Step#id()}). */
  public Map<String, Function> functions() {
    return Map.copyOf(functions);
  }

  /** The state machine. */
  public StateMachine stateMachine() {
    return stateMachine;
  }

  private CfnTable logTable(CutoverSettings settings, CfnDatabase database) {
    Map<String, String> values =
        Map.of(
            CloudFrontLogTable.DATABASE, settings.glueDatabase(),
            CloudFrontLogTable.TABLE, LOG_TABLE,
            CloudFrontLogTable.LOGS_LOCATION, settings.logsLocation(),
            CloudFrontLogTable.DISTRIBUTION_IDS, settings.sourceDistributionId(),
            CloudFrontLogTable.PROJECTION_YEARS, settings.logsProjectionYears());
    String ddl = CloudFrontLogTable.render(values);
    Map<String, String> parameters = new LinkedHashMap<>(CloudFrontLogTable.properties(values));
    parameters.put("EXTERNAL", "TRUE");
    parameters.put("classification", "csv");
    CfnTable table =
        CfnTable.Builder.create(this, "CloudFrontLogTable")
            .catalogId(Aws.ACCOUNT_ID)
            .databaseName(settings.glueDatabase())
            .tableInput(
                CfnTable.TableInputProperty.builder()
                    .name(LOG_TABLE)
                    .description("Blue's CloudFront standard logs (v2); columns and projection from " + CloudFrontLogTable.RESOURCE)
                    .tableType("EXTERNAL_TABLE")
                    .parameters(parameters)
                    .partitionKeys(CloudFrontLogTable.partitionKeys().stream().map(c -> column(c)).toList())
                    .storageDescriptor(
                        CfnTable.StorageDescriptorProperty.builder()
                            .columns(CloudFrontLogTable.columns().stream().map(c -> column(c)).toList())
                            .location(settings.logsLocation())
                            .inputFormat(quoted(ddl, "INPUTFORMAT"))
                            .outputFormat(quoted(ddl, "OUTPUTFORMAT"))
                            .serdeInfo(
                                CfnTable.SerdeInfoProperty.builder()
                                    .serializationLibrary("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe")
                                    .parameters(Map.of("field.delim", delimiter(ddl), "serialization.format", delimiter(ddl)))
                                    .build())
                            .build())
                    .build())
            .build();
    table.addResourceDependency(database);
    return table;
  }

  private static Object column(CloudFrontLogTable.Column c) {
    return CfnTable.ColumnProperty.builder().name(c.name()).type(c.type()).build();
  }

  /** The quoted value after {@code keyword} in the DDL (INPUTFORMAT / OUTPUTFORMAT). */
  private static String quoted(String ddl, String keyword) {
    Matcher m = Pattern.compile(keyword + "\\s+'([^']+)'").matcher(ddl);
    if (!m.find()) {
      throw new IllegalStateException(CloudFrontLogTable.RESOURCE + " has no " + keyword);
    }
    return m.group(1);
  }

  /** FIELDS TERMINATED BY '\t' → a tab character. */
  private static String delimiter(String ddl) {
    Matcher m = Pattern.compile("FIELDS TERMINATED BY '([^']+)'").matcher(ddl);
    if (!m.find()) {
      throw new IllegalStateException(CloudFrontLogTable.RESOURCE + " has no FIELDS TERMINATED BY");
    }
    return m.group(1).equals("\\t") ? "\t" : m.group(1);
  }

  private void targetAccessPolicy(
      CutoverSettings settings, Role role, Bucket reports, Role batchRole, CfnWorkGroup workGroup, CfnDatabase database, CfnTable logTable) {
    String account = Aws.ACCOUNT_ID;
    String region = Aws.REGION;
    role.addToPolicy(allow("ReadGreenBucket", Policies.BUCKET_READ, List.of(bucketArn(settings.targetBucket()))));
    role.addToPolicy(allow("ReadGreenObjects", Policies.OBJECT_READ, List.of(objectsArn(settings.targetBucket()))));
    role.addToPolicy(allow("DescribeBucketKeys", List.of("kms:DescribeKey"), List.of("arn:aws:kms:" + region + ":" + account + ":key/*")));
    settings.targetKmsKeyArn().ifPresent(key -> role.addToPolicy(allow("GreenBucketKey", List.of("kms:Decrypt", "kms:DescribeKey"), List.of(key))));
    role.addToPolicy(allow("ListReportBucket", List.of("s3:ListBucket", "s3:GetBucketLocation"), List.of(reports.getBucketArn())));
    role.addToPolicy(
        allow(
            "ReadWriteReports",
            List.of("s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"),
            List.of(reports.arnForObjects("*"))));
    role.addToPolicy(allow("CreateBatchJobs", List.of("s3:CreateJob"), List.of("*")));
    role.addToPolicy(
        allow(
            "FollowBatchJobs",
            List.of("s3:DescribeJob", "s3:UpdateJobStatus"),
            List.of("arn:aws:s3:" + region + ":" + account + ":job/*")));
    role.addToPolicy(
        allow(
            "PassBatchRole",
            List.of("iam:PassRole"),
            List.of(batchRole.getRoleArn()),
            Map.of("StringEquals", Map.of("iam:PassedToService", "batchoperations.s3.amazonaws.com"))));
    role.addToPolicy(allow("GreenDistribution", Policies.DISTRIBUTION, List.of(Policies.distributionArn(account, settings.targetDistributionId()))));
    role.addToPolicy(allow("GreenEdgePolicies", Policies.EDGE_POLICY_READ, Policies.edgePolicyArns(account)));
    role.addToPolicy(
        allow("GreenCertificate", List.of("acm:DescribeCertificate"), List.of("arn:aws:acm:us-east-1:" + account + ":certificate/*")));
    if (settings.dnsRoleArn().isEmpty()) {
      role.addToPolicy(
          allow(
              "HostnameRecord",
              List.of("route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets"),
              List.of("arn:aws:route53:::hostedzone/" + settings.hostedZoneId())));
      role.addToPolicy(allow("HostnameChangeStatus", List.of("route53:GetChange"), List.of("arn:aws:route53:::change/*")));
    }
    role.addToPolicy(allow("GreenHealth", List.of("cloudwatch:GetMetricData"), List.of("*")));
    String workGroupArn = "arn:aws:athena:" + region + ":" + account + ":workgroup/" + workGroup.getRef();
    role.addToPolicy(
        allow(
            "LogScanQueries",
            List.of("athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults", "athena:StopQueryExecution", "athena:GetWorkGroup"),
            List.of(workGroupArn)));
    role.addToPolicy(
        allow(
            "LogTableMetadata",
            List.of("glue:GetDatabase", "glue:GetTable", "glue:GetPartition", "glue:GetPartitions"),
            List.of(
                "arn:aws:glue:" + region + ":" + account + ":catalog",
                "arn:aws:glue:" + region + ":" + account + ":database/" + settings.glueDatabase(),
                "arn:aws:glue:" + region + ":" + account + ":table/" + settings.glueDatabase() + "/" + LOG_TABLE)));
    String logsBucket = settings.logsLocation().substring("s3://".length()).split("/", 2)[0];
    String logsPrefix = settings.logsLocation().substring(("s3://" + logsBucket + "/").length());
    role.addToPolicy(allow("ListLogs", List.of("s3:ListBucket", "s3:GetBucketLocation"), List.of(bucketArn(logsBucket))));
    role.addToPolicy(allow("ReadLogs", List.of("s3:GetObject"), List.of("arn:aws:s3:::" + logsBucket + "/" + logsPrefix + "*")));
  }

  private void validateOnlySchedule(CutoverSettings settings, Path repositoryRoot, String expression, Queue deadLetters) {
    String input;
    try {
      input = Files.readString(repositoryRoot.resolve(settings.validateOnlyInput()));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          CutoverSettings.PREFIX + "validateOnlyInput: cannot read " + settings.validateOnlyInput() + " under " + repositoryRoot + " (" + e.getMessage() + ")", e);
    }
    Plan plan;
    try {
      plan = Plans.parse(input);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(CutoverSettings.PREFIX + "validateOnlyInput: " + settings.validateOnlyInput() + " is not a valid plan: " + e.getMessage(), e);
    }
    if (plan.mode() != Mode.VALIDATE_ONLY) {
      throw new IllegalArgumentException(
          CutoverSettings.PREFIX + "validateOnlyInput: " + settings.validateOnlyInput() + " has mode " + plan.mode() + "; the schedule only starts VALIDATE_ONLY runs");
    }
    Role role =
        Role.Builder.create(this, "ValidateOnlyScheduleRole")
            .description("EventBridge Scheduler: start the nightly VALIDATE_ONLY execution")
            .assumedBy(
                new ServicePrincipal("scheduler.amazonaws.com")
                    .withConditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID))))
            .build();
    role.addToPolicy(allow("StartValidateOnly", List.of("states:StartExecution"), List.of(stateMachine.getStateMachineArn())));
    role.addToPolicy(allow("DeadLetters", List.of("sqs:SendMessage"), List.of(deadLetters.getQueueArn())));
    CfnSchedule.Builder.create(this, "ValidateOnlySchedule")
        .description("cutover: nightly VALIDATE_ONLY run of " + plan.migrationId())
        .scheduleExpression(expression)
        .scheduleExpressionTimezone(settings.validateOnlyScheduleTimezone())
        .flexibleTimeWindow(CfnSchedule.FlexibleTimeWindowProperty.builder().mode("OFF").build())
        .target(
            CfnSchedule.TargetProperty.builder()
                .arn(stateMachine.getStateMachineArn())
                .roleArn(role.getRoleArn())
                .input(input)
                .retryPolicy(CfnSchedule.RetryPolicyProperty.builder().maximumRetryAttempts(3).maximumEventAgeInSeconds(3600).build())
                .deadLetterConfig(CfnSchedule.DeadLetterConfigProperty.builder().arn(deadLetters.getQueueArn()).build())
                .build())
        .build();
  }

  /**
   * The cdk-nag findings this stack accepts, each with its reason. Wildcards are listed one by one
   * ({@code appliesTo}), so a new one fails the template tests until someone explains it here.
   */
  private void suppressions(CutoverSettings settings, Role machineRole, Role targetRole, Role batchRole) {
    for (Map.Entry<String, Role> e : stepRoles.entrySet()) {
      String reason =
          "Resource::* is X-Ray's PutTraceSegments/PutTelemetryRecords (Tracing.ACTIVE), which have no resource-level permissions"
              + (e.getKey().equals("Decide") ? ", and CloudTrail LookupEvents (who started the execution), which has none either" : "")
              + ".";
      NagSuppressions.addResourceSuppressions(e.getValue(), List.of(nagApplies("AwsSolutions-IAM5", reason, List.of("Resource::*"))), true);
    }
    NagSuppressions.addResourceSuppressions(
        machineRole,
        List.of(
            nagApplies(
                "AwsSolutions-IAM5",
                "Resource::* is what Step Functions requires for logging to CloudWatch Logs (logs:CreateLogDelivery, GetLogDelivery, UpdateLogDelivery, "
                    + "DeleteLogDelivery, ListLogDeliveries, PutResourcePolicy, DescribeResourcePolicies, DescribeLogGroups) and X-Ray "
                    + "(PutTraceSegments, PutTelemetryRecords, GetSamplingRules, GetSamplingTargets): none has resource-level permissions.",
                List.of("Resource::*"))),
        true);
    String greenObjects = "Resource::arn:aws:s3:::" + settings.targetBucket() + "/*";
    RegexAppliesTo reportObjects = RegexAppliesTo.builder().regex("/^Resource::<ReportBucket[0-9A-F]{8}\\.Arn>\\/\\*$/").build();
    NagSuppressions.addResourceSuppressions(
        batchRole,
        List.of(
            nagApplies(
                "AwsSolutions-IAM5",
                "Verify and compute-checksum jobs read every object of green's named bucket; manifests and completion reports are objects of the report bucket.",
                List.of(greenObjects, reportObjects))),
        true);
    NagSuppressions.addResourceSuppressions(
        targetRole,
        List.of(
            nagApplies(
                "AwsSolutions-IAM5",
                "Objects of named buckets only: green's (read), the report bucket's (reports, manifests, Athena results) and blue's log prefix (read). "
                    + "Resource::* is s3:CreateJob and cloudwatch:GetMetricData, which have no resource-level permissions. Ids known only at run time, "
                    + "in this account: Batch jobs (job/*), Route 53 changes (change/*), the certificate on green's distribution (certificate/*), the bucket's KMS key preflight describes (kms:DescribeKey only, key/*), and "
                    + "the cache/origin-request/response-headers policies, origin access controls and functions it references (type/*).",
                List.of(
                    greenObjects,
                    reportObjects,
                    "Resource::arn:aws:s3:::" + settings.logsLocation().substring("s3://".length()) + "*",
                    "Resource::*",
                    "Resource::arn:aws:s3:<AWS::Region>:<AWS::AccountId>:job/*",
                    "Resource::arn:aws:route53:::change/*",
                    "Resource::arn:aws:kms:<AWS::Region>:<AWS::AccountId>:key/*",
                    "Resource::arn:aws:acm:us-east-1:<AWS::AccountId>:certificate/*",
                    "Resource::arn:aws:cloudfront::<AWS::AccountId>:cache-policy/*",
                    "Resource::arn:aws:cloudfront::<AWS::AccountId>:origin-request-policy/*",
                    "Resource::arn:aws:cloudfront::<AWS::AccountId>:response-headers-policy/*",
                    "Resource::arn:aws:cloudfront::<AWS::AccountId>:origin-access-control/*",
                    "Resource::arn:aws:cloudfront::<AWS::AccountId>:function/*"))),
        true);
  }

  static NagPackSuppression nag(String id, String reason) {
    return NagPackSuppression.builder().id(id).reason(reason).build();
  }

  static NagPackSuppression nagApplies(String id, String reason, List<Object> appliesTo) {
    return NagPackSuppression.builder().id(id).reason(reason).appliesTo(appliesTo).build();
  }
}
