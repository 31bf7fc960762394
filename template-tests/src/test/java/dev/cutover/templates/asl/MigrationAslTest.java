package dev.cutover.templates.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.errors.ErrorContract;
import dev.cutover.templates.support.Repository;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The static checks on the real workflow, statemachine/migration.asl.json. */
class MigrationAslTest {

  private static final JsonNode ASL = Repository.asl();

  /** The tasks that change what users get: they must come after the validation gate and the approval. */
  private static final Predicate<JsonNode> CUTOVER_STATES =
      AslChecks.lambdaAction("${CutoverFunctionArn}", Set.of("POINT_DNS", "DETACH_BLUE", "ATTACH_GREEN"));

  /** A Choice rule that matches only VALIDATE_ONLY runs, which never reach the first change. */
  private static final Pattern VALIDATE_ONLY_RULE = Pattern.compile("(?<![!<>])=\\s*['\"]VALIDATE_ONLY['\"]");

  @Test
  void every_transition_names_an_existing_state() {
    assertThat(AslChecks.danglingTransitions(ASL)).isEmpty();
  }

  @Test
  void every_task_has_retry_and_catch() {
    assertThat(AslChecks.tasksWithoutRetryOrCatch(ASL)).isEmpty();
  }

  @Test
  void every_lambda_task_retries_the_lambda_service_errors_and_our_transient_error_with_full_jitter() {
    List<String> required = new ArrayList<>(AslChecks.LAMBDA_SERVICE_ERRORS);
    required.addAll(ErrorContract.retriedErrorNames());

    assertThat(ErrorContract.retriedErrorNames()).isNotEmpty();
    assertThat(AslChecks.lambdaRetryGaps(ASL, required)).isEmpty();
  }

  @Test
  void every_error_name_is_one_of_our_classes_or_a_documented_one() {
    assertThat(AslChecks.unknownErrorNames(ASL, ErrorContract.errorNames())).isEmpty();
  }

  @Test
  void no_path_reaches_the_cutover_without_the_validation_gate() {
    assertThat(AslChecks.pathsAroundGate(ASL, CUTOVER_STATES, "IsEverythingVerified")).isEmpty();
  }

  @Test
  void no_path_reaches_the_cutover_without_the_approval() {
    assertThat(AslChecks.pathsAroundGate(ASL, CUTOVER_STATES, "WaitForApproval")).isEmpty();
    assertThat(AslChecks.allStates(ASL)).containsKey("MoveAliasToGreen");
  }

  @Test
  void every_state_after_the_first_change_can_reach_the_rollback_and_the_rollback_can_finish() {
    Predicate<JsonNode> validateOnly = rule -> VALIDATE_ONLY_RULE.matcher(rule.path("Condition").asText()).find();

    assertThat(AslChecks.rollbackReachability(ASL, "EnableReplication", "RollBack", validateOnly)).isEmpty();
  }
}
