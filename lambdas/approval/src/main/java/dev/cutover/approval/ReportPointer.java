package dev.cutover.approval;

import java.util.List;
import java.util.Map;

/**
 * The part of the report step's result the notice shows: the verdict and its reasons, where the
 * report is, and its summary numbers.
 *
 * @param verdict {@code READY} or {@code NOT_READY}
 * @param reasons why not ready; empty when ready
 * @param json {@code s3://…/report.json}
 * @param html {@code s3://…/report.html}
 * @param summary the summary's fields that have a value, in the order given
 */
record ReportPointer(String verdict, List<String> reasons, String json, String html, Map<String, String> summary) {

  ReportPointer {
    reasons = List.copyOf(reasons);
    summary = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(summary));
  }
}
