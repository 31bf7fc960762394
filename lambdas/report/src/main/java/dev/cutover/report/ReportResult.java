package dev.cutover.report;

import java.util.List;

/**
 * What the report step returns to the workflow: small, for the state and the approval notice,
 * which names the page rather than carrying it.
 *
 * @param verdict whether the evidence supports approving
 * @param reasons why not, when not; empty when {@link Verdict#READY}
 * @param json {@code s3://…/report.json}
 * @param html {@code s3://…/report.html}
 * @param summary a few numbers for the notice
 */
public record ReportResult(Verdict verdict, List<String> reasons, String json, String html, Summary summary) {}
