package dev.cutover.parity;

import dev.cutover.parity.port.ReportLocation;
import java.util.List;
import java.util.Map;

/**
 * What the parity step returns to the workflow, whose Choice gates on {@code passed}. Differences
 * are data, not errors: the evidence reaches the report and the approval page. Small by
 * construction: at most {@value Examples#MAX} findings of each list, values shortened; every
 * finding is in the report.
 *
 * @param passed no configuration difference outside the plan's allow-list, no probe difference,
 *     and every sampled key probed
 * @param migrationId the plan's migration id
 * @param blue the blue distribution compared
 * @param green the green distribution compared
 * @param configFindings the first configuration differences, those not allowed first
 * @param probeFindings the first probe differences
 * @param counts {@code configDifferences}, {@code configDifferencesAllowed}, {@code
 *     probeDifferences}, {@code keysWithProbeDifferences}, {@code keysProbed}, {@code keysNotProbed}
 * @param probed keys fetched through both distributions
 * @param report the full findings, normalised configurations and every probe's answers
 */
record ParityResult(
    boolean passed,
    String migrationId,
    EdgeSummary blue,
    EdgeSummary green,
    List<ConfigFinding> configFindings,
    List<ProbeFinding> probeFindings,
    Map<String, Long> counts,
    int probed,
    ReportLocation report) {}
