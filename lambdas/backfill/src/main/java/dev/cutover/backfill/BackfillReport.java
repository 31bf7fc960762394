package dev.cutover.backfill;

import java.util.List;
import java.util.Map;

/**
 * What a backfill job's completion report says failed. Small enough for a state's payload: the
 * full list is in S3 at {@code failedKeys}.
 *
 * @param jobId the job
 * @param reportManifest the completion report's {@code manifest.json}
 * @param failedTasks objects that were not replicated
 * @param failedTasksByErrorCode how many failed with each error code, most frequent first, at most
 *     {@value BackfillStep#MAX_ERROR_CODES} codes
 * @param failedExamples the first failed objects, at most {@value BackfillStep#MAX_EXAMPLES}
 * @param examplesTruncated whether more objects failed than {@code failedExamples} shows
 * @param failedKeys every failed object as JSON lines, one {@link FailedTask} per line
 */
public record BackfillReport(
    String jobId,
    String reportManifest,
    long failedTasks,
    Map<String, Long> failedTasksByErrorCode,
    List<FailedTask> failedExamples,
    boolean examplesTruncated,
    String failedKeys) {}
