package dev.cutover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a finished run ended, in the workflow's words, and what to do about it. The Fail states'
 * error names ({@code cutover.NotReady}, {@code cutover.RollbackFailed}...) and the Succeed
 * states' {@code outcome} ({@code MIGRATED}, {@code VALIDATED}...) are the workflow's contract
 * (statemachine/migration.asl.json; README "The workflow").
 *
 * @param status SUCCEEDED, FAILED, TIMED_OUT or ABORTED
 * @param result the Succeed state's {@code outcome}, or the Fail state's error
 * @param cause the Fail state's cause, if any
 * @param output the Succeed state's output, if any
 * @param advice what to do now, one or two sentences
 * @param exitCode 0 when the run did what was asked, else 1
 */
record Outcome(String status, String result, String cause, JsonNode output, String advice, int exitCode) {

  private static final Pattern REPORT_IN_CAUSE = Pattern.compile("\\(report: (s3://[^)\\s]+)\\)");

  static Optional<Outcome> of(Run run) {
    if (run.running()) {
      return Optional.empty();
    }
    String arn = run.execution.executionArn();
    String status = run.execution.statusAsString();
    String error = run.execution.error();
    String cause = run.execution.cause();
    JsonNode output = Run.parse(run.execution.output());
    return Optional.of(switch (status) {
      case "SUCCEEDED" -> succeeded(arn, output);
      case "FAILED" -> failed(arn, error, cause, run);
      case "TIMED_OUT" -> new Outcome(status, nonNull(error, "States.Timeout"), cause, null,
          "The run hit its own timeout. If the cutover had begun, the Cutover stack's EventBridge rule starts an automatic"
              + " rollback run; to roll back yourself: cutover rollback " + arn, ExitCodes.RUN_FAILED);
      default -> new Outcome(status, nonNull(error, "stopped"), cause, null,
          "The run was stopped (StopExecution). If the cutover had begun, the Cutover stack's EventBridge rule starts an"
              + " automatic rollback run; to roll back yourself: cutover rollback " + arn, ExitCodes.RUN_FAILED);
    });
  }

  private static Outcome succeeded(String arn, JsonNode output) {
    String result = output.path("outcome").asText("SUCCEEDED");
    String advice = switch (result) {
      case "MIGRATED" -> "Users reach " + output.path("hostname").asText("the hostname") + " on green. Blue is untouched and"
          + " stays a rollback target until you decommission it (never automatic); report: " + output.path("report").asText("cutover report " + arn) + ".";
      case "VALIDATED" -> "Green matches blue (verdict " + output.path("verdict").asText("READY") + "); nothing was changed. Report: "
          + output.path("report").asText("cutover report " + arn) + ".";
      case "ROLLED_BACK" -> "Users are on blue again and replication is restored; nothing was deleted.";
      case "NOTHING_TO_ROLL_BACK" -> "The failed run " + output.path("failedRun").asText("") + " never began the cutover or"
          + " already rolled back: users are on blue; nothing to do.";
      case "LEFT_FOR_A_PERSON" -> "A rollback failed and is not retried automatically: run cutover rollback "
          + output.path("failedRun").asText(arn) + " (every rollback action is safe to repeat), and check the notice for the step that failed.";
      default -> "The run succeeded.";
    };
    return new Outcome("SUCCEEDED", result, null, output, advice, result.equals("LEFT_FOR_A_PERSON") ? ExitCodes.RUN_FAILED : ExitCodes.OK);
  }

  private static Outcome failed(String arn, String error, String cause, Run run) {
    String advice = switch (nonNull(error, "")) {
      case "cutover.NotReady" -> "Green is not ready; nothing user-facing changed and replication keeps running. Read the report: "
          + reportLocation(cause, run).map(r -> r + ", or ").orElse("") + "cutover report " + arn + " --out ./report. Fix what it"
          + " names, then start a new run.";
      case "cutover.Stopped" -> "A step failed before the cutover; users stay on blue. The cause names the step and its error:"
          + " fix that, then start a new run. Report: cutover report " + arn + ".";
      case "cutover.NotApproved" -> "The cutover was rejected or the approval timed out; nothing user-facing changed. Start a new"
          + " run when ready.";
      case "cutover.RolledBack" -> "Something failed after the first change, and the run rolled back: users are on blue and"
          + " replication is restored. The cause names the step and its error.";
      case "cutover.RollbackFailed" -> "The rollback did not finish: run `cutover rollback " + arn + "` (every rollback action is"
          + " safe to repeat) once the cause is fixed, and check where users are.";
      default -> "The run failed with an error the workflow did not catch. Read the last events (cutover watch " + arn
          + " --events 30); if the cutover had begun, run cutover rollback " + arn + ".";
    };
    return new Outcome("FAILED", nonNull(error, "failed"), cause, null, advice, ExitCodes.RUN_FAILED);
  }

  /** The report the gate's cause names, else the report step's html location in the history. */
  static Optional<String> reportLocation(String cause, Run run) {
    if (cause != null) {
      Matcher m = REPORT_IN_CAUSE.matcher(cause);
      if (m.find()) {
        return Optional.of(m.group(1));
      }
    }
    return run.lastResult("WriteReport").map(r -> r.path("html").asText(null)).filter(s -> s != null && !s.isEmpty());
  }

  private static String nonNull(String value, String otherwise) {
    return value == null || value.isEmpty() ? otherwise : value;
  }
}
