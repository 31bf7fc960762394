package dev.cutover.cli.local;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A whole migration on this machine, with no AWS account: what {@code cutover rehearse} runs. The
 * runtime implements it (see the package documentation): seed a blue bucket with {@link
 * Options#objects()} realistic assets, send {@link Options#requestsPerSecond()} requests through
 * the local edge for the whole run, run the real workflow file to its end (asking for the
 * approval on the terminal unless {@link Options#autoApprove()}), and write the report.
 */
public interface Rehearsal {

  /**
   * What the user asked for, already checked by the command.
   *
   * @param objects assets seeded into blue, at least 1
   * @param requestsPerSecond traffic through the local edge during the run, at least 1
   * @param autoApprove approve the cutover at once instead of asking
   * @param fault a fault from {@link #faults()} to inject, to show the gates and the automatic rollback
   * @param reportDirectory where report.html, report.json and the rehearsal's own summary go
   */
  record Options(int objects, int requestsPerSecond, boolean autoApprove, Optional<String> fault, Path reportDirectory) {}

  /** A fault the rehearsal can inject: its name for {@code --fault}, and what it shows. */
  record Fault(String name, String description) {}

  /**
   * What came of it, for the command to print.
   *
   * @param outcome the run's end as {@code cutover watch} names it (MIGRATED, ROLLED_BACK, NOT_READY...)
   * @param succeeded the run did what the options meant it to (with a fault: the gate or rollback caught it)
   * @param objectsMigrated objects on green at the end
   * @param objectsVerified objects verified equal
   * @param requestsServedBlue requests the local edge served from blue
   * @param requestsServedGreen requests it served from green
   * @param failedRequests requests that got no asset, leaving out those the injected fault itself
   *     causes (green's 5xx before the rollback): must be 0
   * @param cutoverTime from the approval to the alias live on green, if the cutover ran
   * @param rollbackTime how long the rollback took, if one ran
   * @param reportDirectory where the reports are
   */
  record Result(
      String outcome,
      boolean succeeded,
      long objectsMigrated,
      long objectsVerified,
      long requestsServedBlue,
      long requestsServedGreen,
      long failedRequests,
      Optional<Duration> cutoverTime,
      Optional<Duration> rollbackTime,
      Path reportDirectory) {}

  /** The faults {@link Options#fault()} may name, for {@code --list-faults} and to check {@code --fault}. */
  List<Fault> faults();

  /**
   * Runs the rehearsal to its end, telling {@code progress} what happens as it happens (plain
   * lines, for a person).
   */
  Result run(Options options, PrintWriter progress) throws InterruptedException;
}
