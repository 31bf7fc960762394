package dev.cutover.infra;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One Lambda function of the workflow: its handler, the zip the reactor builds for it, its size
 * and time budget, and which accounts' roles it assumes. The list {@link #ALL} is the one place
 * the app and the template tests learn the functions from.
 *
 * @param id construct id and role-name suffix, e.g. {@code Preflight}
 * @param handler the Lambda handler class
 * @param module the directory under {@code lambdas/} whose zip holds it
 * @param memoryMb memory (Lambda gives CPU in proportion)
 * @param timeoutSeconds the invocation's time budget
 * @param ephemeralStorageMb {@code /tmp} size
 * @param placeholder the {@code ${...}} name the ASL uses for its ARN, if the state machine invokes it
 * @param assumes the accounts whose access role it assumes
 */
public record Step(
    String id,
    String handler,
    String module,
    int memoryMb,
    int timeoutSeconds,
    int ephemeralStorageMb,
    Optional<String> placeholder,
    Set<Side> assumes) {

  /** An account whose access role a step assumes. */
  public enum Side {
    /** Blue's account: {@code <name>-source}. */
    SOURCE,
    /** Green's account: {@code <name>-target}. */
    TARGET,
    /** The hosted zone's account, when {@code cutover:dnsRoleArn} is set. */
    DNS
  }

  private static Step invoked(String id, String handler, String module, int memoryMb, int timeoutSeconds, Set<Side> assumes) {
    return new Step(id, handler, module, memoryMb, timeoutSeconds, 512, Optional.of(id + "FunctionArn"), assumes);
  }

  private static final Set<Side> BOTH = Set.of(Side.SOURCE, Side.TARGET);

  /**
   * Every function, with the budgets /work/contracts.md derives from each handler: the steps that
   * list whole buckets or wait for Athena (up to 10 min in process) get Lambda's maximum, 900 s,
   * and stop early on their own (verify keeps 120 s back); the checksum comparison joins partitions
   * in /tmp (2 GB); the others make a handful of control-plane calls with in-call backoff. Memory
   * buys CPU for the JVM's start and for hashing.
   */
  public static final List<Step> ALL =
      List.of(
          invoked("Preflight", "dev.cutover.preflight.PreflightHandler", "preflight", 1024, 900, BOTH),
          invoked("Replication", "dev.cutover.replication.ReplicationHandler", "replication", 512, 120, BOTH),
          invoked("Backfill", "dev.cutover.backfill.BackfillHandler", "backfill", 1024, 300, BOTH),
          invoked("Verify", "dev.cutover.verify.VerifyHandler", "verify", 2048, 900, BOTH),
          // Not in the workflow (the plan names no inventory tables): run by hand for buckets too big to list.
          new Step("VerifyInventory", "dev.cutover.verify.VerifyInventoryHandler", "verify", 1024, 900, 512, Optional.empty(), BOTH),
          new Step("Checksum", "dev.cutover.verify.ChecksumHandler", "verify", 2048, 900, 4096, Optional.of("ChecksumFunctionArn"), BOTH),
          invoked("Parity", "dev.cutover.parity.ParityHandler", "parity", 1024, 300, BOTH),
          invoked("LogScan", "dev.cutover.logscan.LogScanHandler", "logscan", 1024, 900, BOTH),
          invoked("Report", "dev.cutover.report.ReportHandler", "report", 1024, 300, BOTH),
          invoked("RequestApproval", "dev.cutover.approval.RequestApprovalHandler", "approval", 512, 60, Set.of()),
          invoked("Cutover", "dev.cutover.cutover.CutoverHandler", "cutover", 512, 180, Set.of(Side.SOURCE, Side.TARGET, Side.DNS)),
          invoked("Rollback", "dev.cutover.cutover.RollbackHandler", "cutover", 512, 180, Set.of(Side.SOURCE, Side.TARGET, Side.DNS)),
          invoked("Watch", "dev.cutover.watch.WatchHandler", "watch", 512, 120, Set.of(Side.TARGET)),
          // Invoked per object by a Batch Operations job on green (the batch role may invoke it).
          new Step("VerifyBatchTask", "dev.cutover.verify.VerifyBatchTaskHandler", "verify", 1024, 300, 512, Optional.empty(), BOTH),
          // Behind a function URL (AuthType AWS_IAM): approvers call it with `cutover approve|reject`.
          new Step("Decide", "dev.cutover.approval.DecideHandler", "approval", 512, 30, 512, Optional.empty(), Set.of()));

  /** The zip the module's build writes, relative to the repository root. */
  public Path zip(Path repositoryRoot) {
    return repositoryRoot.resolve("lambdas").resolve(module).resolve("target").resolve("cutover-" + module + "-lambda.zip");
  }

  /** Powertools' service name: the step in the logs. */
  public String serviceName() {
    return "cutover-" + kebab(id);
  }

  /** The name of the function's execution role ({@code <name>-step-<id>}), which blue's role trusts by prefix. */
  public String roleName(CutoverSettings settings) {
    return settings.stepRolePrefix() + kebab(id);
  }

  static String kebab(String id) {
    return id.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
