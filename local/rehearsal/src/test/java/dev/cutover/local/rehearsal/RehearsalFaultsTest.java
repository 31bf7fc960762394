package dev.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every fault {@code cutover rehearse --fault} injects, end to end on the local world: the run
 * ends where the fault's documentation says, through the states that show why, with every object
 * blue held before the run as it was, and no failed request the fault does not itself cause
 * ({@link RehearsalRun.Result#problems()} checks those for every run; each case adds the path).
 */
class RehearsalFaultsTest {

  @TempDir
  Path reports;

  @ParameterizedTest
  @EnumSource(Fault.class)
  void each_fault_ends_in_its_documented_state_with_blue_untouched(Fault fault) throws Exception {
    StringWriter text = new StringWriter();
    RehearsalRun.Result r = RehearsalRun.run(new RehearsalRun.Options(30, 20, Optional.of(fault), true, reports, 100, 7),
        new PrintWriter(new RehearsalRunTest.TeeWriter(text), true), request -> {
          throw new AssertionError("--auto-approve never asks");
        });

    assertThat(r.problems()).as(text.toString()).isEmpty();
    assertThat(r.asExpected()).isTrue();
    assertThat(r.status()).isEqualTo(fault.status());
    assertThat(r.error()).isEqualTo(fault.error());
    assertThat(r.summary().blueUntouched()).isEmpty();
    switch (fault) {
      case MISSING_OBJECT, METADATA_DRIFT -> {
        assertThat(r.summary().mismatches()).isPositive();
        assertStoppedAtTheGate(r);
      }
      case BACKFILL_TASKS_FAILING -> {
        assertThat(r.path()).contains("ReadBackfillFailures");
        assertStoppedAtTheGate(r);
      }
      case PARITY_DRIFT -> {
        assertThat(r.summary().parityFindings()).isPositive();
        assertThat(r.summary().mismatches()).isZero();
        assertStoppedAtTheGate(r);
      }
      case APPROVAL_REJECTED, APPROVAL_TIMEOUT -> {
        assertThat(r.path()).containsSubsequence("WriteReport", "WaitForApproval", "NotApproved").doesNotContain("RecordWhatWillChange");
        assertThat(r.routedTo()).contains("blue");
        assertThat(r.summary().servedBy()).doesNotContainKey("green");
      }
      case GREEN_5XX -> {
        assertThat(r.path()).containsSubsequence("MoveAliasToGreen", "WatchGreen", "GreenIsUnhealthy", "RollBack", "GiveAliasBackToBlue",
            "RestoreReplication", "RolledBackAfterAFailure");
        assertThat(r.routedTo()).contains("blue");
        assertThat(r.summary().failures()).isNotEmpty().allSatisfy(f -> {
          assertThat(f.servedBy()).isEqualTo("green");
          assertThat(f.status()).isEqualTo(503);
        });
        assertThat(r.unexpectedFailures()).isEmpty();
        assertThat(r.rollbackTime()).isPresent();
      }
      case S3_THROTTLING -> {
        assertThat(r.throttled()).isPositive();
        assertThat(r.outcome()).isEqualTo("MIGRATED");
        assertThat(r.summary().failures()).isEmpty();
      }
      case ENGINE_KILLED -> {
        assertThat(r.engineRestarts()).isEqualTo(1);
        assertThat(r.outcome()).isEqualTo("MIGRATED");
        assertThat(r.path()).containsSubsequence("StartBackfill", "DescribeBackfill", "VerifyObjects", "Migrated");
        assertThat(r.summary().failures()).isEmpty();
      }
    }
  }

  private static void assertStoppedAtTheGate(RehearsalRun.Result r) {
    assertThat(r.path()).containsSubsequence("WriteReport", "IsEverythingVerified", "StoppedBeforeTheCutover").doesNotContain("WaitForApproval");
    assertThat(r.routedTo()).contains("blue");
    assertThat(r.summary().servedBy()).doesNotContainKey("green");
    assertThat(r.summary().failures()).isEmpty();
  }
}
