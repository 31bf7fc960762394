package dev.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small rehearsal with no fault, approved at the prompt, from start to the summary. */
class RehearsalRunTest {

  @TempDir
  Path reports;

  @Test
  void a_rehearsal_migrates_under_traffic_with_no_failed_request_and_blue_untouched() throws Exception {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(new TeeWriter(text), true);
    RehearsalRun.Result result = RehearsalRun.run(RehearsalRun.Options.of(40, 20, Optional.empty(), false, reports), out,
        request -> {
          assertThat(request.verdict()).isEqualTo("READY");
          assertThat(request.reportHtml()).hasValueSatisfying(p -> assertThat(p).exists());
          return RehearsalRun.Answer.approve();
        });

    assertThat(result.problems()).isEmpty();
    assertThat(result.asExpected()).isTrue();
    assertThat(result.status()).isEqualTo("SUCCEEDED");
    assertThat(result.outcome()).isEqualTo("MIGRATED");
    assertThat(result.routedTo()).contains("green");
    assertThat(result.summary().failures()).isEmpty();
    assertThat(result.summary().blueUntouched()).isEmpty();
    assertThat(result.summary().servedBy()).containsKeys("blue", "green");
    assertThat(result.liveWrites()).isPositive();
    assertThat(result.liveWritesOnGreen()).isEqualTo(result.liveWrites());
    assertThat(result.summary().objectsMigrated()).isEqualTo(40 + result.liveWrites());
    assertThat(result.path()).containsSubsequence("CheckPreflight", "EnableReplication", "StartBackfill", "WriteReport", "WaitForApproval",
        "MoveAliasToGreen", "WatchGreen", "Migrated");
    assertThat(result.cutoverTime()).isPresent();
    assertThat(reports.resolve("rehearsal.html")).exists();
    assertThat(reports.resolve("report.html")).exists();
    assertThat(Files.readString(reports.resolve("rehearsal.json"))).contains("\"asExpected\" : true");
    assertThat(text.toString()).contains("> EnableReplication", "backfill", "Approved as");
  }

  /** Prints as it goes, so a slow run shows where it is. */
  static final class TeeWriter extends java.io.Writer {
    private final StringWriter copy;

    TeeWriter(StringWriter copy) {
      this.copy = copy;
    }

    @Override
    public void write(char[] buf, int off, int len) {
      copy.write(buf, off, len);
      System.out.print(new String(buf, off, len));
    }

    @Override
    public void flush() {
      System.out.flush();
    }

    @Override
    public void close() {}
  }
}
