package dev.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FaultTest {

  @Test
  void every_fault_the_issue_names_can_be_asked_for_by_name() {
    assertThat(Fault.values()).extracting(Fault::option).containsExactlyInAnyOrder(
        "missing-object", "metadata-drift", "backfill-tasks-failing", "parity-drift", "approval-rejected",
        "approval-timeout", "green-5xx", "s3-throttling", "engine-killed");
    assertThat(Fault.parse(" Green-5XX ")).isEqualTo(Fault.GREEN_5XX);
  }

  @Test
  void an_unknown_fault_is_refused_with_the_names_it_could_have_been() {
    assertThatThrownBy(() -> Fault.parse("green-500"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--fault green-500 is not a fault")
        .hasMessageContaining("green-5xx")
        .hasMessageContaining("--list-faults");
  }

  @Test
  void each_fault_names_the_end_it_must_reach() {
    assertThat(Fault.APPROVAL_TIMEOUT.error()).contains("cutover.NotApproved");
    assertThat(Fault.S3_THROTTLING.status()).isEqualTo("SUCCEEDED");
  }
}
