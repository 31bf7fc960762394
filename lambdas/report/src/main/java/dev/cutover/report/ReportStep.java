package dev.cutover.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.json.Json;
import dev.cutover.plan.Plan;
import dev.cutover.report.port.ReportLocation;
import dev.cutover.report.port.ReportStore;
import dev.cutover.task.TaskPayload;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Assembles the evidence of a run into {@code report.json} and {@code report.html} and writes both
 * to {@code {batch.reportPrefix}{migrationId}/report/<execution name>/} in the report bucket. The
 * folder is named after the execution, so a retried task overwrites its own report and two runs
 * never share one. Nothing else is written, and nothing is read from blue or green.
 */
final class ReportStep {

  static final String JSON_FILE = "report.json";
  static final String HTML_FILE = "report.html";
  static final String JSON_CONTENT_TYPE = "application/json";
  static final String HTML_CONTENT_TYPE = "text/html; charset=utf-8";

  private final ReportStore store;
  private final Clock clock;

  ReportStep(ReportStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  ReportResult run(ReportInput input) {
    Plan plan = input.plan();
    Evidence evidence = Evidence.read(input);
    Assessment assessment = Assessment.of(evidence);
    Summary summary = Summary.of(evidence);
    String runName = TaskPayload.runName(input.executionId());
    String folder = folder(plan, runName);
    String bucket = plan.batch().reportBucket();
    String jsonUri = new ReportLocation(bucket, folder + JSON_FILE).uri();
    String htmlUri = new ReportLocation(bucket, folder + HTML_FILE).uri();

    Map<String, Status> statuses = new LinkedHashMap<>();
    assessment.checks().forEach(c -> statuses.put(c.section(), c.status()));
    ReportDocument document =
        new ReportDocument(
            ReportDocument.VERSION,
            plan.migrationId(),
            input.executionId(),
            runName,
            plan.mode().name(),
            clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(),
            assessment.verdict(),
            assessment.reasons(),
            assessment.notes(),
            statuses,
            summary,
            evidence.problems(),
            evidence.problemsTotal(),
            htmlUri,
            Json.mapper().<JsonNode>valueToTree(plan),
            input.sections());
    byte[] json = pretty(document).getBytes(StandardCharsets.UTF_8);
    byte[] html = HtmlPage.render(evidence, assessment, document, jsonUri).getBytes(StandardCharsets.UTF_8);

    ReportLocation jsonAt = store.put(folder + JSON_FILE, json, JSON_CONTENT_TYPE);
    ReportLocation htmlAt = store.put(folder + HTML_FILE, html, HTML_CONTENT_TYPE);
    return new ReportResult(assessment.verdict(), assessment.reasons(), jsonAt.uri(), htmlAt.uri(), summary);
  }

  /** {@code {batch.reportPrefix}{migrationId}/report/<run>/}. */
  static String folder(Plan plan, String runName) {
    return plan.batch().reportPrefix() + plan.migrationId() + "/report/" + runName + "/";
  }


  private static String pretty(Object value) {
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
