package dev.cutover.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdempotencyTokensTest {

  @Test
  void a_token_is_the_hex_sha256_of_its_parts_joined_by_line_breaks() {
    // SHA-256 of "a\nb", computed outside this code.
    assertThat(IdempotencyTokens.of("a", "b"))
        .isEqualTo("7e18f737311b2dc3b2f269dd78396b0351f14fb66efa879f768cb23181883c78");
  }

  @Test
  void parts_cannot_run_into_each_other_and_tokens_fit_s3_controls_limit() {
    assertThat(IdempotencyTokens.of("a1", "b")).isNotEqualTo(IdempotencyTokens.of("a", "1b"));
    assertThat(IdempotencyTokens.of("x".repeat(5000))).hasSize(64).matches("[0-9a-f]+");
  }
}
