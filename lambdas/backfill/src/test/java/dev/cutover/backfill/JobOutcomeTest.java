package dev.cutover.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.s3control.model.JobStatus;

class JobOutcomeTest {

  /** Every status S3 Batch Operations documents, with no failed task. */
  static final Map<String, JobOutcome> WITHOUT_FAILED_TASKS =
      Map.ofEntries(
          Map.entry("New", JobOutcome.RUNNING),
          Map.entry("Preparing", JobOutcome.RUNNING),
          Map.entry("Suspended", JobOutcome.RUNNING),
          Map.entry("Ready", JobOutcome.RUNNING),
          Map.entry("Active", JobOutcome.RUNNING),
          Map.entry("Pausing", JobOutcome.RUNNING),
          Map.entry("Paused", JobOutcome.RUNNING),
          Map.entry("Completing", JobOutcome.RUNNING),
          Map.entry("Cancelling", JobOutcome.RUNNING),
          Map.entry("Failing", JobOutcome.RUNNING),
          Map.entry("Complete", JobOutcome.SUCCEEDED),
          Map.entry("Failed", JobOutcome.FAILED),
          Map.entry("Cancelled", JobOutcome.FAILED));

  @ParameterizedTest(name = "{0} with {1} failed tasks is {2}")
  @CsvSource({
    "New,        0, RUNNING",   "New,        3, RUNNING",
    "Preparing,  0, RUNNING",   "Preparing,  3, RUNNING",
    "Suspended,  0, RUNNING",   "Suspended,  3, RUNNING",
    "Ready,      0, RUNNING",   "Ready,      3, RUNNING",
    "Active,     0, RUNNING",   "Active,     3, RUNNING",
    "Pausing,    0, RUNNING",   "Pausing,    3, RUNNING",
    "Paused,     0, RUNNING",   "Paused,     3, RUNNING",
    "Completing, 0, RUNNING",   "Completing, 3, RUNNING",
    "Cancelling, 0, RUNNING",   "Cancelling, 3, RUNNING",
    "Failing,    0, RUNNING",   "Failing,    3, RUNNING",
    "Complete,   0, SUCCEEDED", "Complete,   3, FAILED",
    "Complete,   1, FAILED",
    "Failed,     0, FAILED",    "Failed,     3, FAILED",
    "Cancelled,  0, FAILED",    "Cancelled,  3, FAILED",
  })
  void every_status_maps_to_the_outcome_the_wait_loop_branches_on(String status, long failed, JobOutcome outcome) {
    assertThat(JobOutcome.of(status, failed)).isEqualTo(outcome);
  }

  @Test
  void the_table_covers_every_status_the_sdk_knows() {
    Map<String, JobOutcome> known = new TreeMap<>();
    for (JobStatus status : JobStatus.knownValues()) {
      known.put(status.toString(), JobOutcome.of(status.toString(), 0));
    }

    assertThat(known).isEqualTo(new TreeMap<>(WITHOUT_FAILED_TASKS));
  }

  @Test
  void a_status_added_after_this_build_keeps_the_loop_waiting() {
    assertThat(JobOutcome.of("Archiving", 0)).isEqualTo(JobOutcome.RUNNING);
  }
}
