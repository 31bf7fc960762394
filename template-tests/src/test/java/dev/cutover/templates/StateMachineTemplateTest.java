package dev.cutover.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.infra.Step;
import dev.cutover.templates.support.Cfn;
import dev.cutover.templates.support.Repository;
import dev.cutover.templates.support.Synthesized;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The state machine in the template: the file inlined, its placeholders filled, its role's grants. */
class StateMachineTemplateTest {

  private static final Synthesized APP = Synthesized.app();
  private static final Template MAIN = APP.main;

  @SuppressWarnings("unchecked")
  private static Map<String, Object> machine() {
    Map<String, Map<String, Object>> machines = Cfn.resources(MAIN, "AWS::StepFunctions::StateMachine");
    assertThat(machines).hasSize(1);
    return Cfn.properties(machines.values().iterator().next());
  }

  @Test
  void the_definition_is_the_workflow_file_inlined_unchanged() {
    assertThat(machine().get("DefinitionString")).isEqualTo(Repository.aslText());
  }

  @Test
  @SuppressWarnings("unchecked")
  void every_placeholder_in_the_file_has_a_substitution_and_every_substitution_a_placeholder() {
    Map<String, Object> substitutions = (Map<String, Object>) machine().get("DefinitionSubstitutions");

    assertThat(new TreeSet<>(substitutions.keySet())).isEqualTo(Repository.placeholders(Repository.aslText()));
  }

  @Test
  @SuppressWarnings("unchecked")
  void each_function_placeholder_is_the_arn_of_its_step_function() {
    Map<String, Object> substitutions = (Map<String, Object>) machine().get("DefinitionSubstitutions");
    for (Step step : Step.ALL) {
      step.placeholder().ifPresent(p -> {
        String function = Cfn.refOf(substitutions.get(p));
        assertThat(Cfn.properties(Cfn.resources(MAIN, "AWS::Lambda::Function").get(function)))
            .as(p)
            .containsEntry("Handler", step.handler());
      });
    }
  }

  @Test
  void logs_every_event_without_its_data_to_its_log_group_and_traces_with_x_ray() {
    Capture logGroup = new Capture();
    MAIN.hasResourceProperties(
        "AWS::StepFunctions::StateMachine",
        Match.objectLike(
            Map.of(
                "LoggingConfiguration",
                Map.of(
                    "Level", "ALL",
                    "IncludeExecutionData", false, // the approval task's parameters carry its token
                    "Destinations", List.of(Map.of("CloudWatchLogsLogGroup", Map.of("LogGroupArn", Map.of("Fn::GetAtt", List.of(logGroup, "Arn")))))),
                "TracingConfiguration", Map.of("Enabled", true))));
    MAIN.hasResource("AWS::Logs::LogGroup", Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("LogGroupName", "/aws/vendedlogs/states/cutover-migration")))));
    assertThat(Cfn.resources(MAIN, "AWS::Logs::LogGroup")).containsKey(logGroup.asString());
  }

  @Test
  @SuppressWarnings("unchecked")
  void the_state_machine_role_invokes_exactly_the_functions_the_workflow_names() {
    Map<String, Object> props = machine();
    String role = Cfn.refOf(props.get("RoleArn"));
    Map<String, Object> substitutions = (Map<String, Object>) props.get("DefinitionSubstitutions");
    Set<String> named = new TreeSet<>();
    for (String placeholder : Repository.placeholders(Repository.aslText())) {
      if (placeholder.endsWith("FunctionArn")) {
        named.add(Cfn.refOf(substitutions.get(placeholder)));
      }
    }
    List<Cfn.Statement> invokes = new ArrayList<>();
    for (Cfn.Statement s : Cfn.policyStatements(MAIN)) {
      if (s.roles().contains(role) && s.actions().stream().anyMatch(a -> a.startsWith("lambda:"))) {
        invokes.add(s);
      }
    }
    Set<String> invocable = new TreeSet<>();
    for (Cfn.Statement s : invokes) {
      assertThat(s.actions()).containsExactly("lambda:InvokeFunction");
      s.resources().forEach(r -> invocable.add(Cfn.refOf(r)));
    }

    assertThat(named).isNotEmpty();
    assertThat(invocable).isEqualTo(named);
  }

  @Test
  void the_state_machine_role_publishes_only_to_the_notice_topic() {
    String role = Cfn.refOf(machine().get("RoleArn"));
    String topic = Cfn.idWhere(MAIN, "AWS::SNS::Topic", "TopicName", "cutover-notices");
    List<Cfn.Statement> publishes = Cfn.policyStatements(MAIN).stream().filter(s -> s.roles().contains(role) && s.actions().contains("sns:Publish")).toList();

    assertThat(publishes).hasSize(1);
    assertThat(publishes.get(0).resources()).containsExactly(Map.of("Ref", topic));
  }

  @Test
  void the_state_machine_role_is_trusted_by_step_functions_of_this_account_only() {
    String role = Cfn.refOf(machine().get("RoleArn"));
    MAIN.hasResource(
        "AWS::IAM::Role",
        Match.objectLike(
            Map.of(
                "Properties",
                Match.objectLike(
                    Map.of(
                        "AssumeRolePolicyDocument",
                        Match.objectLike(
                            Map.of(
                                "Statement",
                                List.of(
                                    Match.objectLike(
                                        Map.of(
                                            "Principal", Map.of("Service", "states.amazonaws.com"),
                                            "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId")))))))))))));
    assertThat(Cfn.resources(MAIN, "AWS::IAM::Role")).containsKey(role);
  }
}
