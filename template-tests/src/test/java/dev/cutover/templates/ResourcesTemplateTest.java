package dev.cutover.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.infra.Step;
import dev.cutover.queries.logscan.CloudFrontLogTable;
import dev.cutover.templates.support.Cfn;
import dev.cutover.templates.support.Repository;
import dev.cutover.templates.support.Synthesized;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The main stack's resources and the properties that matter. */
class ResourcesTemplateTest {

  private static final Synthesized APP = Synthesized.app();
  private static final Template MAIN = APP.main;

  private static String function(String handler) {
    return Cfn.idWhere(MAIN, "AWS::Lambda::Function", "Handler", handler);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> environment(String handler) {
    Map<String, Object> props = Cfn.properties(Cfn.resources(MAIN, "AWS::Lambda::Function").get(function(handler)));
    return (Map<String, Object>) ((Map<String, Object>) props.get("Environment")).get("Variables");
  }

  @Test
  void one_java25_arm64_function_per_step_with_its_budget_json_logs_and_service_name() {
    MAIN.resourceCountIs("AWS::Lambda::Function", Step.ALL.size());
    for (Step step : Step.ALL) {
      MAIN.hasResourceProperties(
          "AWS::Lambda::Function",
          Match.objectLike(
              Map.of(
                  "Handler", step.handler(),
                  "Runtime", "java25",
                  "Architectures", List.of("arm64"),
                  "MemorySize", step.memoryMb(),
                  "Timeout", step.timeoutSeconds(),
                  "LoggingConfig", Match.objectLike(Map.of("LogFormat", "JSON", "LogGroup", Match.anyValue())),
                  "TracingConfig", Map.of("Mode", "Active"),
                  "Environment", Map.of("Variables", Match.objectLike(Map.of("POWERTOOLS_SERVICE_NAME", step.serviceName()))))));
    }
  }

  @Test
  void no_function_sets_powertools_log_level_which_would_override_every_logger() {
    for (Step step : Step.ALL) {
      assertThat(environment(step.handler())).doesNotContainKey("POWERTOOLS_LOG_LEVEL");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void each_function_runs_the_zip_its_module_builds() throws Exception {
    for (Step step : Step.ALL) {
      Map<String, Object> resource = Cfn.resources(MAIN, "AWS::Lambda::Function").get(function(step.handler()));
      Map<String, Object> metadata = (Map<String, Object>) resource.get("Metadata");
      assertThat(step.zip(Repository.root())).isRegularFile();
      assertThat((String) metadata.get("aws:asset:path")).as(step.id()).isEqualTo(step.zip(Repository.root()).toString());
    }
  }

  @Test
  void the_steps_get_the_role_arns_and_settings_their_handlers_read() {
    assertThat(environment("dev.cutover.backfill.BackfillHandler")).containsEntry("CUTOVER_BATCH_ROLE_ARN", "arn:aws:iam::111122223333:role/cutover-source-batch");
    assertThat(environment("dev.cutover.replication.ReplicationHandler")).containsEntry("CUTOVER_REPLICATION_ROLE_ARN", "arn:aws:iam::111122223333:role/cutover-replication");
    Map<String, Object> checksum = environment("dev.cutover.verify.ChecksumHandler");
    assertThat(checksum).containsEntry("CUTOVER_CHECKSUM_SOURCE_ROLE_ARN", "arn:aws:iam::111122223333:role/cutover-source-batch");
    assertThat(Cfn.refOf(checksum.get("CUTOVER_CHECKSUM_TARGET_ROLE_ARN"))).isEqualTo(Cfn.idWhere(MAIN, "AWS::IAM::Role", "RoleName", "cutover-target-batch"));
    String table = Cfn.resources(MAIN, "AWS::DynamoDB::Table").keySet().iterator().next();
    String topic = Cfn.idWhere(MAIN, "AWS::SNS::Topic", "TopicName", "cutover-notices");
    Map<String, Object> request = environment("dev.cutover.approval.RequestApprovalHandler");
    assertThat(Cfn.refOf(request.get("CUTOVER_APPROVAL_TABLE"))).isEqualTo(table);
    assertThat(Cfn.refOf(request.get("CUTOVER_APPROVAL_TOPIC_ARN"))).isEqualTo(topic);
    assertThat(request).containsKey("CUTOVER_APPROVAL_KEY_ID");
    Map<String, Object> decide = environment("dev.cutover.approval.DecideHandler");
    assertThat(Cfn.refOf(decide.get("CUTOVER_APPROVAL_TABLE"))).isEqualTo(table);
    assertThat(decide.get("CUTOVER_APPROVAL_KEY_ID")).isEqualTo(request.get("CUTOVER_APPROVAL_KEY_ID"));
  }

  @Test
  void the_approval_table_is_keyed_by_execution_arn_encrypted_with_a_customer_key_and_expires_items() {
    Capture key = new Capture();
    MAIN.hasResourceProperties(
        "AWS::DynamoDB::Table",
        Match.objectLike(
            Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "executionArn", "KeyType", "HASH")),
                "SSESpecification", Map.of("SSEEnabled", true, "SSEType", "KMS", "KMSMasterKeyId", Map.of("Fn::GetAtt", List.of(key, "Arn"))),
                "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true),
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true))));
    MAIN.hasResourceProperties("AWS::KMS::Key", Match.objectLike(Map.of("EnableKeyRotation", true)));
    assertThat(Cfn.resources(MAIN, "AWS::KMS::Key")).containsKey(key.asString());
  }

  @Test
  void the_notice_topic_is_kms_encrypted_and_refuses_plain_http() {
    Capture key = new Capture();
    MAIN.hasResourceProperties(
        "AWS::SNS::Topic", Match.objectLike(Map.of("TopicName", "cutover-notices", "KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(key, "Arn")))));
    MAIN.hasResourceProperties(
        "AWS::SNS::TopicPolicy",
        Match.objectLike(
            Map.of(
                "PolicyDocument",
                Match.objectLike(
                    Map.of(
                        "Statement",
                        Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny", "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))));
  }

  @Test
  void the_report_bucket_is_private_encrypted_tls_only_logged_and_expires_what_it_can() {
    String reports = Cfn.idWhere(MAIN, "AWS::S3::Bucket", "BucketName", "platform-cutover-reports");
    Capture logBucket = new Capture();
    MAIN.hasResourceProperties(
        "AWS::S3::Bucket",
        Match.objectLike(
            Map.of(
                "BucketName", "platform-cutover-reports",
                "PublicAccessBlockConfiguration",
                Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                "LoggingConfiguration", Map.of("DestinationBucketName", Map.of("Ref", logBucket), "LogFilePrefix", "report-bucket/"),
                "LifecycleConfiguration",
                Map.of(
                    "Rules",
                    Match.arrayWith(
                        List.of(
                            Match.objectLike(Map.of("AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 7), "Status", "Enabled")),
                            Match.objectLike(Map.of("Prefix", "athena/", "ExpirationInDays", 30, "Status", "Enabled"))))))));
    assertThat(logBucket.asString()).isNotEqualTo(reports);
    MAIN.hasResourceProperties(
        "AWS::S3::BucketPolicy",
        Match.objectLike(
            Map.of(
                "Bucket", Map.of("Ref", reports),
                "PolicyDocument",
                Match.objectLike(
                    Map.of(
                        "Statement",
                        Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny", "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))));
  }

  @Test
  void the_athena_workgroup_cuts_off_large_scans_and_enforces_its_settings() {
    MAIN.hasResourceProperties(
        "AWS::Athena::WorkGroup",
        Match.objectLike(
            Map.of(
                "Name", "cutover",
                "WorkGroupConfiguration",
                Match.objectLike(
                    Map.of(
                        "BytesScannedCutoffPerQuery", 10737418240L,
                        "EnforceWorkGroupConfiguration", true,
                        "ResultConfiguration",
                        Map.of("OutputLocation", "s3://platform-cutover-reports/athena/", "EncryptionConfiguration", Map.of("EncryptionOption", "SSE_S3")))))));
  }

  @Test
  @SuppressWarnings("unchecked")
  void the_log_table_has_the_ddl_columns_and_partition_projection() {
    Map<String, Map<String, Object>> tables = Cfn.resources(MAIN, "AWS::Glue::Table");
    assertThat(tables).hasSize(1);
    Map<String, Object> input = (Map<String, Object>) Cfn.properties(tables.values().iterator().next()).get("TableInput");
    Map<String, Object> storage = (Map<String, Object>) input.get("StorageDescriptor");
    List<Map<String, Object>> columns = (List<Map<String, Object>>) storage.get("Columns");
    List<Map<String, Object>> partitions = (List<Map<String, Object>>) input.get("PartitionKeys");
    Map<String, Object> parameters = (Map<String, Object>) input.get("Parameters");

    assertThat(columns).extracting(c -> c.get("Name")).containsExactlyElementsOf(CloudFrontLogTable.columns().stream().map(CloudFrontLogTable.Column::name).toList());
    assertThat(partitions).extracting(c -> c.get("Name")).containsExactly("distributionid", "year", "month", "day", "hour");
    assertThat(storage).containsEntry("Location", "s3://legacy-cloudfront-logs/standard-v2/");
    assertThat(parameters)
        .containsEntry("projection.enabled", "true")
        .containsEntry("projection.distributionid.values", "E2QWRUHAPOMQZL")
        .containsEntry("projection.year.range", "2026,2046")
        .containsEntry(
            "storage.location.template",
            "s3://legacy-cloudfront-logs/standard-v2/distributionid=${distributionid}/year=${year}/month=${month}/day=${day}/hour=${hour}/");
    assertThat(((Map<String, Object>) ((Map<String, Object>) storage.get("SerdeInfo")).get("Parameters"))).containsEntry("field.delim", "\t");
    assertThat(input).containsEntry("Name", "cloudfront_logs");
    MAIN.hasResourceProperties("AWS::Glue::Database", Match.objectLike(Map.of("DatabaseInput", Match.objectLike(Map.of("Name", "cutover")))));
  }

  @Test
  @SuppressWarnings("unchecked")
  void a_failed_timed_out_or_aborted_execution_starts_a_rollback_execution_with_the_whole_event() {
    String machine = Cfn.resources(MAIN, "AWS::StepFunctions::StateMachine").keySet().iterator().next();
    Capture role = new Capture();
    Capture queue = new Capture();
    MAIN.hasResourceProperties(
        "AWS::Events::Rule",
        Match.objectLike(
            Map.of(
                "EventPattern",
                Map.of(
                    "source", List.of("aws.states"),
                    "detail-type", List.of("Step Functions Execution Status Change"),
                    "detail", Map.of("status", List.of("FAILED", "TIMED_OUT", "ABORTED"), "stateMachineArn", List.of(Map.of("Ref", machine)))),
                "Targets",
                List.of(
                    Match.objectLike(
                        Map.of(
                            "Arn", Map.of("Ref", machine),
                            "RoleArn", Map.of("Fn::GetAtt", List.of(role, "Arn")),
                            "DeadLetterConfig", Map.of("Arn", Map.of("Fn::GetAtt", List.of(queue, "Arn"))),
                            "RetryPolicy", Match.objectLike(Map.of("MaximumRetryAttempts", Match.anyValue()))))))));
    Map<String, Object> target = (Map<String, Object>) ((List<Object>) Cfn.properties(Cfn.resources(MAIN, "AWS::Events::Rule").values().iterator().next()).get("Targets")).get(0);
    assertThat(target).doesNotContainKeys("Input", "InputPath", "InputTransformer");

    List<Cfn.Statement> grants = Cfn.policyStatements(MAIN).stream().filter(s -> s.roles().contains(role.asString())).toList();
    assertThat(grants).hasSize(1);
    assertThat(grants.get(0).actions()).containsExactly("states:StartExecution");
    assertThat(grants.get(0).resources()).containsExactly(Map.of("Ref", machine));

    MAIN.hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of("SqsManagedSseEnabled", true)));
    MAIN.hasResourceProperties(
        "AWS::SQS::QueuePolicy",
        Match.objectLike(
            Map.of(
                "Queues", List.of(Map.of("Ref", queue.asString())),
                "PolicyDocument",
                Match.objectLike(
                    Map.of(
                        "Statement",
                        Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny", "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))));
  }

  @Test
  @SuppressWarnings("unchecked")
  void the_schedule_starts_a_validate_only_run_from_the_configured_plan() {
    String machine = Cfn.resources(MAIN, "AWS::StepFunctions::StateMachine").keySet().iterator().next();
    Capture input = new Capture();
    Capture role = new Capture();
    MAIN.hasResourceProperties(
        "AWS::Scheduler::Schedule",
        Match.objectLike(
            Map.of(
                "ScheduleExpression", Synthesized.SCHEDULE,
                "ScheduleExpressionTimezone", "UTC",
                "Target",
                Match.objectLike(
                    Map.of("Arn", Map.of("Ref", machine), "Input", input, "RoleArn", Map.of("Fn::GetAtt", List.of(role, "Arn")))))));
    JsonNode plan = Repository.parse(input.asString());
    assertThat(plan.path("mode").asText()).isEqualTo("VALIDATE_ONLY");
    List<Cfn.Statement> grants = Cfn.policyStatements(MAIN).stream().filter(s -> s.roles().contains(role.asString())).toList();
    assertThat(grants).flatExtracting(Cfn.Statement::actions).containsExactlyInAnyOrder("states:StartExecution", "sqs:SendMessage");
    assertThat(grants.stream().filter(s -> s.actions().contains("states:StartExecution")).findFirst().orElseThrow().resources()).containsExactly(Map.of("Ref", machine));
  }

  @Test
  void the_decide_function_sits_behind_an_iam_authenticated_function_url() {
    MAIN.hasResourceProperties(
        "AWS::Lambda::Url",
        Map.of("AuthType", "AWS_IAM", "TargetFunctionArn", Map.of("Fn::GetAtt", List.of(function("dev.cutover.approval.DecideHandler"), "Arn"))));
    MAIN.resourceCountIs("AWS::Lambda::Url", 1);
  }

  @Test
  void the_batch_operations_role_is_trusted_by_batch_operations_of_this_account_and_invokes_only_the_verify_task() {
    String role = Cfn.idWhere(MAIN, "AWS::IAM::Role", "RoleName", "cutover-target-batch");
    MAIN.hasResourceProperties(
        "AWS::IAM::Role",
        Match.objectLike(
            Map.of(
                "RoleName", "cutover-target-batch",
                "AssumeRolePolicyDocument",
                Match.objectLike(
                    Map.of(
                        "Statement",
                        List.of(
                            Match.objectLike(
                                Map.of(
                                    "Principal", Map.of("Service", "batchoperations.s3.amazonaws.com"),
                                    "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId")))))))))));
    List<Cfn.Statement> invokes = Cfn.policyStatements(MAIN).stream().filter(s -> s.roles().contains(role) && s.actions().contains("lambda:InvokeFunction")).toList();
    assertThat(invokes).hasSize(1);
    assertThat(invokes.get(0).resources()).containsExactly(Map.of("Fn::GetAtt", List.of(function("dev.cutover.verify.VerifyBatchTaskHandler"), "Arn")));
  }

  @Test
  void without_a_schedule_in_the_context_there_is_no_schedule() {
    // cdk.json configures none: `npx cdk synth` as shipped has no schedule.
    assertThat(Repository.cdkContext()).doesNotContainKey("cutover:validateOnlySchedule");
    Synthesized plain = Synthesized.with(Map.of());
    plain.main.resourceCountIs("AWS::Scheduler::Schedule", 0);
    MAIN.resourceCountIs("AWS::Scheduler::Schedule", 1);
  }
}
