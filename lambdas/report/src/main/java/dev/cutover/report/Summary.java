package dev.cutover.report;

import java.math.BigDecimal;

/**
 * A few numbers for the approval notice, so it can say what is being approved without the page.
 * A {@code null} means the step did not run or did not say.
 *
 * @param mode the run's mode
 * @param preflightBlockers preflight's blockers
 * @param preflightWarnings preflight's warnings
 * @param estimatedCostUsd preflight's cost estimate, total
 * @param backfillTotalTasks objects in the backfill job
 * @param backfillFailedTasks objects the backfill job could not replicate
 * @param objectsCompared objects the listing verify examined
 * @param mismatchedObjects of those, objects that differ
 * @param hotKeysCompared hot keys the per-key verify examined
 * @param hotKeysMismatched of those, keys that differ
 * @param problems fields of the evidence the report could not read
 */
public record Summary(
    String mode,
    Long preflightBlockers,
    Long preflightWarnings,
    BigDecimal estimatedCostUsd,
    Long backfillTotalTasks,
    Long backfillFailedTasks,
    Long objectsCompared,
    Long mismatchedObjects,
    Long hotKeysCompared,
    Long hotKeysMismatched,
    int problems) {

  static Summary of(Evidence e) {
    PreflightEvidence p = e.preflight().value();
    BackfillEvidence b = e.backfill().value();
    BackfillEvidence.Progress progress = b == null ? null : b.progress();
    VerifyEvidence v = e.verify().value();
    VerifyEvidence k = e.verifyKeys().value();
    return new Summary(
        e.plan().mode().name(),
        p == null ? null : p.blockers(),
        p == null ? null : p.warnings(),
        p == null || p.estimate() == null ? null : p.estimate().total(),
        progress == null ? null : progress.totalTasks(),
        progress == null ? null : progress.failedTasks(),
        v == null ? null : v.objectsCompared(),
        v == null ? null : v.mismatchedObjects(),
        k == null ? null : k.objectsCompared(),
        k == null ? null : k.mismatchedObjects(),
        e.problemsTotal());
  }
}
