package dev.cutover.verify;

import dev.cutover.verify.port.ReportLocation;
import java.util.List;
import java.util.Map;

/**
 * Where an earlier invocation of the same listing verification stopped, and what it had found by
 * then: the previous {@link VerifyResult}, handed back by the workflow when that result said
 * {@code complete: false}. The next invocation lists only keys after {@code after}, adds to these
 * totals and keeps these examples, so the last segment's result is the whole verification's.
 *
 * @param after the last key (full, with the prefix) the earlier invocations compared on both sides
 * @param segment how many invocations ran so far
 * @param objectsCompared keys examined so far
 * @param sourceObjects of those, present on blue
 * @param targetObjects of those, present on green
 * @param mismatched objects in at least one mismatch category so far
 * @param counts objects per category so far, by the category's JSON name
 * @param examples the examples kept so far, by the category's JSON name
 * @param reports the findings files written so far, one per invocation
 * @param retries calls retried so far
 */
record Resume(
    String after,
    int segment,
    long objectsCompared,
    long sourceObjects,
    long targetObjects,
    long mismatched,
    Map<String, Long> counts,
    Map<String, List<Example>> examples,
    List<ReportLocation> reports,
    long retries) {

  Resume {
    counts = Map.copyOf(counts);
    examples = Map.copyOf(examples);
    reports = List.copyOf(reports);
  }
}
