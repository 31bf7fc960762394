package dev.cutover.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientRequestTokensTest {

  static final String EXECUTION =
      "arn:aws:states:us-east-1:444455556666:execution:cutover-migration:assets-2026-11-24";

  @Test
  void the_same_execution_state_and_attempt_always_give_the_same_token() {
    assertThat(ClientRequestTokens.of(BackfillAction.START, EXECUTION, "StartBackfill", 1))
        .isEqualTo(ClientRequestTokens.of(BackfillAction.START, EXECUTION, "StartBackfill", 1));
  }

  @Test
  void the_token_is_unchanged_across_releases_so_a_retry_after_an_upgrade_finds_its_job() {
    // SHA-256 of "cutover-backfill\nSTART\n<execution>\nStartBackfill\n1", computed outside this code.
    assertThat(ClientRequestTokens.of(BackfillAction.START, EXECUTION, "StartBackfill", 1))
        .isEqualTo("8ae8b1ecd9699d0cdcf69ff7def85c8a3c3d723bdec1fa5fd526bb3bfcb86ae1");
  }

  @Test
  void a_token_fits_s3_controls_limit_whatever_the_length_of_its_inputs() {
    String token = ClientRequestTokens.of(BackfillAction.START, EXECUTION + "x".repeat(500), "S".repeat(80), 1);

    assertThat(token).as("S3 Control takes 1 to 64 characters").hasSize(64).matches("[0-9a-f]+");
  }

  @Test
  void another_execution_state_attempt_or_action_gives_another_token() {
    Set<String> tokens =
        Set.of(
            ClientRequestTokens.of(BackfillAction.START, EXECUTION, "StartBackfill", 1),
            ClientRequestTokens.of(BackfillAction.START, EXECUTION + "-2", "StartBackfill", 1),
            ClientRequestTokens.of(BackfillAction.START, EXECUTION, "StartBackfillAgain", 1),
            ClientRequestTokens.of(BackfillAction.START, EXECUTION, "StartBackfill", 2),
            ClientRequestTokens.of(BackfillAction.REDRIVE, EXECUTION, "StartBackfill", 1));

    assertThat(tokens).hasSize(5);
  }

  @Test
  void parts_cannot_run_into_each_other() {
    assertThat(ClientRequestTokens.of(BackfillAction.START, "exec-1", "1State", 1))
        .isNotEqualTo(ClientRequestTokens.of(BackfillAction.START, "exec-11", "State", 1));
  }
}
