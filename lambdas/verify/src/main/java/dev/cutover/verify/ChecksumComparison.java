package dev.cutover.verify;

import dev.cutover.verify.port.ReportLocation;
import java.util.List;
import java.util.Map;

/**
 * What the comparison of both Compute checksum reports found, for the workflow's gate (which
 * branches on {@code passed}) and the report. A differing checksum is data, not an error: it
 * proves green serves other bytes than blue for that key. Small by construction (bounded
 * examples); every object's outcome is at {@code report}.
 *
 * @param passed whether {@code checksumDiffers <= mismatchTolerance}; objects still unverified
 *     do not count against it, as {@code contentUnverified} does not in the verify step's result
 * @param migrationId the plan's migration id
 * @param checksum what was compared, e.g. {@code CRC64NVME FULL_OBJECT}
 * @param objects objects the manifests listed
 * @param verifiedEqual objects whose checksums agree: green provably serves blue's bytes
 * @param checksumDiffers objects whose checksums differ: different bytes
 * @param stillUnverified objects with no checksum on one side or both (the task failed, or the
 *     report has no row for the object)
 * @param mismatchTolerance the plan's {@code validation.mismatchTolerance}
 * @param checksumDiffersExamples the first differing objects in key order, at most {@value
 *     ChecksumStep#MAX_EXAMPLES}
 * @param stillUnverifiedExamples the first unverified objects in key order, at most {@value
 *     ChecksumStep#MAX_EXAMPLES}
 * @param stillUnverifiedByReason unverified objects per reason ({@code source:AccessDenied},
 *     {@code target:NoResult}…), most frequent first, at most {@value ChecksumStep#MAX_REASONS}
 * @param report every object's outcome, one JSON object per line
 */
public record ChecksumComparison(
    boolean passed,
    String migrationId,
    String checksum,
    long objects,
    long verifiedEqual,
    long checksumDiffers,
    long stillUnverified,
    int mismatchTolerance,
    List<Difference> checksumDiffersExamples,
    List<Unverified> stillUnverifiedExamples,
    Map<String, Long> stillUnverifiedByReason,
    ReportLocation report) {

  /** A key whose checksums differ, with both (base64, as HEAD shows checksums). */
  public record Difference(String key, String source, String target) {}

  /** A key still unverified, and why. */
  public record Unverified(String key, String reason) {}
}
