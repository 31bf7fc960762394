package dev.cutover.local.rehearsal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The faults a rehearsal can inject ({@code cutover rehearse --fault NAME}), each with where it
 * must end. Whatever the fault, no object that was in blue before the run is touched.
 */
public enum Fault {
  MISSING_OBJECT("missing-object", "an object is deleted from green after the backfill",
      "stops at the gate (cutover.NotReady): verify names the key; users stay on blue", "FAILED", "cutover.NotReady"),
  METADATA_DRIFT("metadata-drift", "an object's Cache-Control differs on green",
      "stops at the gate (cutover.NotReady): verify names the field; users stay on blue", "FAILED", "cutover.NotReady"),
  BACKFILL_TASKS_FAILING("backfill-tasks-failing", "the backfill job fails to copy some objects (AccessDenied)",
      "stops at the gate (cutover.NotReady) with the failed keys in the report; replication keeps running", "FAILED", "cutover.NotReady"),
  PARITY_DRIFT("parity-drift", "green's distribution compresses nothing where blue's does",
      "stops at the gate (cutover.NotReady): parity names the setting; users stay on blue", "FAILED", "cutover.NotReady"),
  APPROVAL_REJECTED("approval-rejected", "the approver rejects the cutover",
      "ends cutover.NotApproved; nothing user-facing changed", "FAILED", "cutover.NotApproved"),
  APPROVAL_TIMEOUT("approval-timeout", "nobody decides before the approval times out",
      "ends cutover.NotApproved (timed out); nothing user-facing changed", "FAILED", "cutover.NotApproved"),
  GREEN_5XX("green-5xx", "green answers 5xx after the cutover",
      "the bake's watch sees it and rolls back on its own (cutover.RolledBack): traffic back on blue", "FAILED", "cutover.RolledBack"),
  S3_THROTTLING("s3-throttling", "S3 answers SlowDown to a share of requests during the backfill and the verification",
      "the steps retry and the migration completes", "SUCCEEDED", null),
  ENGINE_KILLED("engine-killed", "the workflow engine stops mid-run and starts again from its journal",
      "the run resumes where it stopped and the migration completes", "SUCCEEDED", null);

  private final String option;
  private final String what;
  private final String ends;
  private final String status;
  private final String error;

  Fault(String option, String what, String ends, String status, String error) {
    this.option = option;
    this.what = what;
    this.ends = ends;
    this.status = status;
    this.error = error;
  }

  /** The name {@code --fault} takes. */
  public String option() {
    return option;
  }

  /** What is injected. */
  public String what() {
    return what;
  }

  /** Where the run must end, in words. */
  public String ends() {
    return ends;
  }

  /** The execution status it must end with. */
  public String status() {
    return status;
  }

  /** The execution's error when it ends FAILED. */
  public Optional<String> error() {
    return Optional.ofNullable(error);
  }

  /** The fault named {@code option}, or an error listing the names. */
  public static Fault parse(String option) {
    String wanted = option == null ? "" : option.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.option.equals(wanted)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("--fault " + option + " is not a fault this rehearsal knows; it knows: "
            + Arrays.stream(values()).map(Fault::option).collect(Collectors.joining(", ")) + " (cutover rehearse --list-faults says what each does)."));
  }

}
