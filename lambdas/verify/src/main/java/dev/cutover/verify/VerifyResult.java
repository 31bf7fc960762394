package dev.cutover.verify;

import dev.cutover.verify.port.ReportLocation;
import java.util.List;
import java.util.Map;

/**
 * What the verify step returns to the workflow, whose Choice gates on {@code passed}: the step
 * reports mismatches as data rather than failing, so the evidence reaches the report and the
 * approval page. Small by construction (bounded examples); the full list is at {@code report}.
 *
 * @param passed whether the verification is {@code complete} and {@code mismatchedObjects <=
 *     mismatchTolerance}
 * @param complete whether every key was compared; {@code false} when a listing verification ran
 *     out of Lambda time: invoke the step again with this result as {@code resume}
 * @param migrationId the plan's migration id
 * @param scope {@code listing} (every key under the prefix on either side) or {@code keys} (the
 *     keys the task gave)
 * @param objectsCompared keys examined: present on blue, green or both
 * @param sourceObjects of those, present on blue
 * @param targetObjects of those, present on green
 * @param mismatchedObjects objects in at least one mismatch category (each counted once)
 * @param mismatchTolerance the plan's {@code validation.mismatchTolerance}
 * @param counts objects per category ({@code missingOnTarget}, {@code extraOnTarget}, {@code
 *     sizeDiffers}, {@code checksumDiffers}, {@code metadataDiffers}, {@code contentUnverified});
 *     an object can be in more than one
 * @param examples the first findings of each category in key order, shortened
 * @param report where this invocation's findings are, one JSON object per line
 * @param retries calls the step retried after throttling or transient errors
 * @param resumeAfter the last key compared when {@code complete} is false; {@code null} otherwise
 * @param segment the invocations this verification took so far (1 when it fitted in one)
 * @param reports every invocation's findings file, in key order ({@code report} is the last)
 */
record VerifyResult(
    boolean passed,
    boolean complete,
    String migrationId,
    String scope,
    long objectsCompared,
    long sourceObjects,
    long targetObjects,
    long mismatchedObjects,
    int mismatchTolerance,
    Map<String, Long> counts,
    Map<String, List<Example>> examples,
    ReportLocation report,
    long retries,
    String resumeAfter,
    int segment,
    List<ReportLocation> reports) {}
