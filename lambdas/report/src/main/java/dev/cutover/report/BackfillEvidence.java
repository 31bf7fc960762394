package dev.cutover.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backfill step's outputs as the report reads them: {@code {"progress": BackfillProgress,
 * "report": BackfillReport}}, the last DESCRIBE of the job and, when the job had failed tasks, the
 * REPORT of its completion report (field names as the backfill module's records write them).
 *
 * @param progress the job's last known state; {@code null} when the section has none
 * @param report what the completion report says failed; {@code null} when not read
 */
record BackfillEvidence(Progress progress, FailureReport report) {

  static final int MAX_EXAMPLES = 10;
  static final int MAX_ERROR_CODES = 20;
  static final int MAX_FAILURE_REASONS = 5;

  /** {@code BackfillProgress}: outcome is {@code RUNNING}, {@code SUCCEEDED} or {@code FAILED}. */
  record Progress(
      String jobId,
      String jobStatus,
      String outcome,
      Long totalTasks,
      Long succeededTasks,
      Long failedTasks,
      List<JobFailure> failureReasons,
      String statusUpdateReason) {}

  /** Why a job failed as a whole. */
  record JobFailure(String code, String reason) {}

  /** {@code BackfillReport}. */
  record FailureReport(
      String jobId,
      String reportManifest,
      Long failedTasks,
      Map<String, Long> failedTasksByErrorCode,
      List<FailedTask> failedExamples,
      int failedExamplesTotal,
      Boolean examplesTruncated,
      String failedKeys) {}

  /** One object the job could not replicate. */
  record FailedTask(
      String bucket, String key, String versionId, String errorCode, String httpStatus, String message) {}

  static BackfillEvidence read(Node node) {
    Node progress = node.get("progress").object();
    Node report = node.get("report").object();
    return new BackfillEvidence(
        progress.absent() ? null : progress(progress), report.absent() ? null : report(report));
  }

  private static Progress progress(Node node) {
    List<JobFailure> reasons = new ArrayList<>();
    List<Node> items = node.get("failureReasons").items();
    for (Node item : items.subList(0, Math.min(items.size(), MAX_FAILURE_REASONS))) {
      Node reason = item.object();
      if (!reason.absent()) {
        reasons.add(new JobFailure(reason.get("code").text(), reason.get("reason").text()));
      }
    }
    return new Progress(
        node.get("jobId").text(),
        node.get("jobStatus").text(),
        node.get("outcome").text(),
        node.get("totalTasks").whole(),
        node.get("succeededTasks").whole(),
        node.get("failedTasks").whole(),
        reasons,
        node.get("statusUpdateReason").text());
  }

  private static FailureReport report(Node node) {
    Map<String, Long> byCode = new LinkedHashMap<>();
    node.get("failedTasksByErrorCode").fields().entrySet().stream()
        .limit(MAX_ERROR_CODES)
        .forEach(e -> byCode.put(e.getKey(), e.getValue().whole()));
    List<Node> items = node.get("failedExamples").items();
    List<FailedTask> examples = new ArrayList<>();
    for (Node item : items.subList(0, Math.min(items.size(), MAX_EXAMPLES))) {
      Node task = item.object();
      if (!task.absent()) {
        examples.add(
            new FailedTask(
                task.get("bucket").text(),
                task.get("key").text(),
                task.get("versionId").text(),
                task.get("errorCode").text(),
                task.get("httpStatus").text(),
                task.get("message").text()));
      }
    }
    return new FailureReport(
        node.get("jobId").text(),
        node.get("reportManifest").text(),
        node.get("failedTasks").whole(),
        byCode,
        examples,
        items.size(),
        node.get("examplesTruncated").bool(),
        node.get("failedKeys").text());
  }
}
