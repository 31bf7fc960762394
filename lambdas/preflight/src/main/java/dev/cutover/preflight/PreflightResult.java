package dev.cutover.preflight;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the preflight step returns; the report step reads exactly these field names. Failing
 * preflight is data ({@code passed: false}), not an error, so every finding reaches the report
 * at once. Small by construction: a bounded number of findings, each with at most five shortened
 * example keys.
 *
 * @param passed false iff any finding is a {@link Severity#BLOCKER}
 * @param migrationId the plan's migration id
 * @param counts findings per severity, every severity present
 * @param findings every finding, blockers first, then warnings, then information
 * @param estimate objects, bytes and what the run will cost
 */
public record PreflightResult(
    boolean passed, String migrationId, Map<String, Integer> counts, List<Finding> findings, Estimate estimate) {

  static PreflightResult of(String migrationId, List<Finding> findings, Estimate estimate) {
    List<Finding> ordered =
        findings.stream().sorted((a, b) -> a.severity().compareTo(b.severity())).toList();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Severity severity : Severity.values()) {
      counts.put(severity.name(), (int) ordered.stream().filter(f -> f.severity() == severity).count());
    }
    return new PreflightResult(counts.get(Severity.BLOCKER.name()) == 0, migrationId, counts, ordered, estimate);
  }
}
