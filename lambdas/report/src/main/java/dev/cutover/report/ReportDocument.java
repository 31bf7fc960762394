package dev.cutover.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * {@code report.json}: the verdict, why, and the evidence it rests on, for tools and for the
 * record. The sections are kept exactly as the steps returned them (their size is bounded by the
 * state payload limit); the page shows a bounded view of them.
 *
 * @param reportVersion this document's format; bumped when a field changes meaning
 * @param runName the execution's name, which names the report's folder
 * @param generatedAt when the report was written (ISO-8601, UTC)
 * @param sections each section's status, in page order
 * @param problems fields of the evidence that could not be read (at most {@value Problems#MAX})
 * @param problemsTotal how many there were
 * @param html where the page is
 * @param plan the plan, with its effective defaults
 * @param evidence the sections as received, absent ones left out
 */
record ReportDocument(
    int reportVersion,
    String migrationId,
    String executionId,
    String runName,
    String mode,
    String generatedAt,
    Verdict verdict,
    List<String> reasons,
    List<String> notes,
    Map<String, Status> sections,
    Summary summary,
    List<ReadProblem> problems,
    int problemsTotal,
    String html,
    JsonNode plan,
    Map<String, JsonNode> evidence) {

  static final int VERSION = 1;
}
