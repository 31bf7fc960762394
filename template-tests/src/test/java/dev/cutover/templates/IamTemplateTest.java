package dev.cutover.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.infra.Step;
import dev.cutover.templates.support.Cfn;
import dev.cutover.templates.support.Synthesized;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** Least privilege: every grant names its resources; the few {@code *} are the ones AWS requires. */
class IamTemplateTest {

  private static final Synthesized APP = Synthesized.app();
  private static final Template MAIN = APP.main;
  private static final Template SOURCE = APP.source;

  /**
   * The only actions granted on {@code "Resource": "*"}, and why: none of them has resource-level
   * permissions (Service Authorization Reference, "Resource types" column empty).
   */
  static final Map<String, String> STAR_ONLY_ACTIONS =
      Map.ofEntries(
          Map.entry("xray:PutTraceSegments", "X-Ray tracing of the functions and the state machine"),
          Map.entry("xray:PutTelemetryRecords", "X-Ray tracing of the functions and the state machine"),
          Map.entry("xray:GetSamplingRules", "X-Ray tracing of the state machine"),
          Map.entry("xray:GetSamplingTargets", "X-Ray tracing of the state machine"),
          Map.entry("logs:CreateLogDelivery", "Step Functions logging to CloudWatch Logs (vended logs)"),
          Map.entry("logs:GetLogDelivery", "Step Functions logging"),
          Map.entry("logs:UpdateLogDelivery", "Step Functions logging"),
          Map.entry("logs:DeleteLogDelivery", "Step Functions logging"),
          Map.entry("logs:ListLogDeliveries", "Step Functions logging"),
          Map.entry("logs:PutResourcePolicy", "Step Functions logging"),
          Map.entry("logs:DescribeResourcePolicies", "Step Functions logging"),
          Map.entry("logs:DescribeLogGroups", "Step Functions logging"),
          Map.entry("cloudtrail:LookupEvents", "Decide finds who started the execution"),
          Map.entry("s3:CreateJob", "Batch Replication, compute-checksum and verify jobs"),
          Map.entry("cloudwatch:GetMetricData", "watch reads green's CloudFront error rates"));

  private static List<Cfn.Statement> allStatements() {
    List<Cfn.Statement> all = new ArrayList<>(Cfn.policyStatements(MAIN));
    all.addAll(Cfn.policyStatements(SOURCE));
    return all;
  }

  @Test
  void star_resources_are_granted_only_for_actions_without_resource_level_permissions() {
    List<String> unexplained = new ArrayList<>();
    for (Cfn.Statement s : allStatements()) {
      if (s.resources().contains("*")) {
        for (String action : s.actions()) {
          if (!STAR_ONLY_ACTIONS.containsKey(action)) {
            unexplained.add(action + " on * in " + s.policy());
          }
        }
        assertThat(s.resources()).as("a * statement names nothing else: %s", s.policy()).containsExactly("*");
      }
    }
    assertThat(unexplained).isEmpty();
  }

  @Test
  void no_statement_uses_an_action_wildcard() {
    List<String> wildcards = new ArrayList<>();
    for (Cfn.Statement s : allStatements()) {
      s.actions().stream().filter(a -> a.contains("*")).forEach(a -> wildcards.add(a + " in " + s.policy()));
    }
    assertThat(wildcards).isEmpty();
  }

  @Test
  void every_statement_is_an_allow_on_named_resources() {
    for (Cfn.Statement s : allStatements()) {
      assertThat(s.effect()).isEqualTo("Allow");
      assertThat(s.resources()).as(s.policy()).isNotEmpty();
      assertThat(s.raw()).as(s.policy()).doesNotContainKeys("NotAction", "NotResource");
    }
  }

  @Test
  void nothing_may_write_or_delete_an_object_of_blues_bucket() {
    List<String> writes = new ArrayList<>();
    for (Cfn.Statement s : allStatements()) {
      boolean onBlueObjects = s.resourceTexts().stream().anyMatch(r -> r.startsWith("arn:aws:s3:::legacy-web-assets/"));
      if (onBlueObjects) {
        s.actions().stream()
            .filter(a -> !(a.startsWith("s3:Get") || a.equals("s3:InitiateReplication")))
            .forEach(a -> writes.add(a + " in " + s.policy()));
      }
    }
    assertThat(writes).isEmpty();
  }

  @Test
  void the_step_roles_assume_only_the_named_access_roles_and_have_no_other_aws_access_except_approval() {
    Set<String> approvalRoles = Set.of("cutover-step-request-approval", "cutover-step-decide");
    for (Step step : Step.ALL) {
      String roleName = "cutover-step-" + stepKebab(step.id());
      String role = Cfn.idWhere(MAIN, "AWS::IAM::Role", "RoleName", roleName);
      Set<String> actions = new TreeSet<>();
      for (Cfn.Statement s : Cfn.policyStatements(MAIN)) {
        if (!s.roles().contains(role)) {
          continue;
        }
        actions.addAll(s.actions());
        if (s.actions().contains("sts:AssumeRole")) {
          assertThat(s.actions()).containsExactly("sts:AssumeRole");
          assertThat(s.resourceTexts())
              .as(roleName)
              .allMatch(r -> r.equals("arn:aws:iam::111122223333:role/cutover-source") || (r.contains("role/cutover-target") && r.contains("AWS::AccountId")));
        }
      }
      if (!approvalRoles.contains(roleName)) {
        assertThat(actions)
            .as(roleName + ": logs, traces and sts:AssumeRole only (everything else through the access roles)")
            .isSubsetOf("logs:CreateLogStream", "logs:PutLogEvents", "xray:PutTraceSegments", "xray:PutTelemetryRecords", "sts:AssumeRole");
        assertThat(actions).as(roleName).contains("sts:AssumeRole");
      }
    }
  }

  @Test
  void only_decide_may_answer_a_waiting_task_and_only_for_this_state_machine() {
    String machine = Cfn.resources(MAIN, "AWS::StepFunctions::StateMachine").keySet().iterator().next();
    String decide = Cfn.idWhere(MAIN, "AWS::IAM::Role", "RoleName", "cutover-step-decide");
    List<Cfn.Statement> answers = allStatements().stream().filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("states:SendTask"))).toList();

    assertThat(answers).hasSize(1);
    assertThat(answers.get(0).roles()).containsExactly(decide);
    assertThat(answers.get(0).actions()).containsExactlyInAnyOrder("states:SendTaskSuccess", "states:SendTaskFailure");
    assertThat(answers.get(0).resources()).containsExactly(Map.of("Ref", machine));
  }

  @Test
  @SuppressWarnings("unchecked")
  void task_tokens_are_encrypted_and_decrypted_only_with_the_approval_encryption_context() {
    for (Cfn.Statement s : Cfn.policyStatements(MAIN)) {
      if (s.policy().contains("RequestApproval") && s.actions().equals(List.of("kms:Encrypt")) || s.policy().contains("Decide") && s.actions().equals(List.of("kms:Decrypt"))) {
        Map<String, Object> condition = (Map<String, Object>) s.raw().get("Condition");
        assertThat(condition).as(s.policy()).containsEntry("ForAllValues:StringEquals", Map.of("kms:EncryptionContextKeys", List.of("executionArn", "approvalId")));
      }
    }
  }

  @Test
  void service_roles_trust_their_service_with_a_source_account_condition() {
    for (Template t : List.of(MAIN, SOURCE)) {
      Cfn.resources(t, "AWS::IAM::Role").forEach((id, role) -> {
        String trust = Cfn.text(Cfn.properties(role).get("AssumeRolePolicyDocument"));
        boolean lambdaOrEvents = trust.contains("lambda.amazonaws.com") || trust.contains("events.amazonaws.com");
        if (trust.contains("\"Service\"") && !lambdaOrEvents) {
          assertThat(trust).as(id).contains("aws:SourceAccount");
        }
      });
    }
  }

  @Test
  void blues_access_role_trusts_only_the_step_roles_of_the_target_account() {
    String trust =
        Cfn.text(Cfn.properties(Cfn.resources(SOURCE, "AWS::IAM::Role").get(Cfn.idWhere(SOURCE, "AWS::IAM::Role", "RoleName", "cutover-source"))).get("AssumeRolePolicyDocument"));
    assertThat(trust).contains(":iam::444455556666:root\"").contains("\"aws:PrincipalArn\":\"arn:aws:iam::444455556666:role/cutover-step-*\"");
  }

  @Test
  void the_replication_role_writes_replicas_only_into_greens_bucket() {
    String role = Cfn.idWhere(SOURCE, "AWS::IAM::Role", "RoleName", "cutover-replication");
    List<Cfn.Statement> replicate = Cfn.policyStatements(SOURCE).stream().filter(s -> s.roles().contains(role) && s.actions().contains("s3:ReplicateObject")).toList();
    assertThat(replicate).hasSize(1);
    assertThat(replicate.get(0).resources()).containsExactly("arn:aws:s3:::platform-web-assets/*");
  }

  private static String stepKebab(String id) {
    return id.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
