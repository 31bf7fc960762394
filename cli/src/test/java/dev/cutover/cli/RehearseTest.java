package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.cli.local.LocalRehearsal;
import dev.cutover.cli.local.Rehearsal;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cutover rehearse} on the real local runtime, as the README runs it. */
class RehearseTest {

  @Test
  void the_build_finds_the_local_runtime_with_service_loader() {
    assertThat(ServiceLoader.load(Rehearsal.class).findFirst()).get().isInstanceOf(LocalRehearsal.class);
    assertThat(new LocalRehearsal().faults()).extracting(Rehearsal.Fault::name).contains("missing-object", "metadata-drift",
        "backfill-tasks-failing", "parity-drift", "approval-rejected", "approval-timeout", "green-5xx", "s3-throttling", "engine-killed");
    // --list-faults says what each injects and where it ends.
    for (dev.cutover.local.rehearsal.Fault f : dev.cutover.local.rehearsal.Fault.values()) {
      assertThat(new LocalRehearsal().faults()).anySatisfy(listed -> assertThat(listed.description()).contains(f.what(), f.ends()));
    }
  }

  @Test
  void a_rehearsal_asks_for_the_approval_at_the_prompt_and_ends_migrated_with_no_failed_request(@TempDir Path reports) throws Exception {
    // The person types something else first, then approves.
    Rehearsal runtime = new LocalRehearsal(() -> new BufferedReader(new StringReader("maybe\napprove\n")), true);
    CliEnvironment env = new CliEnvironment(Map.of(), Clock.systemUTC(), Sleeper.SYSTEM, false, () -> Optional.of(runtime), Optional::empty);

    LocalWorld.Result r = LocalWorld.run(env, "rehearse", "--objects", "25", "--rate", "20", "--report-dir", reports.toString());

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("The workflow asks for approval", "Please type approve or reject.", "Approved as", "> MoveAliasToGreen",
        "As expected.");
    assertThat(r.out()).contains("Outcome    MIGRATED").containsPattern("\\d+ served by blue, \\d+ by green, 0 failed");
    assertThat(reports.resolve("rehearsal.html")).exists();
    assertThat(Files.readString(reports.resolve("report.html"))).contains("READY");
  }
}
