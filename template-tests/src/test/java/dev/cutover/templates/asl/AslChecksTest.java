package dev.cutover.templates.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.templates.support.Repository;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Each static check on small hand-written documents: it passes a good one and names what is wrong in a bad one. */
class AslChecksTest {

  private static final String RETRY =
      """
      [{"ErrorEquals": ["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException",
                        "Lambda.ClientExecutionTimeoutException", "Lambda.TooManyRequestsException",
                        "dev.cutover.errors.TransientException"],
        "JitterStrategy": "FULL", "MaxAttempts": 3}]""";

  private static String task(String function, String action, String next, String catchTo) {
    return """
        {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
         "Arguments": {"FunctionName": "${%s}", "Payload": {"action": "%s"}},
         "Retry": %s,
         "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "%s"}],
         "Next": "%s"}"""
        .formatted(function, action, RETRY, catchTo, next);
  }

  /** Start → Gate (Choice) → Approve → Move → Done, failures → RollBack → RolledBack. */
  private static String gated(String startTarget) {
    return """
        {"StartAt": "Start", "States": {
          "Start": %s,
          "IsEverythingVerified": {"Type": "Choice", "Choices": [{"Condition": "{%% true %%}", "Next": "WaitForApproval"}], "Default": "Stopped"},
          "WaitForApproval": %s,
          "MoveAliasToGreen": %s,
          "Done": {"Type": "Succeed"},
          "Stopped": {"Type": "Fail"},
          "RollBack": %s,
          "RolledBack": {"Type": "Fail"}
        }}"""
        .formatted(
            task("PreflightFunctionArn", "CHECK", startTarget, "Stopped"),
            task("RequestApprovalFunctionArn", "ASK", "MoveAliasToGreen", "RollBack"),
            task("CutoverFunctionArn", "ATTACH_GREEN", "Done", "RollBack"),
            task("RollbackFunctionArn", "ATTACH_BLUE", "RolledBack", "RolledBack"));
  }

  private static final Predicate<JsonNode> CUTOVER = AslChecks.lambdaAction("${CutoverFunctionArn}", Set.of("POINT_DNS", "DETACH_BLUE", "ATTACH_GREEN"));

  private static final List<String> REQUIRED_RETRY =
      List.of(
          "Lambda.ServiceException",
          "Lambda.AWSLambdaException",
          "Lambda.SdkClientException",
          "Lambda.ClientExecutionTimeoutException",
          "Lambda.TooManyRequestsException",
          "dev.cutover.errors.TransientException");

  @Test
  void a_well_formed_gated_machine_passes_every_check() {
    JsonNode asl = Repository.parse(gated("IsEverythingVerified"));

    assertThat(AslChecks.danglingTransitions(asl)).isEmpty();
    assertThat(AslChecks.tasksWithoutRetryOrCatch(asl)).isEmpty();
    assertThat(AslChecks.lambdaRetryGaps(asl, REQUIRED_RETRY)).isEmpty();
    assertThat(AslChecks.unknownErrorNames(asl, List.of("dev.cutover.errors.TransientException"))).isEmpty();
    assertThat(AslChecks.pathsAroundGate(asl, CUTOVER, "IsEverythingVerified")).isEmpty();
    assertThat(AslChecks.pathsAroundGate(asl, CUTOVER, "WaitForApproval")).isEmpty();
  }

  @Test
  void a_missing_next_target_is_named() {
    JsonNode asl =
        Repository.parse(
            """
            {"StartAt": "A", "States": {
              "A": {"Type": "Pass", "Next": "Nowhere"},
              "B": {"Type": "Pass"},
              "C": {"Type": "Choice", "Choices": [{"Condition": "{% true %}", "Next": "Gone"}], "Default": "A"}
            }}""");

    assertThat(AslChecks.danglingTransitions(asl))
        .containsExactlyInAnyOrder(
            "state A goes to \"Nowhere\", which is not a state of top level",
            "state B has neither Next nor End",
            "state C goes to \"Gone\", which is not a state of top level");
  }

  @Test
  void a_missing_target_inside_a_parallel_branch_or_a_map_is_named() {
    JsonNode asl =
        Repository.parse(
            """
            {"StartAt": "P", "States": {
              "P": {"Type": "Parallel", "Next": "M", "Branches": [
                {"StartAt": "Missing", "States": {"B1": {"Type": "Pass", "End": true}}}]},
              "M": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "I", "States": {
                "I": {"Type": "Pass", "Next": "P"}}}}
            }}""");

    assertThat(AslChecks.danglingTransitions(asl))
        .containsExactlyInAnyOrder(
            "a branch of P: StartAt \"Missing\" is not a state there",
            "state I goes to \"P\", which is not a state of the item processor of M");
  }

  @Test
  void a_task_without_catch_or_retry_is_named() {
    JsonNode asl =
        Repository.parse(
            """
            {"StartAt": "A", "States": {
              "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f"},
                    "Retry": [{"ErrorEquals": ["States.ALL"]}], "End": true},
              "B": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Arguments": {},
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "A"}], "End": true}
            }}""");

    assertThat(AslChecks.tasksWithoutRetryOrCatch(asl)).containsExactlyInAnyOrder("Task A has no Catch", "Task B has no Retry");
  }

  @Test
  void a_lambda_task_that_does_not_retry_a_service_error_with_full_jitter_is_named() {
    JsonNode asl =
        Repository.parse(
            """
            {"StartAt": "A", "States": {
              "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f"},
                    "Retry": [{"ErrorEquals": ["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException",
                                               "Lambda.ClientExecutionTimeoutException", "Lambda.TooManyRequestsException"],
                               "JitterStrategy": "FULL"},
                              {"ErrorEquals": ["dev.cutover.errors.TransientException"]}],
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "B"}], "Next": "B"},
              "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken", "Arguments": {"FunctionName": "g"},
                    "Retry": [{"ErrorEquals": ["dev.cutover.errors.TransientException"], "JitterStrategy": "FULL"}],
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "C"}], "Next": "C"},
              "C": {"Type": "Succeed"}
            }}""");

    assertThat(AslChecks.lambdaRetryGaps(asl, REQUIRED_RETRY))
        .containsExactlyInAnyOrder(
            "Task A does not retry [dev.cutover.errors.TransientException] with JitterStrategy FULL",
            "Task B does not retry [Lambda.ServiceException, Lambda.AWSLambdaException, Lambda.SdkClientException, "
                + "Lambda.ClientExecutionTimeoutException, Lambda.TooManyRequestsException] with JitterStrategy FULL");
  }

  @Test
  void an_unknown_error_name_is_named() {
    JsonNode asl =
        Repository.parse(
            """
            {"StartAt": "A", "States": {
              "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "f"},
                    "Retry": [{"ErrorEquals": ["dev.cutover.errors.TransientError"]}],
                    "Catch": [{"ErrorEquals": ["States.Timeout", "dev.cutover.errors.PreconditionFailedException", "States.Everything"], "Next": "B"}],
                    "Next": "B"},
              "B": {"Type": "Succeed"}
            }}""");

    assertThat(AslChecks.unknownErrorNames(asl, List.of("dev.cutover.errors.TransientException", "dev.cutover.errors.PreconditionFailedException")))
        .containsExactlyInAnyOrder(
            "state A Retry names \"dev.cutover.errors.TransientError\", which is neither an error class of lambdas/common nor a documented States./Lambda. error",
            "state A Catch names \"States.Everything\", which is neither an error class of lambdas/common nor a documented States./Lambda. error");
  }

  @Test
  void a_path_to_move_alias_to_green_that_bypasses_the_approval_is_named() {
    // Start jumps straight to the move: it bypasses both the validation gate and the approval.
    JsonNode asl = Repository.parse(gated("MoveAliasToGreen"));

    assertThat(AslChecks.pathsAroundGate(asl, CUTOVER, "WaitForApproval"))
        .containsExactly("state MoveAliasToGreen is reachable from Start without passing WaitForApproval");
    assertThat(AslChecks.pathsAroundGate(asl, CUTOVER, "IsEverythingVerified"))
        .containsExactly("state MoveAliasToGreen is reachable from Start without passing IsEverythingVerified");
  }

  @Test
  void a_catch_that_jumps_past_the_approval_is_a_path_around_it() {
    // The approval's own Catch does not count as passing it: a Catch from the gate to the move would.
    String text = gated("IsEverythingVerified").replace("\"Default\": \"Stopped\"", "\"Default\": \"MoveAliasToGreen\"");
    JsonNode asl = Repository.parse(text);

    assertThat(AslChecks.pathsAroundGate(asl, CUTOVER, "WaitForApproval"))
        .containsExactly("state MoveAliasToGreen is reachable from Start without passing WaitForApproval");
    assertThat(AslChecks.pathsAroundGate(asl, CUTOVER, "IsEverythingVerified")).isEmpty();
  }

  @Test
  void a_gate_that_guards_nothing_is_reported() {
    JsonNode asl = Repository.parse(gated("IsEverythingVerified").replace("ATTACH_GREEN", "SOMETHING_ELSE"));

    assertThat(AslChecks.pathsAroundGate(asl, CUTOVER, "WaitForApproval")).containsExactly("no state is guarded by WaitForApproval: the predicate matched nothing");
  }

  @Test
  void a_state_after_the_first_change_that_cannot_reach_the_rollback_is_named() {
    JsonNode asl =
        Repository.parse(
            """
            {"StartAt": "EnableReplication", "States": {
              "EnableReplication": {"Type": "Pass", "Next": "Check"},
              "Check": {"Type": "Choice",
                        "Choices": [{"Condition": "{% $plan.mode = 'VALIDATE_ONLY' %}", "Next": "ValidateOnlyEnd"},
                                    {"Condition": "{% $bad %}", "Next": "DeadEnd"},
                                    {"Condition": "{% $stop %}", "Next": "NoticeOnly"}],
                        "Default": "RollBack"},
              "ValidateOnlyEnd": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Stop"},
              "DeadEnd": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Stop"},
              "NoticeOnly": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Next": "Stop"},
              "Stop": {"Type": "Fail"},
              "RollBack": {"Type": "Pass", "Next": "Loop"},
              "Loop": {"Type": "Pass", "Next": "RollBack"}
            }}""");
    Predicate<JsonNode> validateOnly = rule -> rule.path("Condition").asText().contains("'VALIDATE_ONLY'");

    assertThat(AslChecks.rollbackReachability(asl, "EnableReplication", "RollBack", validateOnly))
        .containsExactlyInAnyOrder("state DeadEnd comes after EnableReplication but cannot reach RollBack", "rollback state RollBack cannot reach an end", "rollback state Loop cannot reach an end");
    assertThat(AslChecks.rollbackReachability(asl, "EnableReplication", "RollBack", rule -> false))
        .contains("state ValidateOnlyEnd comes after EnableReplication but cannot reach RollBack");
  }

  @Test
  void a_state_inside_a_parallel_branch_reaches_the_rollback_through_the_parallels_catch() {
    String machine =
        """
        {"StartAt": "EnableReplication", "States": {
          "EnableReplication": {"Type": "Pass", "Next": "Checks"},
          "Checks": {"Type": "Parallel", "Next": "Done", %s
                     "Branches": [{"StartAt": "Inner", "States": {"Inner": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}]},
          "Done": {"Type": "Succeed"},
          "RollBack": {"Type": "Pass", "Next": "RolledBack"},
          "RolledBack": {"Type": "Fail"}
        }}""";
    JsonNode caught = Repository.parse(machine.formatted("\"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"RollBack\"}],"));
    JsonNode uncaught = Repository.parse(machine.formatted(""));

    assertThat(AslChecks.rollbackReachability(caught, "EnableReplication", "RollBack", rule -> false)).isEmpty();
    assertThat(AslChecks.rollbackReachability(uncaught, "EnableReplication", "RollBack", rule -> false))
        .containsExactlyInAnyOrder(
            "state EnableReplication comes after EnableReplication but cannot reach RollBack",
            "state Checks comes after EnableReplication but cannot reach RollBack",
            "state Inner comes after EnableReplication but cannot reach RollBack");
  }
}
